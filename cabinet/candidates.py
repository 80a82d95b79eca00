"""Candidates for the Shadow Cabinet, suggested from data with the evidence shown.

Three kinds of evidence, each one grouped query whatever the size of the company:

- **attainment** in the last cycle: the weighted mean of the person's goals' progress
  against target (uncapped up to 200%, so beating the number shows);
- **check-in discipline**: check-ins posted on their goals against one per check-in
  interval per goal, over the last cycle (or, without one, this cycle so far);
- **accepted challenges**: challenges they raised, this cycle or the last, that the
  assumption's owner accepted.

Only company-visible goals count: a private goal's figures never reach a list others read.
A person is suggested once they beat their target or had a challenge accepted; the list
is ranked by a score that weighs the three (the weights are below, and shown on the page).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, FloatField, Q, Sum, Value, When
from django.db.models.functions import Cast, Greatest, Least
from django.utils import timezone

from accounts.models import Person, Role
from assumptions.models import Challenge, ChallengeStatus
from cabinet.models import ShadowSeat
from goals.models import CheckIn, Cycle, Direction, Goal, Status, Tier, Visibility

ATTAINMENT_WEIGHT, DISCIPLINE_WEIGHT, CHALLENGE_WEIGHT = 0.6, 0.3, 0.1
ATTAINMENT_CAP = 2.0  # one goal beaten tenfold does not outweigh the rest
SUGGESTED_FROM_ATTAINMENT = 1.0
CHALLENGES_FOR_FULL_MARKS = 3
CANDIDATE_ROLES = (Role.REP, Role.MANAGER)


@dataclass
class Candidate:
    person: Person
    attainment: float | None = None
    attainment_goals: int = 0
    attainment_cycle: str = ""
    checkins: int = 0
    checkins_expected: int = 0
    discipline_cycle: str = ""
    accepted_challenges: int = 0
    live_seat: ShadowSeat | None = None

    @property
    def discipline(self) -> float | None:
        if not self.checkins_expected:
            return None
        return min(1.0, self.checkins / self.checkins_expected)

    @property
    def score(self) -> float:
        attainment = min(self.attainment or 0.0, 1.5) / 1.5
        challenges = min(self.accepted_challenges, CHALLENGES_FOR_FULL_MARKS) / CHALLENGES_FOR_FULL_MARKS
        return (
            ATTAINMENT_WEIGHT * attainment
            + DISCIPLINE_WEIGHT * (self.discipline or 0.0)
            + CHALLENGE_WEIGHT * challenges
        )

    @property
    def is_suggested(self) -> bool:
        return (self.attainment or 0.0) >= SUGGESTED_FROM_ATTAINMENT or self.accepted_challenges > 0

    @property
    def evidence(self) -> list[str]:
        """The reasons, as sentences people read."""
        lines = []
        if self.attainment is not None:
            goals = f"{self.attainment_goals} goal{'s' if self.attainment_goals != 1 else ''}"
            lines.append(f"Reached {self.attainment:.0%} of target across {goals} in {self.attainment_cycle}.")
        if self.discipline is not None:
            lines.append(
                f"Posted {self.checkins} of {self.checkins_expected} expected check-ins in {self.discipline_cycle} "
                f"({self.discipline:.0%})."
            )
        if self.accepted_challenges:
            plural = "s" if self.accepted_challenges != 1 else ""
            lines.append(f"Raised {self.accepted_challenges} challenge{plural} to assumptions that were accepted.")
        return lines


@dataclass
class Suggestions:
    cycle: Cycle
    attainment_cycle: Cycle | None
    discipline_cycle: Cycle | None
    candidates: list[Candidate] = field(default_factory=list)


def _pool_q(viewer: Person, prefix: str = "") -> Q:
    """The people ``viewer`` may see suggested: everyone for executives and admins, their own people for managers."""
    q = Q(**{f"{prefix}role__in": CANDIDATE_ROLES, f"{prefix}is_active": True})
    if viewer.is_staff or viewer.is_executive:
        return q
    return q & Q(
        **{f"{prefix}tree_id": viewer.tree_id, f"{prefix}lft__gt": viewer.lft, f"{prefix}rght__lt": viewer.rght}
    )


def _progress_sql() -> Case:
    """A goal's progress against target as SQL, uncapped up to ``ATTAINMENT_CAP`` (goals/progress.py, widened)."""
    gained = Cast(F("current") - F("baseline"), FloatField())
    needed = Cast(F("target") - F("baseline"), FloatField())
    return Case(
        When(
            direction=Direction.STAY_WITHIN,
            current__gte=Least("baseline", "target"),
            current__lte=Greatest("baseline", "target"),
            then=Value(1.0),
        ),
        When(direction=Direction.STAY_WITHIN, then=Value(0.0)),
        When(target=F("baseline"), direction=Direction.DECREASE, current__lte=F("target"), then=Value(1.0)),
        When(target=F("baseline"), direction=Direction.INCREASE, current__gte=F("target"), then=Value(1.0)),
        When(target=F("baseline"), then=Value(0.0)),
        default=Least(Greatest(gained / needed, Value(0.0)), Value(ATTAINMENT_CAP)),
        output_field=FloatField(),
    )


def _counted_goals(cycle: Cycle, viewer: Person):
    return (
        Goal.objects.filter(cycle=cycle, visibility=Visibility.COMPANY, tier__in=[Tier.REP, Tier.MANAGER])
        .exclude(status=Status.DROPPED)
        .filter(_pool_q(viewer, "owner__"))
    )


def suggest_candidates(cycle: Cycle, viewer: Person, *, limit: int = 20, today: datetime.date | None = None):
    """The people to consider for ``cycle``'s Shadow Cabinet, best first, with their evidence (seven queries)."""
    today = today or timezone.localdate()
    prior = cycle.previous()
    found: dict[int, Candidate] = {}

    def candidate(pk: int) -> Candidate:
        return found.setdefault(pk, Candidate(person=None))

    if prior is not None:
        rows = (
            _counted_goals(prior, viewer)
            .filter(weight__gt=0)
            .values("owner")
            .annotate(
                weighted=Sum(Cast(F("weight"), FloatField()) * _progress_sql()),
                weights=Sum(Cast(F("weight"), FloatField())),
                goals=Count("pk"),
            )
            .order_by()
            .values_list("owner", "weighted", "weights", "goals")
        )
        for owner, weighted, weights, goals in rows:
            if weights:
                entry = candidate(owner)
                entry.attainment, entry.attainment_goals, entry.attainment_cycle = weighted / weights, goals, prior.name

    # Discipline over the last cycle, or, for a company in its first cycle, this one so far.
    discipline_cycle = prior or cycle
    window_end = min(discipline_cycle.end, today)
    days = (window_end - discipline_cycle.start).days + 1
    intervals = max(1, days // discipline_cycle.checkin_interval_days) if days > 0 else 0
    if intervals:
        goals = dict(
            _counted_goals(discipline_cycle, viewer)
            .values("owner")
            .annotate(count=Count("pk"))
            .order_by()
            .values_list("owner", "count")
        )
        checkins = dict(
            CheckIn.objects.filter(goal__in=_counted_goals(discipline_cycle, viewer), created__date__lte=window_end)
            .values("goal__owner")
            .annotate(count=Count("pk"))
            .order_by()
            .values_list("goal__owner", "count")
        )
        for owner, goal_count in goals.items():
            entry = candidate(owner)
            entry.checkins, entry.checkins_expected = checkins.get(owner, 0), goal_count * intervals
            entry.discipline_cycle = discipline_cycle.name

    cycles = [cycle.pk] + ([prior.pk] if prior else [])
    accepted = (
        Challenge.objects.filter(status=ChallengeStatus.ACCEPTED, assumption__cycle__in=cycles)
        .filter(_pool_q(viewer, "author__"))
        .values("author")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("author", "count")
    )
    for author, count in accepted:
        candidate(author).accepted_challenges = count

    ranked = sorted(
        ((pk, entry) for pk, entry in found.items() if entry.is_suggested),
        key=lambda item: (-item[1].score, item[0]),
    )
    # People who hold or are offered a seat now cannot take another one.
    seated = set(
        ShadowSeat.objects.live()
        .filter(holder__in=[pk for pk, _ in ranked], term_end__gte=today)
        .values_list("holder_id", flat=True)
    )
    chosen = [(pk, entry) for pk, entry in ranked if pk not in seated][:limit]
    people = Person.objects.select_related("manager").in_bulk([pk for pk, _ in chosen])
    for pk, entry in chosen:
        entry.person = people[pk]
    return Suggestions(
        cycle=cycle,
        attainment_cycle=prior,
        discipline_cycle=discipline_cycle if intervals else None,
        candidates=[entry for _, entry in chosen],
    )
