"""Reads of the cascade that span relations, always filtered to what the viewer may see."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from accounts.models import Person
from goals.models import AlignmentFlag, Cycle, Goal, GoalQuerySet
from goals.models.goal import visible_goal_q
from goals.progress import progress_ratio
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
    return AlignmentFlag.objects.filter(visible_goal_q(viewer, prefix="goal__")).select_related("goal")


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
                "progress": round(progress_ratio(row["baseline"], row["target"], row["current"]), 4),
                "rolled_up_progress": round(row["rolled_up_progress"], 4),
                # Amounts as exact decimal strings, as everywhere in the API.
                **{name: str(row[name]) for name in ("baseline", "target", "current", "weight")},
            }
        )
    return [{column: row[column] for column in EXPORT_COLUMNS} for row in exported]
