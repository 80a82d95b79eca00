"""Reads of the cascade that span relations, always filtered to what the viewer may see."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Person, Role
from goals.models import TIER_RANK, AlignmentFlag, Cycle, Deletion, Goal, GoalQuerySet, Phase, Status, Tier
from goals.models.goal import TIER_FOR_ROLE, visible_goal_q
from goals.progress import progress_ratio
from goals.quotas.pace import filter_pace, with_pace
from goals.rules import can_view_goal


@dataclass(frozen=True, slots=True)
class HiddenGoal:
    """Stands in, on a path, for a private goal the viewer may not see: no id, title or numbers."""

    tier: str
    level: int
    is_hidden: bool = True


def alignment_path(goal: Goal, viewer: Person) -> list[Goal | HiddenGoal]:
    """The chain from the corporate objective down to ``goal`` (one query)."""
    ancestors = list(goal.get_ancestors().select_related("owner", "cycle"))
    return [
        node if can_view_goal(viewer, node) else HiddenGoal(tier=node.tier, level=node.level)
        for node in [*ancestors, goal]
    ]


def goal_subtree(goal: Goal, viewer: Person, depth: int | None = None, max_goals: int | None = None) -> Goal:
    """``goal`` with ``subgoals`` lists filled in down to ``depth`` levels (one query).

    A goal the viewer may not see is left out together with everything under it, so the
    tree never shows a private goal's place; its company sub-goals stay findable in lists.
    More than ``max_goals`` goals below is refused, so a caller cannot load a whole company by accident.
    """
    descendants = goal.get_descendants().visible_to(viewer).select_related("owner", "cycle")
    if depth is not None:
        descendants = descendants.filter(level__lte=goal.level + depth)
    if max_goals is not None:
        descendants = list(descendants[: max_goals + 1])
        if len(descendants) > max_goals:
            raise ValidationError(
                {"depth": f"More than {max_goals} goals lie below this one; ask for fewer levels with ?depth=."}
            )
    goal.subgoals = []
    placed = {goal.pk: goal}
    for node in descendants:  # tree order: a parent always comes before its children
        parent = placed.get(node.parent_id)
        if parent is None:
            continue
        node.subgoals = []
        parent.subgoals.append(node)
        placed[node.pk] = node
    return goal


def _open_flag_count() -> Coalesce:
    open_flags = (
        AlignmentFlag.objects.filter(goal=OuterRef("pk"), resolved_at__isnull=True)
        .order_by()
        .values("goal")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Coalesce(Subquery(open_flags, output_field=IntegerField()), 0)


def _parent_is_hidden(viewer: Person) -> Case | Value:
    """True when the goal has a parent ``viewer`` may not see (its id must not show either)."""
    if viewer.is_staff:
        return Value(False, output_field=BooleanField())
    return Case(
        When(Q(parent__isnull=True) | visible_goal_q(viewer, prefix="parent__"), then=Value(False)),
        default=Value(True),
        output_field=BooleanField(),
    )


def goal_list(viewer: Person) -> GoalQuerySet:
    """The goals ``viewer`` may see, with what every list and page shows about them, in constant queries.

    Annotated with ``open_flags`` (open alignment flags) and ``parent_is_hidden``; the ids
    of linked assumptions come in one more query per page.
    """
    assumption_model = Goal._meta.get_field("assumptions").related_model
    return (
        Goal.objects.visible_to(viewer)
        .select_related("owner", "cycle")
        .annotate(open_flags=_open_flag_count(), parent_is_hidden=_parent_is_hidden(viewer))
        .prefetch_related(Prefetch("assumptions", queryset=assumption_model.objects.only("id")))
    )


def attach_goal_details(goals: list[Goal]) -> None:
    """Give goals loaded some other way (a subtree) the ``open_flags`` and assumptions that lists show (two queries)."""
    counts = dict(
        AlignmentFlag.objects.filter(goal__in=goals, resolved_at__isnull=True)
        .order_by()
        .values("goal")
        .annotate(count=Count("id"))
        .values_list("goal", "count")
    )
    assumption_model = Goal._meta.get_field("assumptions").related_model
    prefetch_related_objects(goals, Prefetch("assumptions", queryset=assumption_model.objects.only("id")))
    for goal in goals:
        goal.open_flags = counts.get(goal.pk, 0)


def flag_list(viewer: Person):
    """Alignment flags on goals ``viewer`` may see."""
    return AlignmentFlag.objects.filter(
        visible_goal_q(viewer, prefix="goal__"), goal__deletion__isnull=True
    ).select_related("goal")


EXPORT_COLUMNS = (
    "id",
    "external_key",
    "parent",
    "parent_external_key",
    "level",
    "tier",
    "owner",
    "owner_id",
    "title",
    "description",
    "metric",
    "unit",
    "baseline",
    "target",
    "direction",
    "current",
    "weight",
    "due_date",
    "status",
    "visibility",
    "rollup",
    "progress",
    "rolled_up_progress",
    "open_flags",
)


def cascade_export_rows(cycle: Cycle, viewer: Person) -> list[dict]:
    """A cycle's cascade as flat rows in tree order, as ``viewer`` may see it (one query).

    The columns are those the goal import reads (``owner`` is a username, ``parent`` an id)
    plus the goal's id, level, status and figures. A parent ``viewer`` may not see is left blank.
    """
    rows = (
        Goal.objects.visible_to(viewer)
        .filter(cycle=cycle)
        .annotate(
            open_flags=_open_flag_count(),
            parent_is_hidden=_parent_is_hidden(viewer),
            owner_username=F("owner__username"),
            parent_key=F("parent__external_key"),
        )
        .order_by("tree_id", "lft")
        .values(
            "id",
            "external_key",
            "parent_id",
            "parent_key",
            "parent_is_hidden",
            "level",
            "tier",
            "owner_username",
            "owner_id",
            "title",
            "description",
            "metric",
            "unit",
            "baseline",
            "target",
            "direction",
            "current",
            "weight",
            "due_date",
            "status",
            "visibility",
            "rollup",
            "rolled_up_progress",
            "open_flags",
        )
    )
    exported = []
    for row in rows.iterator(chunk_size=2000):
        hidden = row.pop("parent_is_hidden")
        parent_id, parent_key = row.pop("parent_id"), row.pop("parent_key")
        exported.append(
            {
                **row,
                "parent": None if hidden else parent_id,
                "parent_external_key": "" if hidden or not parent_key else parent_key,
                "owner": row.pop("owner_username"),
                "progress": round(progress_ratio(row["baseline"], row["target"], row["current"], row["direction"]), 4),
                "rolled_up_progress": round(row["rolled_up_progress"], 4),
                # Amounts as exact decimal strings, as everywhere in the API.
                **{name: str(row[name]) for name in ("baseline", "target", "current", "weight")},
            }
        )
    return [{column: row[column] for column in EXPORT_COLUMNS} for row in exported]


# --- pages: the explorer, the alignment map, approvals, the home page ------------------
# Each read costs a fixed number of queries whatever the size of the cascade: one tree
# level at a time, counts and flags fetched set-based for the whole level.

EXPLORER_PAGE_SIZE = 50
MAP_NODE_LIMIT = 150


def current_cycle() -> Cycle | None:
    """The cycle people work in now: the active one, else the workshop, else planning, else the latest."""
    cycles = list(Cycle.objects.all())
    for phase in (Phase.ACTIVE, Phase.WORKSHOP, Phase.PLANNING):
        in_phase = [cycle for cycle in cycles if cycle.phase == phase]
        if in_phase:
            return max(in_phase, key=lambda cycle: cycle.start)
    return cycles[0] if cycles else None


def visible_subgoal_count(viewer: Person):
    """SQL for how many direct sub-goals of each goal ``viewer`` may see (private ones are not counted)."""
    children = (
        Goal.objects.filter(parent=OuterRef("pk"))
        .visible_to(viewer)
        .order_by()
        .values("parent")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(children, output_field=IntegerField()), 0)


def explorer_rows(goals: QuerySet, viewer: Person) -> QuerySet:
    """Goals ready for a tree row: visible only, with owner, cycle, open flags, visible sub-goal count and pace."""
    return (
        with_pace(goals.visible_to(viewer), timezone.localdate())
        .select_related("owner", "cycle")
        .annotate(subgoal_count=visible_subgoal_count(viewer))
        .prefetch_related(
            Prefetch("flags", queryset=AlignmentFlag.objects.open().order_by("kind"), to_attr="open_flags")
        )
        .order_by("tree_id", "lft")
    )


def cycle_objectives(cycle: Cycle) -> QuerySet:
    """The corporate objectives of a cycle: the tops of its cascade."""
    return Goal.objects.filter(cycle=cycle, parent__isnull=True, tier=Tier.CORPORATE)


def cycle_unlinked_goals(cycle: Cycle) -> QuerySet:
    """Goals of the cycle linked to no parent yet (corporate objectives aside)."""
    return Goal.objects.filter(cycle=cycle, parent__isnull=True).exclude(tier=Tier.CORPORATE)


def cycle_goals_linked_elsewhere(cycle: Cycle) -> QuerySet:
    """Goals of the cycle hanging under a goal of another cycle, in trees that start outside the cycle.

    These are the goals the cycle's own objectives do not reach. Looking only at trees
    whose root is in another cycle (a handful) keeps this from joining every goal of a
    large cycle to its parent.
    """
    foreign_trees = Goal.objects.filter(parent__isnull=True).exclude(cycle=cycle).values("tree_id")
    return Goal.objects.filter(cycle=cycle, parent__isnull=False, tree_id__in=foreign_trees).exclude(
        parent__cycle=cycle
    )


# Up to this many matching owners are passed to the goal query as literal ids.
OWNER_MATCHES_INLINED = 500


def _owners_matching(term: str) -> list[int] | QuerySet:
    """People whose name or username contains ``term``: usually a handful, fetched first.

    With literal ids PostgreSQL combines the title's trigram index and the owner index
    (a bitmap OR); with a subquery in the OR it scans every goal of the cycle instead.
    """
    owners = (
        Person.objects.filter(
            Q(first_name__icontains=term) | Q(last_name__icontains=term) | Q(username__icontains=term)
        )
        .order_by()
        .values_list("pk", flat=True)
    )
    found = list(owners[: OWNER_MATCHES_INLINED + 1])
    return found if len(found) <= OWNER_MATCHES_INLINED else owners


# The explorer's orders by forecast (goals without one last either way).
FORECAST_ORDER = {
    "forecast": F("pace_forecast").asc(nulls_last=True),
    "-forecast": F("pace_forecast").desc(nulls_last=True),
}


def explorer_search(
    cycle: Cycle,
    viewer: Person,
    *,
    query: str = "",
    region: str = "",
    tier: str = "",
    status: str = "",
    flagged: bool = False,
    flag_kind: str = "",
    pace: str = "",
    sort: str = "",
) -> QuerySet:
    """Goals of the cycle matching a search (every word in the title or the owner's name) and filters.

    ``pace`` keeps one pace status (goals.quotas.pace); ``sort="forecast"`` (or ``"-forecast"``)
    orders by forecast, lowest (highest) first, goals without one last. ``flag_kind`` keeps goals
    with an open flag of that kind (the alignment health page links its counts here).
    """
    goals = Goal.objects.filter(cycle=cycle)
    for term in query.split():
        goals = goals.filter(Q(title__icontains=term) | Q(owner_id__in=_owners_matching(term)))
    if region:
        goals = goals.filter(owner__region=region)
    if tier:
        goals = goals.filter(tier=tier)
    if status:
        goals = goals.filter(status=status)
    if flagged or flag_kind:
        open_flags = AlignmentFlag.objects.open().filter(goal=OuterRef("pk"))
        goals = goals.filter(Exists(open_flags.filter(kind=flag_kind) if flag_kind else open_flags))
    rows = explorer_rows(goals, viewer).select_related("parent__owner", "parent__cycle")
    if pace:
        rows = filter_pace(rows, pace)
    if sort in FORECAST_ORDER:
        rows = rows.order_by(FORECAST_ORDER[sort], "tree_id", "lft")
    return rows


def explorer_focus_path(goal: Goal, viewer: Person) -> list[int]:
    """Ids of the goals to open so that ``goal`` shows in the tree: its visible ancestors (one query)."""
    ancestors = list(goal.get_ancestors().select_related("owner", "cycle"))
    if not all(can_view_goal(viewer, ancestor) for ancestor in ancestors):
        return []  # its place in the tree runs through a private goal: the tree never shows it
    return [ancestor.pk for ancestor in ancestors]


def alignment_map(goal: Goal, viewer: Person, limit: int = MAP_NODE_LIMIT) -> dict:
    """``goal``'s visible subtree as nested dicts for the drawn map, never more than ``limit`` nodes.

    Levels are loaded whole, top down (one query each) while they fit; nodes whose
    sub-goals did not fit say how many there are, so the map can open them on demand.
    """
    root = explorer_rows(Goal.objects.filter(pk=goal.pk), viewer).get()
    nodes = {root.pk: _map_node(root)}
    frontier = [root] if root.subgoal_count else []
    while frontier:
        room = limit - len(nodes)
        level = list(
            explorer_rows(Goal.objects.filter(parent_id__in=[node.pk for node in frontier]), viewer)[: room + 1]
        )
        if not level or len(level) > room:
            break
        for node in level:
            nodes[node.pk] = _map_node(node)
            nodes[node.parent_id]["children"].append(nodes[node.pk])
        frontier = [node for node in level if node.subgoal_count]
    tree = nodes[root.pk]
    tree["ancestors"] = _map_ancestors(goal, viewer)
    tree["parent_id"] = tree["ancestors"][-1]["id"] if tree["ancestors"] else None
    tree["node_count"] = len(nodes)
    return tree


def _map_ancestors(goal: Goal, viewer: Person) -> list[dict]:
    """The visible goals above ``goal``, top first (one query), for the map's path to the root.

    The path stops below the first goal ``viewer`` may not see: what is above a private goal stays unknown.
    """
    if goal.parent_id is None:
        return []
    ancestors = list(goal.get_ancestors().select_related("owner", "cycle"))
    path: list[dict] = []
    for ancestor in reversed(ancestors):
        if not can_view_goal(viewer, ancestor):
            break
        path.append(
            {
                "id": ancestor.pk,
                "title": ancestor.title,
                "owner": ancestor.owner.full_name,
                "tier": ancestor.tier,
                "rolled_up_progress": round(ancestor.rolled_up_progress, 4),
                "started": ancestor.cycle.phase in (Phase.ACTIVE, Phase.CLOSED),
                "url": ancestor.get_absolute_url(),
            }
        )
    return path[::-1]


MAP_SEARCH_RESULTS = 10


def alignment_map_search(cycle: Cycle, viewer: Person, query: str) -> list[dict]:
    """Up to 10 goals of ``cycle`` matching ``query`` as the explorer's search does, each with the goal the map
    opens on to show it: its parent when ``viewer`` may see it (so its siblings show too), else itself."""
    if not query.strip():
        return []
    goals = Goal.objects.filter(cycle=cycle)
    for term in query.split():  # matched as the explorer's search matches, without its pace and flags
        goals = goals.filter(Q(title__icontains=term) | Q(owner_id__in=_owners_matching(term)))
    rows = (
        goals.visible_to(viewer)
        .select_related("owner", "parent__owner", "parent__cycle")
        .order_by("tree_id", "lft")[:MAP_SEARCH_RESULTS]
    )
    return [
        {
            "id": goal.pk,
            "title": goal.title,
            "owner": goal.owner.full_name,
            "tier": goal.get_tier_display(),
            "map_root": goal.parent_id if goal.parent_id and can_view_goal(viewer, goal.parent) else goal.pk,
        }
        for goal in rows
    ]


def _map_node(goal: Goal) -> dict:
    return {
        "id": goal.pk,
        "title": goal.title,
        "owner": goal.owner.full_name,
        "tier": goal.tier,
        "status": goal.status,
        "progress": round(goal.progress, 4),
        "rolled_up_progress": round(goal.rolled_up_progress, 4),
        "flags": [flag.get_kind_display() for flag in goal.open_flags],
        # Before the cycle runs, 0% is no news: the map draws such goals as not started, not as behind.
        "started": goal.cycle.phase in (Phase.ACTIVE, Phase.CLOSED),
        "subgoal_count": goal.subgoal_count,
        "url": goal.get_absolute_url(),
        "children": [],
    }


def approval_queue(viewer: Person) -> QuerySet:
    """Submitted goals waiting for ``viewer``: those of people under them (for executives, also
    fellow executives who report to no one; for admins, all), oldest submission first."""
    goals = Goal.objects.filter(status=Status.SUBMITTED).exclude(cycle__phase=Phase.CLOSED).exclude(owner=viewer)
    if not viewer.is_staff:
        scope = Q(owner__tree_id=viewer.tree_id, owner__lft__gt=viewer.lft, owner__rght__lt=viewer.rght)
        if viewer.role == Role.EXECUTIVE:
            scope |= Q(owner__manager__isnull=True)
        goals = goals.filter(scope)
    return goals.select_related("owner", "cycle", "parent__owner", "parent__cycle").order_by(
        Coalesce("submitted_at", "updated"), "pk"
    )


def checkins_owed(person: Person, now: datetime | None = None) -> list[Goal]:
    """``person``'s goals in active cycles with no check-in for longer than the cycle's interval."""
    now = now or timezone.now()
    goals = (
        Goal.objects.filter(owner=person, cycle__phase=Phase.ACTIVE, status__in=(Status.APPROVED, Status.SUBMITTED))
        .select_related("cycle", "owner")
        .order_by("last_checkin_at", "pk")
    )
    return [
        goal
        for goal in goals
        if goal.last_checkin_at is None or goal.last_checkin_at < now - timedelta(days=goal.cycle.checkin_interval_days)
    ]


@dataclass(frozen=True, slots=True)
class OutlineRow:
    """One line of an indented outline of the cascade: a goal (or a hidden step) at a depth."""

    goal: Goal | HiddenGoal
    depth: int
    is_highlighted: bool


def alignment_outline(goals: list[Goal], viewer: Person) -> list[OutlineRow]:
    """The paths from the corporate objectives down to ``goals``, merged into one outline (one query)."""
    if not goals:
        return []
    wanted = {goal.pk for goal in goals}
    nodes = list(
        Goal.objects.get_queryset_ancestors(Goal.objects.filter(pk__in=wanted), include_self=True)
        .select_related("owner", "cycle")
        .order_by("tree_id", "lft")
    )
    levels_by_tree: dict[int, int] = {}
    for node in nodes:
        levels_by_tree[node.tree_id] = min(levels_by_tree.get(node.tree_id, node.level), node.level)
    return [
        OutlineRow(
            goal=node if can_view_goal(viewer, node) else HiddenGoal(tier=node.tier, level=node.level),
            depth=node.level - levels_by_tree[node.tree_id],
            is_highlighted=node.pk in wanted,
        )
        for node in nodes
    ]


def parent_suggestions(
    owner: Person,
    cycle: Cycle,
    viewer: Person,
    *,
    query: str = "",
    exclude: Goal | None = None,
    limit: int = 20,
) -> list[Goal]:
    """Goals ``owner``'s goal could be linked under, best first.

    Without a search: goals of a tier above the owner's, those of their manager first,
    then of each manager further up the chain, then the corporate objectives. A search
    looks through every visible goal of the cycle by title or owner, the chain still first.
    """
    chain = list(owner.management_chain())
    distance = Case(
        *[When(owner_id=person.pk, then=Value(rank)) for rank, person in enumerate(chain)],
        When(tier=Tier.CORPORATE, then=Value(len(chain))),
        default=Value(len(chain) + 1),
        output_field=IntegerField(),
    )
    goals = (
        Goal.objects.filter(cycle=cycle)
        .visible_to(viewer)
        .exclude(status=Status.DROPPED)
        .select_related("owner", "cycle")
        .annotate(chain_distance=distance)
    )
    if exclude is not None and exclude.pk is not None:
        goals = goals.exclude(tree_id=exclude.tree_id, lft__gte=exclude.lft, rght__lte=exclude.rght)
    if query.strip():
        for term in query.split():
            goals = goals.filter(
                Q(title__icontains=term) | Q(owner__first_name__icontains=term) | Q(owner__last_name__icontains=term)
            )
    else:
        own_rank = TIER_RANK.get(TIER_FOR_ROLE.get(owner.role), len(TIER_RANK))
        goals = goals.filter(
            Q(owner__in=chain) | Q(tier=Tier.CORPORATE),
            tier__in=[tier for tier, rank in TIER_RANK.items() if rank < own_rank],
        )
    return list(goals.order_by("chain_distance", "tree_id", "lft")[:limit])


# --- deletions ---------------------------------------------------------------------------


def deletions_visible_to(viewer: Person, now: datetime) -> QuerySet[Deletion]:
    """Deletions ``viewer`` may see: every one for admins; for others, their own still within the undo window."""
    deletions = Deletion.objects.select_related("cycle", "restored_by").order_by("-created", "-id")
    if viewer.is_staff:
        return deletions
    return deletions.filter(actor=viewer, restored_at__isnull=True, undo_until__gte=now)


def deleted_goals_preview(goal: Goal, viewer: Person) -> list[Goal]:
    """What ``children=delete`` would take with ``goal``, as ``viewer`` may see it, in tree order (one query)."""
    return list(goal.get_descendants().visible_to(viewer).select_related("owner", "cycle"))
