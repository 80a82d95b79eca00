"""Keeping stored rolled-up progress true as the cascade changes.

A goal's ``rolled_up_progress`` is stored so that any page can show it for any node
without loading the subtree below. Services call ``refresh_rollups_upward`` for the
goals they changed (the cost is a couple of queries per tree level), and
``recompute_rollups`` rebuilds whole trees set-based after bulk loads.
"""

from collections.abc import Iterable

from goals.models import Goal, Rollup, Status, Visibility
from goals.progress import RollupNode, progress_ratio, rolled_up_progress

_ROLLUP_FIELDS = (
    "id",
    "parent_id",
    "level",
    "baseline",
    "target",
    "current",
    "direction",
    "weight",
    "rollup",
    "visibility",
    "status",
    "rolled_up_progress",
)


def _rollup_node(row: dict) -> RollupNode:
    return RollupNode(
        id=row["id"],
        parent_id=row["parent_id"],
        level=row["level"],
        own_progress=progress_ratio(row["baseline"], row["target"], row["current"], row["direction"]),
        weight=float(row["weight"]),
        manual=row["rollup"] == Rollup.MANUAL,
        counted=row["visibility"] == Visibility.COMPANY and row["status"] != Status.DROPPED,
    )


def refresh_rollups_upward(goal_ids: Iterable[int]) -> None:
    """Recompute the rolled-up progress of these goals and of every goal above them.

    Runs level by level from the deepest: one query for the paths, then per level one
    query for the children's figures and one bulk update. Call it inside the tree lock
    of the goals' trees so that concurrent check-ins under one parent cannot interleave.
    """
    ids = {pk for pk in goal_ids if pk is not None}
    if not ids:
        return
    path_nodes = list(
        Goal.objects.get_queryset_ancestors(Goal.objects.filter(pk__in=ids), include_self=True).values(*_ROLLUP_FIELDS)
    )
    by_level: dict[int, list[dict]] = {}
    for row in path_nodes:
        by_level.setdefault(row["level"], []).append(row)

    for level in sorted(by_level, reverse=True):
        rows = by_level[level]
        children = Goal.objects.filter(parent_id__in=[row["id"] for row in rows]).values(*_ROLLUP_FIELDS)
        nodes = [_rollup_node(row) for row in rows]
        # Children keep their stored figure: they are leaves of this computation.
        for child in children:
            node = _rollup_node(child)
            node.manual, node.own_progress = True, child["rolled_up_progress"]
            nodes.append(node)
        values = rolled_up_progress(nodes)
        changed = [
            Goal(pk=row["id"], rolled_up_progress=values[row["id"]])
            for row in rows
            if values[row["id"]] != row["rolled_up_progress"]
        ]
        Goal.objects.bulk_update(changed, ["rolled_up_progress"])


def recompute_rollups(tree_ids: Iterable[int]) -> int:
    """Recompute rolled-up progress of every goal in these trees; returns how many changed."""
    tree_ids = list(set(tree_ids))
    if not tree_ids:
        return 0
    rows = list(Goal.objects.filter(tree_id__in=tree_ids).order_by().values(*_ROLLUP_FIELDS))
    values = rolled_up_progress(_rollup_node(row) for row in rows)
    changed = [(row["id"], values[row["id"]]) for row in rows if values[row["id"]] != row["rolled_up_progress"]]
    del rows, values
    # Model instances a batch at a time: at 100,000 goals, all of them at once weighed 150 MB.
    for start in range(0, len(changed), ROLLUP_BATCH):
        batch = [Goal(pk=pk, rolled_up_progress=value) for pk, value in changed[start : start + ROLLUP_BATCH]]
        Goal.objects.bulk_update(batch, ["rolled_up_progress"])
    return len(changed)


ROLLUP_BATCH = 2000


def recompute_cycle_rollups(cycle_id: int) -> int:
    """Recompute every tree that holds a goal of this cycle."""
    tree_ids = Goal.objects.filter(cycle_id=cycle_id).order_by().values_list("tree_id", flat=True).distinct()
    return recompute_rollups(tree_ids)


def subtree_rolled_up_progress(goal: Goal) -> dict[int, float]:
    """Rolled-up progress of ``goal`` and everything under it, computed afresh (one query)."""
    rows = goal.get_descendants(include_self=True).order_by().values(*_ROLLUP_FIELDS)
    return rolled_up_progress(_rollup_node(row) for row in rows)
