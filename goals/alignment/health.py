"""Alignment health: how well a cycle's cascade lines up, read for one viewer.

Counts come from the open flags on goals the viewer may see, so a private goal's flags
count only for those who may see the goal itself. The trend comes from the daily
snapshots the scan keeps, which count company-visible goals only (the same for everyone).
"""

import bisect
import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from accounts.models import Person
from goals.alignment.wording import person_name
from goals.cache import cached_read
from goals.models import AlignmentFlag, AlignmentSnapshot, Cycle, FlagKind, Goal, Severity, Tier
from goals.models.goal import visible_goal_q

NO_REGION = "No region"
SEVERITY_ORDER = [Severity.CRITICAL, Severity.WARNING, Severity.INFO]


@dataclass(frozen=True, slots=True)
class Count:
    key: str
    label: str
    open_flags: int


@dataclass(frozen=True, slots=True)
class TrendPoint:
    day: datetime.date
    open_flags: int
    goals: int
    open_by_kind: dict[str, int]


@dataclass(frozen=True, slots=True)
class SubtreeHealth:
    """An executive or manager goal and the open flags in its subtree (the goal and everything under it)."""

    goal_id: int
    title: str
    tier: str
    owner_name: str
    open_flags: int


@dataclass
class AlignmentHealth:
    cycle: Cycle
    open_flags: int = 0
    by_kind: list[Count] = field(default_factory=list)
    by_severity: list[Count] = field(default_factory=list)
    by_region: list[Count] = field(default_factory=list)
    by_tier: list[Count] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    worst_subtrees: list[SubtreeHealth] = field(default_factory=list)
    last_changed_at: datetime.datetime | None = None


def open_flags_visible_to(viewer: Person, cycle: Cycle) -> QuerySet[AlignmentFlag]:
    """The cycle's open flags on goals ``viewer`` may see."""
    return AlignmentFlag.objects.open().filter(visible_goal_q(viewer, prefix="goal__"), cycle=cycle).order_by()


def alignment_health(cycle: Cycle, viewer: Person, *, trend_days: int = 90, worst_per_tier: int = 5) -> AlignmentHealth:
    """Open flags by kind, severity, region (the owner's) and tier; the trend; the worst subtrees.

    Four queries, once per version of the goals and scope of viewers (goals/cache.py): everyone
    who sees the same goals reads the same report from the cache until a goal or flag changes.
    """
    return cached_read(
        "alignment-health",
        viewer,
        lambda: _alignment_health(cycle, viewer, trend_days=trend_days, worst_per_tier=worst_per_tier),
        cycle.pk,
        trend_days,
        worst_per_tier,
        timezone.localdate(),
    )


def _alignment_health(cycle: Cycle, viewer: Person, *, trend_days: int, worst_per_tier: int) -> AlignmentHealth:
    rows = list(
        open_flags_visible_to(viewer, cycle).values_list(
            "kind", "severity", "goal__tier", "goal__owner__region", "goal__tree_id", "goal__lft"
        )
    )
    kinds = Counter(kind for kind, *_ in rows)
    severities = Counter(severity for _, severity, *_ in rows)
    tiers = Counter(tier for _, _, tier, *_ in rows)
    regions = Counter(region or NO_REGION for _, _, _, region, *_ in rows)
    flagged_positions: dict[int, list[int]] = defaultdict(list)
    for *_, tree_id, lft in rows:
        flagged_positions[tree_id].append(lft)

    since = timezone.localdate() - datetime.timedelta(days=trend_days)
    snapshots = list(AlignmentSnapshot.objects.filter(cycle=cycle, day__gte=since).order_by("day"))
    return AlignmentHealth(
        cycle=cycle,
        open_flags=len(rows),
        by_kind=[Count(kind, label, kinds[kind]) for kind, label in FlagKind.choices],
        by_severity=[Count(severity, Severity(severity).label, severities[severity]) for severity in SEVERITY_ORDER],
        by_region=[Count(region, region, count) for region, count in sorted(regions.items(), key=_most_first)],
        by_tier=[Count(tier, label, tiers[tier]) for tier, label in Tier.choices],
        trend=[TrendPoint(s.day, s.open_flags, s.goals, s.open_by_kind) for s in snapshots],
        worst_subtrees=_worst_subtrees(cycle, viewer, flagged_positions, worst_per_tier),
        last_changed_at=snapshots[-1].taken_at if snapshots else None,
    )


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _worst_subtrees(
    cycle: Cycle, viewer: Person, flagged_positions: dict[int, list[int]], per_tier: int
) -> list[SubtreeHealth]:
    """Executive and manager goals with the most open flags in their subtree, ``per_tier`` of each.

    Nested sets make "in the subtree" a range: a flag is under a goal when its goal sits
    in the same tree with ``lft`` between the goal's ``lft`` and ``rght``. With the flagged
    positions sorted per tree, each candidate costs two binary searches.
    """
    if not flagged_positions:
        return []
    for positions in flagged_positions.values():
        positions.sort()
    candidates = (
        Goal.objects.visible_to(viewer)
        .filter(cycle=cycle, tier__in=[Tier.EXECUTIVE, Tier.MANAGER], tree_id__in=list(flagged_positions))
        .order_by()
        .values_list(
            "id", "title", "tier", "tree_id", "lft", "rght", "owner__first_name", "owner__last_name", "owner__username"
        )
    )
    by_tier: dict[str, list[SubtreeHealth]] = defaultdict(list)
    for pk, title, tier, tree_id, lft, rght, first, last, username in candidates:
        positions = flagged_positions[tree_id]
        count = bisect.bisect_right(positions, rght) - bisect.bisect_left(positions, lft)
        if count:
            by_tier[tier].append(SubtreeHealth(pk, title, tier, person_name(first, last, username), count))
    worst = []
    for tier in (Tier.EXECUTIVE, Tier.MANAGER):
        worst += sorted(by_tier[tier], key=_most_flags_first)[:per_tier]
    return sorted(worst, key=_most_flags_first)


def _most_flags_first(subtree: SubtreeHealth) -> tuple[int, str]:
    return -subtree.open_flags, subtree.title


def open_flags_of_owner(owner: Person, cycle: Cycle | None = None) -> QuerySet[AlignmentFlag]:
    """The open flags on ``owner``'s own goals, worst first: what they can fix themselves."""
    flags = AlignmentFlag.objects.open().filter(goal__owner=owner).select_related("goal", "cycle")
    if cycle is not None:
        flags = flags.filter(cycle=cycle)
    return flags.order_by(_severity_rank(), "goal__title", "kind")


def open_flags_of_goal(goal: Goal) -> QuerySet[AlignmentFlag]:
    """The open flags on one goal, worst first (for anyone who may see the goal)."""
    return AlignmentFlag.objects.open().filter(goal=goal).order_by(_severity_rank(), "kind")


def _severity_rank() -> Case:
    return Case(
        *(When(severity=severity, then=Value(rank)) for rank, severity in enumerate(SEVERITY_ORDER)),
        output_field=IntegerField(),
    )
