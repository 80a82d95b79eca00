"""Everything that changes a goal's phasing or its score.

Phasing: ``goal_phasing_set`` splits a goal's planned change (target - baseline: the
target itself for a quota starting from zero) into the periods of its cycle, evenly, by a
seasonality profile (typed weights, or last cycle's actuals), as typed amounts that must
add up to it, or as its parent goal; ``goal_phasing_clear`` takes the phasing away (the
goal is then due along a straight line). ``phasing_follow_parent`` keeps sub-goals in step
when a target is split among them (goals.services.goal_allocate_target and the workshop).

Scores: ``record_cycle_scores`` runs when a cycle closes (goals.services.cycle_close);
``goal_retrospective_set`` is the owner's short look back, the one thing still written in
a closed cycle.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from core.exceptions import StateConflict
from core.formatting import format_amount
from core.permissions import require_perm
from goals.models import (
    CheckIn,
    Cycle,
    Goal,
    GoalPeriod,
    GoalPhasing,
    GoalScore,
    Granularity,
    Outcome,
    PhasingMethod,
    Status,
    Visibility,
)
from goals.quotas.periods import CENT, Period, cycle_periods, shares
from goals.quotas.scoring import attainment_of, month_actuals, score_of
from goals.signals import goals_changed

RETROSPECTIVE_MAX_LENGTH = 2000
WEIGHT_PLACES = Decimal("0.000001")
SCORE_BATCH = 5000


# --- phasing ---------------------------------------------------------------------------


def goal_phasing_set(
    *,
    actor: Person,
    goal: Goal,
    method: str,
    granularity: str = Granularity.QUARTER,
    weights: Sequence | None = None,
    amounts: Sequence | None = None,
    now: datetime.datetime | None = None,
) -> GoalPhasing:
    """Phase ``goal``: ``weights`` for a seasonality profile, ``amounts`` for typed periods (one per period)."""
    if goal.cycle.is_closed:
        raise StateConflict(f"{goal.cycle.name} is closed: its goals are read-only.")
    require_perm(
        actor, "goals.phase_goal", goal, "A goal is phased by its owner while drafting it, or by their managers."
    )
    if method not in PhasingMethod.values:
        raise ValidationError({"method": f"Choose one of: {', '.join(PhasingMethod.values)}."})
    if granularity not in Granularity.values:
        raise ValidationError({"granularity": 'Choose "quarter" or "month".'})
    change = goal.target - goal.baseline
    if change == 0:
        raise ValidationError(
            {"method": "This goal holds its baseline (its target equals its baseline): there is nothing to phase."}
        )

    source = ""
    if method == PhasingMethod.PARENT:
        granularity, weights, source = _parent_shape(actor, goal)
    periods = periods_of(goal.cycle, granularity)
    if method == PhasingMethod.EVEN:
        weights = [Decimal(1)] * len(periods)
    elif method == PhasingMethod.SEASONAL:
        weights = _clean_weights(weights, periods)
        source = "a typed profile"
    elif method == PhasingMethod.TYPED:
        weights = _clean_amounts(amounts, periods, goal)
    elif method == PhasingMethod.PRIOR_CYCLE:
        weights, source = prior_cycle_profile(goal, granularity)
    if len(weights) != len(periods):  # the parent's periods, from another cycle
        raise ValidationError(
            {"method": "The parent goal's periods do not match this goal's cycle; phase this goal on its own."}
        )

    with transaction.atomic():
        _lock(goal)
        write_phasings([(goal, periods, weights)], method=method, source=source, set_by=actor, now=now)
        goals_changed.send(sender=Goal, goal_ids={goal.pk}, cycle_ids={goal.cycle_id})
    return GoalPhasing.objects.get(goal=goal)


def goal_phasing_clear(*, actor: Person, goal: Goal) -> None:
    """Take the phasing away: the goal is then due along a straight line through its cycle."""
    if goal.cycle.is_closed:
        raise StateConflict(f"{goal.cycle.name} is closed: its goals are read-only.")
    require_perm(
        actor, "goals.phase_goal", goal, "A goal is phased by its owner while drafting it, or by their managers."
    )
    with transaction.atomic():
        _lock(goal)
        GoalPeriod.objects.filter(goal=goal).delete()
        GoalPhasing.objects.filter(goal=goal).delete()
        goals_changed.send(sender=Goal, goal_ids={goal.pk}, cycle_ids={goal.cycle_id})


def _lock(goal: Goal) -> None:
    """Two people phasing one goal at once take turns (PostgreSQL; SQLite serialises writers itself)."""
    list(Goal.objects.select_for_update().filter(pk=goal.pk).values_list("pk", flat=True))


def periods_of(cycle: Cycle, granularity: str) -> list[Period]:
    try:
        return cycle_periods(cycle.start, cycle.end, granularity)
    except ValueError as error:
        raise ValidationError({"granularity": str(error)}) from error


def _number(raw, field: str, position: int) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: f"Period {position}: {raw!r} is not a number."}) from None
    if not value.is_finite():
        raise ValidationError({field: f"Period {position}: {raw!r} is not a number."})
    return value


def _require_one_per_period(values, field: str, periods: list[Period], what: str) -> list:
    if values is None or isinstance(values, str | bytes | dict) or not isinstance(values, Sequence):
        raise ValidationError({field: f"Give a list of {len(periods)} {what}, one per period."})
    if len(values) != len(periods):
        granularity = Granularity(periods[0].granularity).label.lower()
        raise ValidationError(
            {field: f"Give one value per period: {len(periods)} {granularity} in this cycle, {len(values)} given."}
        )
    return list(values)


def _clean_weights(weights, periods: list[Period]) -> list[Decimal]:
    """A seasonality profile: a weight per period (any scale: 20/25/25/30, 0.2/0.25/..., last year's amounts)."""
    values = [
        _number(raw, "weights", position)
        for position, raw in enumerate(_require_one_per_period(weights, "weights", periods, "weights"), 1)
    ]
    for position, value in enumerate(values, 1):
        if value < 0:
            raise ValidationError({"weights": f"Period {position}: a weight cannot be negative."})
        if value != value.quantize(WEIGHT_PLACES) or value >= Decimal("1e15"):
            raise ValidationError({"weights": f"Period {position}: use at most 15 digits and 6 decimal places."})
    if sum(values) <= 0:
        raise ValidationError({"weights": "At least one period needs a weight above zero."})
    return values


def _clean_amounts(amounts, periods: list[Period], goal: Goal) -> list[Decimal]:
    """Typed periods: amounts in the goal's unit, to the cent, that add up to its planned change exactly."""
    values = [
        _number(raw, "amounts", position)
        for position, raw in enumerate(_require_one_per_period(amounts, "amounts", periods, "amounts"), 1)
    ]
    change, unit = goal.target - goal.baseline, goal.unit
    for position, value in enumerate(values, 1):
        if value != value.quantize(CENT):
            raise ValidationError({"amounts": f"Period {position}: use at most two decimal places."})
        if (change > 0 and value < 0) or (change < 0 and value > 0):
            direction = "add to it" if change > 0 else "bring it down (type each period's change as a negative amount)"
            wrong = format_amount(value, unit)
            raise ValidationError({"amounts": f"Period {position}: {wrong} is the wrong way: the periods {direction}."})
    total = sum(values, Decimal(0))
    if total != change:
        planned = (
            f"the {format_amount(goal.target, unit)} target"
            if goal.baseline == 0
            else f"{format_amount(change, unit)}, the change from the {format_amount(goal.baseline, unit)} baseline "
            f"to the {format_amount(goal.target, unit)} target"
        )
        gap = abs(change - total)
        side = "short" if abs(total) < abs(change) else "over"
        raise ValidationError(
            {
                "amounts": f"The periods add up to {format_amount(total, unit)}, {format_amount(gap, unit)} {side}: "
                f"they must add up to {planned} exactly."
            }
        )
    return [abs(value) for value in values]


def _parent_shape(actor: Person, goal: Goal) -> tuple[str, list[Decimal], str]:
    parent = goal.parent if goal.parent_id else None
    if parent is None or not actor.has_perm("goals.view_goal", parent):
        raise ValidationError({"method": "This goal has no parent goal to take its phasing from."})
    phasing = GoalPhasing.objects.filter(goal=parent).first()
    if phasing is None:
        raise ValidationError({"method": "The parent goal is not phased yet: phase it first, or phase this goal."})
    weights = list(GoalPeriod.objects.filter(goal=parent).order_by("index").values_list("weight", flat=True))
    return phasing.granularity, weights, "its parent goal"


def prior_cycle_profile(goal: Goal, granularity: str) -> tuple[list[Decimal], str]:
    """Last cycle's actuals of the goal's metric as a seasonality profile: the owner's own, else the company's.

    Read from the scores recorded when that cycle closed (their month actuals), over the
    company-visible goals with the same metric and unit, so no private figure shapes it.
    """
    prior = goal.cycle.previous()
    if prior is None:
        raise ValidationError({"method": f"There is no cycle before {goal.cycle.name} to take last year's shape from."})
    periods = periods_of(goal.cycle, granularity)
    prior_periods = periods_of(prior, granularity)
    if len(prior_periods) != len(periods):
        raise ValidationError(
            {
                "method": f"{prior.name} has {len(prior_periods)} {Granularity(granularity).label.lower()} and "
                f"{goal.cycle.name} {len(periods)}: their shapes do not match."
            }
        )
    months = periods_of(prior, Granularity.MONTH)
    month_period = [next(p.index for p in prior_periods if p.contains(month.start)) for month in months]
    scores = GoalScore.objects.filter(
        goal__cycle=prior,
        goal__unit=goal.unit,
        goal__metric__iexact=goal.metric.strip(),
        goal__visibility=Visibility.COMPANY,
    ).order_by()
    for owned, scope in ((True, f"{goal.owner.full_name}'s"), (False, "the company's")):
        rows = scores.filter(goal__owner_id=goal.owner_id) if owned else scores
        weights = [Decimal(0)] * len(periods)
        found = False
        for actuals in rows.values_list("month_actuals", flat=True).iterator(chunk_size=2000):
            if len(actuals) != len(months):
                continue
            found = True
            for month, gain in enumerate(actuals):
                weights[month_period[month]] += Decimal(gain)
        weights = [max(Decimal(0), weight).quantize(WEIGHT_PLACES) for weight in weights]
        if found and sum(weights) > 0:
            return weights, f"{prior.name} actuals of {goal.metric.strip()} ({scope})"
    raise ValidationError(
        {"method": f"No goal measuring {goal.metric.strip()} in {goal.get_unit_display()} has {prior.name} actuals."}
    )


def write_phasings(
    entries: Sequence[tuple[Goal, Sequence[Period], Sequence[Decimal]]],
    *,
    method: str,
    source: str,
    set_by: Person | None,
    now: datetime.datetime | None = None,
) -> None:
    """Replace the phasing of each (goal, periods, weights) in a few queries, whatever their number.

    Checks no rules: for the services above and for bulk loaders (the demo) that decide who may.
    """
    now = now or timezone.now()
    goal_ids = [goal.pk for goal, _, _ in entries]
    GoalPeriod.objects.filter(goal_id__in=goal_ids).delete()
    GoalPhasing.objects.filter(goal_id__in=goal_ids).delete()
    phasings, periods = [], []
    for goal, goal_periods, weights in entries:
        phasings.append(
            GoalPhasing(
                goal=goal,
                granularity=goal_periods[0].granularity,
                method=method,
                source=source,
                phased_total=goal.target - goal.baseline,
                set_by=set_by,
                updated=now,
            )
        )
        for period, weight, (share_before, share) in zip(goal_periods, weights, shares(weights), strict=True):
            periods.append(
                GoalPeriod(
                    goal=goal,
                    index=period.index,
                    start=period.start,
                    end=period.end,
                    weight=weight,
                    share_before=share_before,
                    share=share,
                )
            )
    GoalPhasing.objects.bulk_create(phasings, batch_size=SCORE_BATCH)
    GoalPeriod.objects.bulk_create(periods, batch_size=SCORE_BATCH)


def phasing_follow_parent(*, parent: Goal, children: Sequence[Goal], set_by: Person | None = None) -> list[Goal]:
    """Give ``children`` their parent's shape, scaled to their own targets; typed ones keep theirs.

    Called when a target is split among sub-goals, after their new targets are saved: the
    caller has checked who may split it. A parent without phasing leaves the sub-goals as
    they are. Returns the sub-goals whose phasing changed.
    """
    phasing = GoalPhasing.objects.filter(goal=parent).first()
    if phasing is None or not children:
        return []
    weights = list(GoalPeriod.objects.filter(goal=parent).order_by("index").values_list("weight", flat=True))
    typed = set(
        GoalPhasing.objects.filter(goal__in=children, method=PhasingMethod.TYPED).values_list("goal_id", flat=True)
    )
    # Sub-goals are in the parent's cycle, unless linked across cycles (a flagged mistake): each gets its own.
    periods_by_cycle = {
        cycle.pk: cycle_periods(cycle.start, cycle.end, phasing.granularity)
        for cycle in Cycle.objects.filter(pk__in={child.cycle_id for child in children})
    }
    entries = [
        (child, periods_by_cycle[child.cycle_id], weights)
        for child in children
        if child.pk not in typed
        and child.target != child.baseline
        and len(periods_by_cycle[child.cycle_id]) == len(weights)
    ]
    write_phasings(entries, method=PhasingMethod.PARENT, source="its parent goal", set_by=set_by)
    return [child for child, _, _ in entries]


# --- scores ----------------------------------------------------------------------------


def record_cycle_scores(cycle: Cycle, *, now: datetime.datetime | None = None) -> int:
    """Record the score of every achieved or missed goal of ``cycle`` not scored yet; returns how many.

    Called when the cycle closes (and by the demo for its closed year). Reads the goals and
    their check-ins once each, in batches; running it twice records nothing new.
    """
    now = now or timezone.now()
    try:
        month_ends = [month.end for month in cycle_periods(cycle.start, cycle.end, Granularity.MONTH)]
    except ValueError:
        month_ends = []  # a cycle of more than three years: its months are not recorded
    goals = {
        pk: (baseline, target, current, direction, status)
        for pk, baseline, target, current, direction, status in Goal.objects.filter(
            cycle=cycle, status__in=(Status.ACHIEVED, Status.MISSED), score__isnull=True
        )
        .order_by()
        .values_list("pk", "baseline", "target", "current", "direction", "status")
    }
    if not goals:
        return 0
    checkins_by_goal: dict[int, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    tz = timezone.get_current_timezone()
    rows = (
        CheckIn.objects.filter(goal__cycle=cycle, goal__status__in=(Status.ACHIEVED, Status.MISSED))
        .order_by("goal_id", "created", "id")
        .values_list("goal_id", "created", "value")
    )
    for goal_id, group in groupby(rows.iterator(chunk_size=SCORE_BATCH), key=lambda row: row[0]):
        if goal_id in goals:
            checkins_by_goal[goal_id] = [(created.astimezone(tz).date(), value) for _, created, value in group]

    scores = []
    for pk, (baseline, target, final, direction, status) in goals.items():
        attainment = attainment_of(baseline, target, final, direction)
        actuals = month_actuals(baseline, final, month_ends, checkins_by_goal.get(pk, ()))
        scores.append(
            GoalScore(
                goal_id=pk,
                baseline=baseline,
                target=target,
                final_value=final,
                attainment=attainment,
                score=score_of(attainment),
                outcome=Outcome.ACHIEVED if status == Status.ACHIEVED else Outcome.MISSED,
                month_actuals=[str(gain) for gain in actuals],
                recorded_at=now,
            )
        )
    GoalScore.objects.bulk_create(scores, batch_size=SCORE_BATCH, ignore_conflicts=True)
    return len(scores)


def goal_retrospective_set(
    *, actor: Person, goal: Goal, retrospective: str, now: datetime.datetime | None = None
) -> GoalScore:
    """The owner's short retrospective on a scored goal of a closed cycle (empty clears it)."""
    if not goal.cycle.is_closed:
        raise StateConflict(f"{goal.cycle.name} is still open: retrospectives are written once it has closed.")
    require_perm(actor, "goals.write_retrospective", goal, "Only the goal's owner writes its retrospective.")
    score = GoalScore.objects.filter(goal=goal).first()
    if score is None:
        raise StateConflict("This goal has no score (it was dropped or never approved): nothing to look back on.")
    text = (retrospective or "").strip()
    if len(text) > RETROSPECTIVE_MAX_LENGTH:
        raise ValidationError(
            {"retrospective": f"Keep it short: at most {RETROSPECTIVE_MAX_LENGTH} characters ({len(text)} now)."}
        )
    score.retrospective = text
    score.retrospective_at = (now or timezone.now()) if text else None
    score.save(update_fields=["retrospective", "retrospective_at"])
    return score
