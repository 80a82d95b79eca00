"""The alignment workshops of the demo company: next year's under way, this year's closed with a baseline.

Next year's cycle is in its workshop: three executive goals wait to be mapped, two
objectives have no goal yet, and the committee has logged its first decisions. This
year's workshop closed three weeks into the year; its baseline is the cascade as agreed
then. The cascade has moved since, as real ones do, so the baseline records the few
things that were different at the workshop: the EMEA number before it was raised, the
ANZ team's target before its manager promised more than the reps signed up for, the
pipeline goal that later moved to another manager's team, and two goals drafted since.
"""

import datetime
from decimal import Decimal

from django.db.models import F

from accounts.models import Person
from demo.organisation import Organisation
from goals.models import Cycle, Goal, Tier
from workshop.models import BaselineGoal, Decision, DecisionKind
from workshop.services import baseline_freeze

ADDED_SINCE_THE_WORKSHOP = ["Learn the new CPQ tool", "Coach the team on MEDDICC discovery"]


def seed_workshops(org: Organisation, active: Cycle, upcoming: Cycle, now: datetime.datetime) -> None:
    ex = org.executives
    _log_decisions(ex, upcoming, now)
    _freeze_this_years_baseline(ex, active)


def _log_decisions(ex: dict[str, Person], cycle: Cycle, now: datetime.datetime) -> None:
    objectives = {goal.metric: goal for goal in Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE)}
    arr, regions = objectives.get("new ARR"), objectives.get("regions launched")
    mapped = list(
        Goal.objects.filter(cycle=cycle, tier=Tier.EXECUTIVE, parent=arr).select_related("owner").order_by("title")
    )
    day_one = now - datetime.timedelta(days=2, hours=3)
    ceo_note = (
        "New ARR grows 25%: the board approved the number; the areas split it about 50/32/18 between "
        "North America, EMEA and APAC, as last year's pipeline did."
    )
    marketing_note = (
        "Marketing builds launch pipeline in both new regions before we hire there; "
        "the CRO names the two regions by the end of March."
    )
    cfo_note = (
        "The discount target stays outside the cascade until finance and sales agree how it is measured; "
        "revisit at the Q1 review."
    )
    cs_note = "Expansion ARR waits for the NRR discussion tomorrow before it is mapped."
    entries = [
        (ex["ceo"], DecisionKind.NOTE, arr, ceo_note),
        *(
            (ex["cro"], DecisionKind.MAPPING, arr, f"Mapped {goal.title} ({goal.owner.full_name}) under {arr.title}.")
            for goal in mapped
        ),
        (ex["vp_marketing"], DecisionKind.NOTE, regions, marketing_note),
        (ex["cfo"], DecisionKind.NOTE, None, cfo_note),
        (ex["vp_cs"], DecisionKind.NOTE, None, cs_note),
    ]
    Decision.objects.bulk_create(
        Decision(
            cycle=cycle,
            author=author,
            kind=kind,
            objective=objective,
            text=text,
            created=day_one + datetime.timedelta(minutes=25 * n),
        )
        for n, (author, kind, objective, text) in enumerate(entries)
    )


def _freeze_this_years_baseline(ex: dict[str, Person], cycle: Cycle) -> None:
    frozen_at = datetime.datetime.combine(cycle.start + datetime.timedelta(days=21), datetime.time(17, 30))
    baseline = baseline_freeze(cycle, ex["ceo"], frozen_at=frozen_at.replace(tzinfo=datetime.UTC))
    rows = BaselineGoal.objects.filter(baseline=baseline)

    emea = Goal.objects.filter(cycle=cycle, owner=ex["vp_emea"], tier=Tier.EXECUTIVE, metric="new ARR").first()
    if emea is not None:
        agreed = (emea.target * Decimal("0.94") / 100_000).quantize(Decimal(1)) * 100_000
        rows.filter(goal=emea).update(target=agreed)

    anz = Goal.objects.filter(cycle=cycle, tier=Tier.MANAGER, title__startswith="ANZ new ARR").first()
    if anz is not None:
        signed_up = sum(child.target for child in anz.get_children().filter(unit=anz.unit))
        rows.filter(goal=anz).update(target=signed_up)

    # The rep goal now linked into another manager's team sat under the rep's own team at the workshop.
    moved = (
        Goal.objects.filter(cycle=cycle, tier=Tier.REP, parent__tier=Tier.MANAGER)
        .exclude(parent__owner=F("owner__manager"))
        .select_related("owner")
        .first()
    )
    if moved is not None:
        own_team = Goal.objects.filter(
            cycle=cycle, owner_id=moved.owner.manager_id, tier=Tier.MANAGER, metric=moved.metric
        ).first()
        if own_team is not None:
            rows.filter(goal=moved).update(parent_pk=own_team.pk)

    rows.filter(title__in=ADDED_SINCE_THE_WORKSHOP).delete()
    baseline.goal_count = rows.count()
    baseline.save(update_fields=["goal_count"])
    Decision.objects.create(
        cycle=cycle,
        author=ex["ceo"],
        kind=DecisionKind.CLOSING,
        created=baseline.frozen_at,
        text=f"Closed the workshop: the cascade of {baseline.goal_count} goals is frozen as the baseline.",
    )
