"""Quotas in the demo company: last year's scores, this year's phasing, and a mix of paces.

- **Last year** closed with scores: reps checked in their ARR month by month, heavier at
  quarter ends and in Q4 (as enterprise sales go), so the scores recorded at close carry
  month actuals, and a few reps of the showcased team wrote a retrospective.
- **This year** is phased: new ARR by last year's shape (the company's actuals, read from
  those scores), passed down the ARR cascade as each parent's shape; one rep's quarters
  typed by their manager; pipeline evenly by quarter; marketing's pipeline by month with
  its events calendar. Logos stay unphased (a straight line), as most goals do.
- **Pace**: the check-in history the cascade builder wrote is judged against that phasing,
  so some reps are behind and most are on pace; in the showcased team one rep's latest
  check-in puts them clearly behind and another's clearly on pace, whatever the day.

Set-based throughout (a few bulk writes), so it stays quick at benchmark size.
"""

import datetime
import random
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from accounts.models import Person
from demo.organisation import Organisation
from goals.models import CheckIn, Cycle, Goal, GoalScore, Granularity, PhasingMethod, Status, Tier, Unit
from goals.quotas.pace import with_pace
from goals.quotas.periods import CENT, cycle_periods
from goals.quotas.services import prior_cycle_profile, record_cycle_scores, write_phasings
from goals.rollup import refresh_rollups_upward

# Last year's monthly share of a rep's ARR, before each rep's own noise: quarter ends and Q4 weigh most.
MONTH_SHAPE = [4, 5, 9, 6, 7, 11, 6, 7, 12, 8, 10, 15]
MARKETING_MONTHS = [8, 8, 9, 7, 6, 9, 10, 11, 12, 9, 6, 5]  # events in autumn, quiet at the year's turn
TYPED_SHAPE = [Decimal("0.15"), Decimal("0.25"), Decimal("0.25")]  # the rest in Q4
RETROSPECTIVES = [
    "Q4 carried the year again: two enterprise deals slipped from Q3 and closed in January. "
    "This year I start multi-threading the big ones in Q2.",
    "Missed by a deal. Pipeline was thin in H1 because I took over the territory late; "
    "prospecting blocks every Monday from now on.",
    "Renewals with expansion did most of the work. Partner-sourced deals closed faster than direct ones.",
]


def seed_sales_depth(org: Organisation, prior: Cycle, active: Cycle, now: datetime.datetime, *, seed: int) -> None:
    rng = random.Random(seed * 16)
    _close_last_year(org, prior, rng)
    _phase_this_year(org, active)
    _set_the_showcased_paces(org, active, now)


# --- last year ---------------------------------------------------------------------------


def _close_last_year(org: Organisation, prior: Cycle, rng: random.Random) -> None:
    months = cycle_periods(prior.start, prior.end, Granularity.MONTH)
    if len(months) != len(MONTH_SHAPE):
        return
    goals = list(
        Goal.objects.filter(cycle=prior, tier=Tier.REP, unit=Unit.USD).values_list("pk", "owner_id", "current")
    )
    checkins = []
    for pk, owner_id, final in goals:
        weights = [share * rng.lognormvariate(0, 0.3) for share in MONTH_SHAPE]
        total, running = sum(weights), 0.0
        for month, weight in zip(months, weights, strict=True):
            running += weight
            value = final if month is months[-1] else (final * Decimal(running / total)).quantize(Decimal(1))
            when = datetime.datetime.combine(month.end, datetime.time(17), tzinfo=datetime.UTC)
            checkins.append(CheckIn(goal_id=pk, value=value, author_id=owner_id, created=when, confidence="on_track"))
    CheckIn.objects.bulk_create(checkins, batch_size=5000)
    last = datetime.datetime.combine(prior.end, datetime.time(17), tzinfo=datetime.UTC)
    Goal.objects.filter(pk__in=[pk for pk, _, _ in goals]).update(last_checkin_at=last)
    closed_at = datetime.datetime.combine(
        prior.end + datetime.timedelta(days=3), datetime.time(18), tzinfo=datetime.UTC
    )
    record_cycle_scores(prior, now=closed_at)

    showcased = [rep.pk for rep in org.teams[0].reps]
    scores = list(
        GoalScore.objects.filter(goal__cycle=prior, goal__owner_id__in=showcased, goal__tier=Tier.REP).order_by(
            "goal__owner_id"
        )
    )
    for score, text in zip(scores, RETROSPECTIVES, strict=False):
        score.retrospective = text
        score.retrospective_at = closed_at + datetime.timedelta(days=2)
    GoalScore.objects.bulk_update(scores, ["retrospective", "retrospective_at"])


# --- this year ---------------------------------------------------------------------------


def _phase_this_year(org: Organisation, active: Cycle) -> None:
    ex = org.executives
    quarters = cycle_periods(active.start, active.end, Granularity.QUARTER)
    months = cycle_periods(active.start, active.end, Granularity.MONTH)
    objectives = {goal.metric: goal for goal in Goal.objects.filter(cycle=active, tier=Tier.CORPORATE)}
    pursued = Goal.objects.filter(cycle=active).exclude(status=Status.DROPPED).exclude(target=F("baseline"))

    arr = objectives.get("new ARR")
    if arr is not None:
        weights, source = prior_cycle_profile(arr, Granularity.QUARTER)
        write_phasings([(arr, quarters, weights)], method=PhasingMethod.PRIOR_CYCLE, source=source, set_by=ex["ceo"])
        typed = _typed_goal(org, active)
        below = pursued.filter(tree_id=arr.tree_id, metric="new ARR", unit=Unit.USD, level__gt=0)
        if typed is not None:
            below = below.exclude(pk=typed.pk)
        write_phasings(
            [(goal, quarters, weights) for goal in below],
            method=PhasingMethod.PARENT,
            source="its parent goal",
            set_by=ex["cro"],
        )
        if typed is not None:
            amounts = [(typed.target * share).quantize(Decimal(1000)) for share in TYPED_SHAPE]
            amounts.append(typed.target - sum(amounts))
            write_phasings(
                [(typed, quarters, amounts)], method=PhasingMethod.TYPED, source="", set_by=org.teams[0].manager
            )

    pipeline = objectives.get("qualified pipeline")
    if pipeline is not None:
        marketing = pursued.filter(tree_id=pipeline.tree_id, owner=ex["vp_marketing"], tier=Tier.EXECUTIVE).first()
        sales = pursued.filter(tree_id=pipeline.tree_id, metric="qualified pipeline", unit=Unit.USD)
        write_phasings(
            [(goal, quarters, [Decimal(1)] * len(quarters)) for goal in sales],
            method=PhasingMethod.EVEN,
            source="",
            set_by=ex["vp_marketing"],
        )
        if marketing is not None and len(months) == len(MARKETING_MONTHS):
            write_phasings(
                [(marketing, months, [Decimal(weight) for weight in MARKETING_MONTHS])],
                method=PhasingMethod.SEASONAL,
                source="a typed profile",
                set_by=ex["vp_marketing"],
            )


def _typed_goal(org: Organisation, active: Cycle) -> Goal | None:
    """The showcased team's second rep: their manager typed their quarters."""
    reps = org.teams[0].reps
    if len(reps) < 2:
        return None
    return Goal.objects.filter(cycle=active, owner=reps[1], metric="new ARR", tier=Tier.REP).first()


def _set_the_showcased_paces(org: Organisation, active: Cycle, now: datetime.datetime) -> None:
    """One rep of the showcased team clearly behind, one clearly on pace, by a check-in today."""
    reps: list[Person] = org.teams[0].reps[1:3]
    wanted = dict(zip([rep.pk for rep in reps], (Decimal("0.7"), Decimal("1.06")), strict=False))
    today = timezone.localdate(now)
    goals = with_pace(
        Goal.objects.filter(cycle=active, owner_id__in=wanted, metric="new ARR", tier=Tier.REP), today
    ).select_related("owner")
    when = now
    checkins, changed = [], []
    for goal in goals:
        if goal.pace_expected_share < 0.1:
            continue  # too early in the year for a pace
        share = Decimal(repr(goal.pace_expected_share)) * wanted[goal.owner_id]
        goal.current = (goal.baseline + (goal.target - goal.baseline) * share).quantize(CENT)
        goal.confidence = "at_risk" if wanted[goal.owner_id] < 1 else "on_track"
        goal.last_checkin_at = when
        checkins.append(
            CheckIn(
                goal=goal,
                value=goal.current,
                confidence=goal.confidence,
                author_id=goal.owner_id,
                created=when,
                note="Updated after the pipeline review." if goal.confidence == "on_track" else "Two deals slipped.",
            )
        )
        changed.append(goal)
    CheckIn.objects.bulk_create(checkins)
    Goal.objects.bulk_update(changed, ["current", "confidence", "last_checkin_at"])
    refresh_rollups_upward(goal.pk for goal in changed)
