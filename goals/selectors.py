"""Reads of the cascade that span relations, always filtered to what the viewer may see."""

from dataclasses import dataclass

from accounts.models import Person
from goals.models import Goal
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


def goal_subtree(goal: Goal, viewer: Person, depth: int | None = None) -> Goal:
    """``goal`` with ``subgoals`` lists filled in down to ``depth`` levels (one query).

    A goal the viewer may not see is left out together with everything under it, so the
    tree never shows a private goal's place; its company sub-goals stay findable in lists.
    """
    descendants = goal.get_descendants().visible_to(viewer).select_related("owner", "cycle")
    if depth is not None:
        descendants = descendants.filter(level__lte=goal.level + depth)
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
