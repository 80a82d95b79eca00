"""What the workshop pages read: the board, the baseline, the drift since it. Each in a fixed number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from accounts.models import Person
from goals.alignment.health import open_flags_visible_to
from goals.alignment.rules import ADDITIVE_UNITS, target_shortfall_applies
from goals.models import Cycle, FlagKind, Goal, Phase, Status, Tier, Visibility
from goals.models.goal import visible_goal_q
from workshop.models import Baseline, BaselineGoal, Decision

DECISIONS_SHOWN = 50
DRIFT_ROWS_SHOWN = 200


# --- the board --------------------------------------------------------------------------


@dataclass
class ObjectiveColumn:
    """A corporate objective on the board with the executive goals mapped under it."""

    objective: Goal
    goals: list[Goal] = field(default_factory=list)
    # Targets of the mapped goals that count toward the objective (its unit, company-visible, weight > 0).
    mapped_total: Decimal = Decimal(0)
    counted: int = 0

    @property
    def is_supported(self) -> bool:
        return bool(self.goals)

    @property
    def adds_up(self) -> bool | None:
        """Whether the mapped targets reach the objective's; None when nothing adds up to it.

        Nothing adds up when the objective is measured in % or when no mapped goal is
        measured in its unit (as the scan's target_shortfall rule sees it).
        """
        objective = self.objective
        if objective.unit not in ADDITIVE_UNITS or not self.counted:
            return None
        return not target_shortfall_applies(
            objective.unit, objective.baseline, objective.target, self.mapped_total, objective.direction
        )

    @property
    def gap(self) -> Decimal:
        return abs(self.objective.target - self.mapped_total)


@dataclass
class FlagCount:
    kind: str
    label: str
    count: int


@dataclass
class WorkshopBoard:
    cycle: Cycle
    columns: list[ObjectiveColumn]
    unmapped: list[Goal]
    flags: list[FlagCount]

    @property
    def unsupported(self) -> list[ObjectiveColumn]:
        return [column for column in self.columns if not column.is_supported]

    @property
    def short(self) -> list[ObjectiveColumn]:
        return [column for column in self.columns if column.is_supported and column.adds_up is False]

    @property
    def open_flags(self) -> int:
        return sum(count.count for count in self.flags)


def _counts_toward(goal: Goal, objective: Goal) -> bool:
    return (
        goal.unit == objective.unit
        and goal.visibility == Visibility.COMPANY
        and goal.status != Status.DROPPED
        and goal.weight > 0
    )


def workshop_board(cycle: Cycle, viewer: Person) -> WorkshopBoard:
    """The cycle's objectives with the goals right under them, the unmapped executive goals, open flags (2 queries).

    Goals under an objective are executive goals, save the odd goal linked there from a
    lower tier (the scan flags it); they all show, as they all count toward the objective.
    """
    objective_ids = Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE, parent__isnull=True).values("pk")
    goals = list(
        Goal.objects.filter(cycle=cycle)
        .filter(Q(pk__in=objective_ids) | Q(parent__in=objective_ids) | Q(tier=Tier.EXECUTIVE, parent__isnull=True))
        .visible_to(viewer)
        .select_related("owner")
        .order_by("tree_id", "lft")
    )
    for goal in goals:
        goal.cycle = cycle  # rules read the goal's cycle: share the one loaded
    columns = {goal.pk: ObjectiveColumn(goal) for goal in goals if goal.tier == Tier.CORPORATE}
    unmapped = []
    for goal in goals:
        if goal.parent_id is None:
            if goal.tier == Tier.EXECUTIVE and goal.status != Status.DROPPED:
                unmapped.append(goal)
        elif goal.parent_id in columns:
            column = columns[goal.parent_id]
            column.goals.append(goal)
            if _counts_toward(goal, column.objective):
                column.mapped_total += goal.target
                column.counted += 1
    kinds = Counter(open_flags_visible_to(viewer, cycle).values_list("kind", flat=True))
    flags = [FlagCount(kind, label, kinds[kind]) for kind, label in FlagKind.choices if kinds[kind]]
    return WorkshopBoard(cycle=cycle, columns=list(columns.values()), unmapped=unmapped, flags=flags)


def decisions_visible_to(viewer: Person) -> QuerySet[Decision]:
    """Decisions of the log ``viewer`` may read: none about an objective they may not see (its id would show)."""
    if viewer.is_staff:
        return Decision.objects.all()  # visible_goal_q is an empty Q for staff, and "X | Q()" is just X
    return Decision.objects.filter(Q(objective__isnull=True) | visible_goal_q(viewer, prefix="objective__"))


def workshop_decisions(cycle: Cycle, viewer: Person, limit: int = DECISIONS_SHOWN) -> list[Decision]:
    return list(decisions_visible_to(viewer).filter(cycle=cycle).select_related("author", "objective")[:limit])


def unmapped_goals_in_workshop(person: Person) -> QuerySet[Goal]:
    """``person``'s executive goals not mapped to any objective yet, in cycles holding their workshop."""
    return (
        Goal.objects.filter(owner=person, tier=Tier.EXECUTIVE, parent__isnull=True, cycle__phase=Phase.WORKSHOP)
        .exclude(status=Status.DROPPED)
        .order_by("cycle__start", "title")
    )


# --- the baseline -----------------------------------------------------------------------


def baseline_of(cycle: Cycle) -> Baseline | None:
    return Baseline.objects.filter(cycle=cycle).select_related("frozen_by").first()


def baseline_rows(baseline: Baseline, viewer: Person) -> QuerySet[BaselineGoal]:
    """The baseline's goals ``viewer`` may see (as the goals were when frozen), in cascade order."""
    return baseline.goals.filter(visible_goal_q(viewer)).order_by("position")


# --- drift ------------------------------------------------------------------------------


class DriftKind:
    TARGET = "target_changed"
    PARENT = "parent_changed"
    ADDED = "added"
    REMOVED = "removed"
    DROPPED = "dropped"
    choices = [
        (TARGET, "Target changed"),
        (PARENT, "Moved to another parent"),
        (ADDED, "Added since the baseline"),
        (DROPPED, "Dropped since the baseline"),
        (REMOVED, "Deleted since the baseline"),
    ]


@dataclass
class DriftRow:
    kind: str
    goal_pk: int
    title: str
    owner_name: str
    tier: str
    unit: str
    goal_exists: bool
    baseline_target: Decimal | None = None
    current_target: Decimal | None = None
    baseline_parent_id: int | None = None
    current_parent_id: int | None = None
    baseline_parent: str = ""
    current_parent: str = ""
    # A parent the viewer may not see shows neither title nor id (as the goal API's parent_is_hidden).
    baseline_parent_is_hidden: bool = False
    current_parent_is_hidden: bool = False

    @property
    def target_change(self) -> Decimal | None:
        if self.baseline_target is None or self.current_target is None:
            return None
        return self.current_target - self.baseline_target


@dataclass
class Drift:
    baseline: Baseline
    counts: dict[str, int]
    rows: dict[str, list[DriftRow]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def sections(self) -> list[dict]:
        return [
            {"kind": kind, "label": label, "count": self.counts[kind], "rows": self.rows[kind]}
            for kind, label in DriftKind.choices
        ]


def _parent_differs() -> Q:
    return (
        Q(goal__parent__isnull=True, parent_pk__isnull=False)
        | Q(goal__parent__isnull=False, parent_pk__isnull=True)
        | (Q(goal__parent__isnull=False, parent_pk__isnull=False) & ~Q(goal__parent_id=F("parent_pk")))
    )


def baseline_drift(baseline: Baseline, viewer: Person, limit: int = DRIFT_ROWS_SHOWN) -> Drift:
    """What changed in the cascade since ``baseline``: counts of each kind and the first ``limit`` rows of each.

    Everything happens in SQL, a count and a page of rows per kind plus two queries for
    parent titles (twelve at most), so a 100,000-goal cycle costs the same number of queries as a small one.
    Only goals ``viewer`` may see count, as they were in the baseline and as they are now.
    """
    rows = baseline.goals.filter(visible_goal_q(viewer))
    if not viewer.is_staff:  # visible_goal_q is an empty Q for staff, and "X | Q()" would be just X
        rows = rows.filter(Q(goal__isnull=True) | visible_goal_q(viewer, prefix="goal__"))
    existing = rows.filter(goal__isnull=False, goal__deletion__isnull=True)
    changed = {
        DriftKind.TARGET: existing.exclude(goal__target=F("target")),
        DriftKind.PARENT: existing.filter(_parent_differs()),
        DriftKind.DROPPED: existing.filter(goal__status=Status.DROPPED).exclude(status=Status.DROPPED),
        DriftKind.REMOVED: rows.filter(Q(goal__isnull=True) | Q(goal__deletion__isnull=False)),
    }
    added = (
        Goal.objects.filter(cycle_id=baseline.cycle_id)
        .visible_to(viewer)
        .filter(~Exists(BaselineGoal.objects.filter(baseline=baseline, goal_pk=OuterRef("pk"))))
    )
    counts = {kind: queryset.count() for kind, queryset in changed.items()}
    counts[DriftKind.ADDED] = added.count()

    found: dict[str, list[DriftRow]] = defaultdict(list)
    parent_ids: set[int] = set()
    fields = (
        "goal_pk",
        "title",
        "owner_name",
        "tier",
        "unit",
        "target",
        "parent_pk",
        "goal__target",
        "goal__parent_id",
    )
    for kind, queryset in changed.items():
        if not counts[kind]:
            continue
        for pk, title, owner, tier, unit, target, parent_pk, now_target, now_parent in queryset.order_by(
            "position"
        ).values_list(*fields)[:limit]:
            found[kind].append(
                DriftRow(
                    kind=kind,
                    goal_pk=pk,
                    title=title,
                    owner_name=owner,
                    tier=tier,
                    unit=unit,
                    goal_exists=kind != DriftKind.REMOVED,
                    baseline_target=target,
                    current_target=now_target,
                    baseline_parent_id=parent_pk,
                    current_parent_id=now_parent,
                )
            )
            parent_ids.update(p for p in (parent_pk, now_parent) if p)
    if counts[DriftKind.ADDED]:
        for goal in added.select_related("owner").order_by("tree_id", "lft")[:limit]:
            found[DriftKind.ADDED].append(
                DriftRow(
                    kind=DriftKind.ADDED,
                    goal_pk=goal.pk,
                    title=goal.title,
                    owner_name=goal.owner.full_name,
                    tier=goal.tier,
                    unit=goal.unit,
                    goal_exists=True,
                    current_target=goal.target,
                    current_parent_id=goal.parent_id,
                )
            )
            if goal.parent_id:
                parent_ids.add(goal.parent_id)
    _name_parents(found, parent_ids, baseline, viewer)
    return Drift(baseline=baseline, counts=counts, rows={kind: found.get(kind, []) for kind, _ in DriftKind.choices})


def _name_parents(found: dict[str, list[DriftRow]], parent_ids: set[int], baseline: Baseline, viewer: Person) -> None:
    """Name each row's parents: the goal's title now, else as frozen, else "a goal you cannot see" without its id."""
    if not parent_ids:
        return
    titles = dict(Goal.objects.filter(pk__in=parent_ids).visible_to(viewer).values_list("pk", "title"))
    missing = parent_ids - set(titles)
    if missing:
        frozen = baseline.goals.filter(goal_pk__in=missing).filter(visible_goal_q(viewer))
        titles.update(frozen.values_list("goal_pk", "title"))
    for rows in found.values():
        for row in rows:
            for attr in ("baseline_parent", "current_parent"):
                pk = getattr(row, f"{attr}_id")
                if pk and pk in titles:
                    setattr(row, attr, titles[pk])
                elif pk:
                    setattr(row, attr, "a goal you cannot see")
                    setattr(row, f"{attr}_id", None)
                    setattr(row, f"{attr}_is_hidden", True)


# --- the check before closing -----------------------------------------------------------


@dataclass(frozen=True)
class ClosingGaps:
    """What closing now would freeze unresolved: executive goals on no objective, objectives no goal supports."""

    unmapped: list[Goal]
    unsupported: list[Goal]

    def __bool__(self) -> bool:
        return bool(self.unmapped or self.unsupported)


def closing_gaps(cycle: Cycle, viewer: Person | None = None) -> ClosingGaps:
    """The gaps of ``cycle``'s cascade as the board counts them (2 queries); only those ``viewer`` may see when given.

    An objective counts as supported by any goal right under it, as on the board.
    """
    unmapped = (
        Goal.objects.filter(cycle=cycle, tier=Tier.EXECUTIVE, parent__isnull=True)
        .exclude(status=Status.DROPPED)
        .select_related("owner")
        .order_by("tree_id", "lft")
    )
    unsupported = (
        Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE, parent__isnull=True)
        .exclude(Exists(Goal.objects.filter(parent=OuterRef("pk"))))
        .select_related("owner")
        .order_by("tree_id", "lft")
    )
    if viewer is not None:
        unmapped, unsupported = unmapped.visible_to(viewer), unsupported.visible_to(viewer)
    return ClosingGaps(unmapped=list(unmapped), unsupported=list(unsupported))
