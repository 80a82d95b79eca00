"""The strategy room: the company's strategy at a glance, read for one viewer in a fixed number of queries.

For each corporate objective of a cycle: rolled-up progress over time (daily snapshots
and today's stored figure), pace against the cycle's elapsed time, open alignment flags
in its subtree, the assumptions its goals rest on by status with their open challenges
and endorsements, the course corrections waiting on its goals, the committee roles
that answer for it and the seats that shadow them; for the cycle, the drift since the
workshop's baseline.

Nothing grows with the number of goals: objectives carry their stored roll-up, flags
are counted per objective in SQL with a nested-set range (the objective's tree, ``lft``
between its ``lft`` and ``rght``), and everything else is one grouped query per kind.
Private goals never enter a figure: roll-ups leave them out already, and every count or
list here is filtered to the goals the viewer may see.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, TextChoices
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Person
from assumptions.models import Assumption, AssumptionStatus, ChangeRequest, ChangeRequestStatus
from assumptions.selectors import assumption_board
from cabinet.models import CommitteeQuestion, CommitteeRole, ObjectiveSnapshot, ShadowSeat
from goals.cache import cached_read
from goals.models import AlignmentFlag, Cycle, Goal, Phase, Severity, Tier, Visibility
from goals.models.goal import visible_goal_q
from workshop.models import Baseline, BaselineGoal
from workshop.selectors import Drift, baseline_drift, baseline_of

# Pace: how far rolled-up progress trails the share of the cycle gone by.
ON_PACE_MARGIN = 0.05  # up to 5 points behind the elapsed share is on pace
OFF_PACE_MARGIN = 0.15  # more than 15 points behind is off pace
COURSE_CORRECTIONS_LISTED = 100
DECISIONS_DUE_WITHIN_DAYS = 30
CHART_WIDTH, CHART_HEIGHT = 360, 140


class Pace:
    AHEAD = "ahead"
    ON_PACE = "on_pace"
    BEHIND = "behind"
    OFF_PACE = "off_pace"
    NOT_STARTED = "not_started"
    LABELS = {
        AHEAD: "Ahead of pace",
        ON_PACE: "On pace",
        BEHIND: "Behind pace",
        OFF_PACE: "Off pace",
        NOT_STARTED: "Not started",
    }
    TRAILING = (BEHIND, OFF_PACE)


def elapsed_share(cycle: Cycle, day: datetime.date) -> float:
    """The share of the cycle gone by at the end of ``day``, 0..1."""
    span = (cycle.end - cycle.start).days + 1
    return min(1.0, max(0.0, ((day - cycle.start).days + 1) / span))


def pace_of(progress: float, elapsed: float) -> str:
    if elapsed <= 0:
        return Pace.NOT_STARTED
    gap = progress - elapsed
    if gap >= 0:
        return Pace.AHEAD
    if gap >= -ON_PACE_MARGIN:
        return Pace.ON_PACE
    return Pace.BEHIND if gap >= -OFF_PACE_MARGIN else Pace.OFF_PACE


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    day: datetime.date
    progress: float
    is_live: bool = False  # today's figure, read from the objective rather than a snapshot


@dataclass(frozen=True, slots=True)
class ProgressChart:
    """Coordinates in a ``width`` x ``height`` SVG viewBox: progress 0..1 over the cycle, and the pace line."""

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    polyline: str
    last_x: float
    last_y: float
    today_x: float | None
    start_label: str
    end_label: str


def progress_chart(cycle: Cycle, points: list[ProgressPoint], today: datetime.date) -> ProgressChart | None:
    if not points:
        return None
    width, height = CHART_WIDTH, CHART_HEIGHT
    left, right, top, bottom = 4.0, width - 4.0, 8.0, height - 18.0
    span = max((cycle.end - cycle.start).days, 1)

    def x_of(day: datetime.date) -> float:
        return left + (right - left) * min(max((day - cycle.start).days, 0), span) / span

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * min(max(value, 0.0), 1.0)

    coordinates = [(x_of(point.day), y_of(point.progress)) for point in points]
    return ProgressChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        polyline=" ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates),
        last_x=coordinates[-1][0],
        last_y=coordinates[-1][1],
        today_x=x_of(today) if cycle.start <= today <= cycle.end else None,
        start_label=f"{cycle.start:%b %Y}",
        end_label=f"{cycle.end:%b %Y}",
    )


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class CommitteeSeat:
    """A committee role answering for an objective, and who shadows it today."""

    role: CommitteeRole
    shadows: tuple[ShadowSeat, ...]


@dataclass
class ObjectiveRoom:
    objective: Goal
    elapsed: float
    open_flags: int = 0
    critical_flags: int = 0
    history: list[ProgressPoint] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    course_corrections: list[ChangeRequest] = field(default_factory=list)
    course_correction_count: int = 0
    baseline_target: Decimal | None = None
    committee: list[CommitteeSeat] = field(default_factory=list)
    chart: ProgressChart | None = None

    @property
    def progress(self) -> float:
        return self.objective.rolled_up_progress

    @property
    def gap(self) -> float:
        """Points of progress ahead (positive) or behind (negative) the share of the cycle gone by."""
        return self.progress - self.elapsed

    @property
    def pace(self) -> str:
        return pace_of(self.progress, self.elapsed)

    @property
    def pace_label(self) -> str:
        return Pace.LABELS[self.pace]

    @property
    def is_trailing(self) -> bool:
        return self.pace in Pace.TRAILING

    @property
    def projected(self) -> float | None:
        """Where progress ends at the cycle's end if it keeps its pace so far (None before the start)."""
        return self.progress / self.elapsed if self.elapsed > 0 else None

    @property
    def assumption_counts(self) -> list[StatusCount]:
        counts = Counter(assumption.status for assumption in self.assumptions)
        return [
            StatusCount(status, label, counts[status]) for status, label in AssumptionStatus.choices if counts[status]
        ]

    @property
    def open_challenges(self) -> int:
        return sum(assumption.open_challenge_count for assumption in self.assumptions)

    @property
    def endorsements(self) -> int:
        return sum(assumption.open_endorsement_count for assumption in self.assumptions)

    @property
    def target_drift(self) -> Decimal | None:
        """How far the objective's target moved since the workshop's baseline."""
        if self.baseline_target is None:
            return None
        return self.objective.target - self.baseline_target


class RoomOrder(TextChoices):
    """How the strategy room lays out its objectives."""

    CASCADE = "cascade", "As in the cascade"
    FURTHEST_BEHIND = "behind", "Furthest behind pace first"
    FORECAST = "forecast", "Lowest forecast first"


class RoomPaceFilter(TextChoices):
    ALL = "", "Every objective"
    TRAILING = "trailing", "Behind or off pace"
    ON_PACE = "on_pace", "On pace or ahead"


def arranged(objectives: list[ObjectiveRoom], *, order: str = RoomOrder.CASCADE, pace: str = "") -> list[ObjectiveRoom]:
    """The room's objectives kept by ``pace`` and sorted by ``order``; ties keep the cascade's order."""
    if pace == RoomPaceFilter.TRAILING:
        objectives = [room for room in objectives if room.is_trailing]
    elif pace == RoomPaceFilter.ON_PACE:
        objectives = [room for room in objectives if room.pace in (Pace.ON_PACE, Pace.AHEAD)]
    if order == RoomOrder.FURTHEST_BEHIND:
        return sorted(objectives, key=lambda room: room.gap)
    if order == RoomOrder.FORECAST:
        # Before the cycle starts there is no forecast yet: those objectives come last.
        return sorted(objectives, key=lambda room: (room.projected is None, room.projected or 0.0))
    return list(objectives)


@dataclass
class StrategyRoom:
    cycle: Cycle
    day: datetime.date
    elapsed: float
    objectives: list[ObjectiveRoom]
    shown: list[ObjectiveRoom]  # the objectives as the viewer asked to see them: filtered and ordered
    unlinked_assumptions: list[Assumption]
    baseline: Baseline | None
    drift: Drift | None

    @property
    def trailing(self) -> list[ObjectiveRoom]:
        return [room for room in self.objectives if room.is_trailing]

    @property
    def open_flags(self) -> int:
        return sum(room.open_flags for room in self.objectives)

    @property
    def course_corrections(self) -> int:
        return sum(room.course_correction_count for room in self.objectives)

    @property
    def open_challenges(self) -> int:
        seen: dict[int, int] = {}
        for assumption in [a for room in self.objectives for a in room.assumptions] + self.unlinked_assumptions:
            seen[assumption.pk] = assumption.open_challenge_count
        return sum(seen.values())


def _visible(viewer: Person | None, prefix: str = "") -> Q:
    """Goals ``viewer`` may see; with no viewer, company-visible goals only (text written for everyone)."""
    if viewer is None:
        return Q(**{f"{prefix}visibility": Visibility.COMPANY})
    return visible_goal_q(viewer, prefix=prefix)


def _open_flags_in_subtree(viewer: Person | None, **extra) -> Coalesce:
    """SQL: open flags on visible goals in the outer objective's subtree (its tree, lft within its range)."""
    flags = (
        AlignmentFlag.objects.open()
        .filter(_visible(viewer, "goal__"), **extra)
        .filter(goal__tree_id=OuterRef("tree_id"), goal__lft__gte=OuterRef("lft"), goal__lft__lte=OuterRef("rght"))
        .order_by()
        .values("goal__tree_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(flags, output_field=IntegerField()), 0)


def cycle_objectives(cycle: Cycle, viewer: Person | None) -> list[Goal]:
    """The cycle's corporate objectives ``viewer`` may see, with owner and open flag counts (one query)."""
    return list(
        Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE, parent__isnull=True)
        .filter(_visible(viewer))
        .select_related("owner")
        .annotate(
            open_flags=_open_flags_in_subtree(viewer),
            critical_flags=_open_flags_in_subtree(viewer, severity=Severity.CRITICAL),
        )
        .order_by("title", "pk")
    )


def _history(cycle: Cycle, objectives: list[Goal], day: datetime.date) -> dict[int, list[ProgressPoint]]:
    """Each objective's daily snapshots up to yesterday, then today's stored figure (one query)."""
    history: dict[int, list[ProgressPoint]] = defaultdict(list)
    if not objectives:
        return history
    rows = (
        ObjectiveSnapshot.objects.filter(objective__in=[goal.pk for goal in objectives], day__lt=day)
        .filter(day__gte=cycle.start, day__lte=cycle.end)
        .order_by("objective", "day")
        .values_list("objective_id", "day", "rolled_up_progress")
    )
    for objective_id, snapshot_day, progress in rows:
        history[objective_id].append(ProgressPoint(snapshot_day, progress))
    if cycle.start <= day <= cycle.end and cycle.phase == Phase.ACTIVE:
        for goal in objectives:
            history[goal.pk].append(ProgressPoint(day, goal.rolled_up_progress, is_live=True))
    return history


def _course_corrections(cycle: Cycle, viewer: Person) -> tuple[dict[int, int], dict[int, list[ChangeRequest]]]:
    """Accepted course corrections waiting on visible goals, counted and listed per tree (two queries)."""
    pending = ChangeRequest.objects.filter(status=ChangeRequestStatus.PENDING, goal__cycle=cycle).filter(
        visible_goal_q(viewer, prefix="goal__")
    )
    counts = dict(
        pending.order_by().values("goal__tree_id").annotate(count=Count("pk")).values_list("goal__tree_id", "count")
    )
    listed: dict[int, list[ChangeRequest]] = defaultdict(list)
    if counts:
        rows = pending.select_related("goal__owner", "challenge__assumption").order_by("created", "pk")
        for change in rows[:COURSE_CORRECTIONS_LISTED]:
            listed[change.goal.tree_id].append(change)
    return counts, listed


def _committee(cycle: Cycle, objectives: list[Goal], day: datetime.date) -> dict[int, list[CommitteeSeat]]:
    """The active committee roles with each objective in their portfolio, and their shadows today (two queries)."""
    links = list(
        CommitteeRole.objectives.through.objects.filter(
            goal_id__in=[goal.pk for goal in objectives], committeerole__is_active=True
        )
        .select_related("committeerole__holder")
        .order_by("committeerole__position", "committeerole__title")
    )
    if not links:
        return {}
    role_ids = {link.committeerole_id for link in links}
    shadows: dict[int, list[ShadowSeat]] = defaultdict(list)
    for seat in ShadowSeat.objects.held_on(day).filter(cycle=cycle, role_id__in=role_ids).select_related("holder"):
        shadows[seat.role_id].append(seat)
    committee: dict[int, list[CommitteeSeat]] = defaultdict(list)
    for link in links:
        role = link.committeerole
        committee[link.goal_id].append(CommitteeSeat(role, tuple(shadows.get(role.pk, ()))))
    return committee


def strategy_room(
    cycle: Cycle,
    viewer: Person,
    day: datetime.date | None = None,
    *,
    order: str = RoomOrder.CASCADE,
    pace: str = RoomPaceFilter.ALL,
) -> StrategyRoom:
    """Everything the strategy room shows for ``viewer``, in a fixed number of queries (sixteen at most).

    ``order`` and ``pace`` arrange the objectives (``RoomOrder``, ``RoomPaceFilter``); the summary's
    figures stay those of every objective."""
    day = day or timezone.localdate()
    elapsed = elapsed_share(cycle, day) if cycle.phase != Phase.PLANNING else 0.0
    objectives = cycle_objectives(cycle, viewer)
    rooms = {goal.pk: ObjectiveRoom(goal, elapsed, goal.open_flags, goal.critical_flags) for goal in objectives}
    by_tree = {goal.tree_id: rooms[goal.pk] for goal in objectives}

    for objective_id, points in _history(cycle, objectives, day).items():
        room = rooms[objective_id]
        room.history = points
        room.chart = progress_chart(cycle, points, day)

    unlinked: list[Assumption] = []
    for group in assumption_board(cycle, viewer):
        if group.objective is None:
            unlinked = group.assumptions
        elif group.objective.pk in rooms:
            rooms[group.objective.pk].assumptions = group.assumptions

    counts, listed = _course_corrections(cycle, viewer)
    for tree_id, count in counts.items():
        if tree_id in by_tree:
            by_tree[tree_id].course_correction_count = count
            by_tree[tree_id].course_corrections = listed.get(tree_id, [])

    for objective_id, seats in _committee(cycle, objectives, day).items():
        rooms[objective_id].committee = seats

    baseline = baseline_of(cycle)
    drift = None
    if baseline is not None:
        # The counts only (the drift report lists the changes): five counts over the whole cycle, the room's dearest
        # part at 100,000 goals, kept per version of the goals like the explorer's levels.
        drift = cached_read(
            "room-drift", viewer, lambda: baseline_drift(baseline, viewer, limit=0), cycle.pk, baseline.pk
        )
        frozen = BaselineGoal.objects.filter(baseline=baseline, goal_pk__in=list(rooms)).values_list(
            "goal_pk", "target"
        )
        for goal_pk, target in frozen:
            rooms[goal_pk].baseline_target = target

    return StrategyRoom(
        cycle=cycle,
        day=day,
        elapsed=elapsed,
        objectives=list(rooms.values()),
        shown=arranged(list(rooms.values()), order=order, pace=pace),
        unlinked_assumptions=unlinked,
        baseline=baseline,
        drift=drift,
    )


# --- the agenda of a cabinet meeting ---------------------------------------------------------


def agenda_suggestions(cycle: Cycle, day: datetime.date) -> list[dict]:
    """Points for a meeting's agenda: objectives off pace, assumptions under challenge, decisions due.

    Written for the whole cabinet, so only company-visible objectives are named.
    """
    elapsed = elapsed_share(cycle, day) if cycle.phase != Phase.PLANNING else 0.0
    points = []
    for objective in cycle_objectives(cycle, None):
        room = ObjectiveRoom(objective, elapsed)
        if room.is_trailing:
            points.append(
                {
                    "kind": "off_pace",
                    "title": f"{objective.title}: {room.pace_label.lower()}",
                    "detail": f"{room.progress:.0%} progress with {elapsed:.0%} of {cycle.name} gone; "
                    f"{objective.open_flags} open alignment flags in its cascade.",
                    "objective": objective,
                }
            )
    assumptions = (
        Assumption.objects.filter(cycle=cycle, status__in=[AssumptionStatus.CHALLENGED, AssumptionStatus.UNDER_REVIEW])
        .with_challenge_counts()
        .select_related("owner")
        .order_by("statement", "pk")
    )
    for assumption in assumptions:
        points.append(
            {
                "kind": "assumption",
                "title": f"{assumption.statement} ({assumption.get_status_display().lower()})",
                "detail": f"{assumption.open_challenge_count} open challenge"
                f"{'s' if assumption.open_challenge_count != 1 else ''}; owned by {assumption.owner.full_name}.",
                "assumption": assumption,
            }
        )
    due = (
        CommitteeQuestion.objects.awaiting_decision()
        .filter(cycle=cycle, due_date__lte=day + datetime.timedelta(days=DECISIONS_DUE_WITHIN_DAYS))
        .order_by("due_date", "pk")
    )
    for question in due:
        overdue = " (overdue)" if question.due_date < day else ""
        points.append(
            {
                "kind": "decision_due",
                "title": f"Decision due {question.due_date.day} {question.due_date:%b}{overdue}: {question.title}",
                "detail": "Agree the cabinet's recommendation before the committee decides.",
                "question": question,
            }
        )
    return points
