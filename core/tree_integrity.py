"""Checks that a nested-set tree is still sound: the test of every locking decision.

Room for sub-goals (core/bulk_tree.py) leaves unused numbers inside a node, so the numbers of a
tree need not be 1..2n; what must hold is that no two nodes share a number, that the sets nest
without overlapping, and that the set directly around each node is its parent's.
"""

from collections import defaultdict


def tree_problems(model) -> list[str]:
    """Everything wrong with the nested sets of ``model`` (an empty list when the trees are sound)."""
    opts = model._mptt_meta
    parent_field = opts.parent_attr + "_id"
    rows = list(model._tree_manager.order_by().values_list("pk", parent_field, "tree_id", "lft", "rght", "level"))
    nodes = {pk: (parent, tree, lft, rght, level) for pk, parent, tree, lft, rght, level in rows}
    problems: list[str] = []
    per_tree: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for pk, (parent, tree, lft, rght, level) in nodes.items():
        per_tree[tree].append((pk, lft, rght))
        if lft >= rght:
            problems.append(f"node {pk}: lft {lft} >= rght {rght}")
        if parent is None:
            if level != 0 or lft != 1:
                problems.append(f"root {pk}: level {level}, lft {lft}")
            continue
        _, p_tree, p_lft, p_rght, p_level = nodes[parent]
        if p_tree != tree:
            problems.append(f"node {pk}: in tree {tree}, its parent {parent} in tree {p_tree}")
        elif not (p_lft < lft and rght < p_rght):
            problems.append(f"node {pk}: [{lft},{rght}] not inside parent {parent} [{p_lft},{p_rght}]")
        if level != p_level + 1:
            problems.append(f"node {pk}: level {level}, parent level {p_level}")
    for tree, members in per_tree.items():
        edges = [edge for _, lft, rght in members for edge in (lft, rght)]
        if len(set(edges)) != len(edges):
            problems.append(f"tree {tree}: {len(edges) - len(set(edges))} lft/rght values repeated")
        problems.extend(_nesting_problems(members, nodes))
        roots = [pk for pk, *_ in members if nodes[pk][0] is None]
        if len(roots) != 1:
            problems.append(f"tree {tree}: {len(roots)} roots {roots[:5]}")
    return problems


def _nesting_problems(members: list[tuple[int, int, int]], nodes: dict) -> list[str]:
    """Walking a tree in ``lft`` order, the innermost set still open around a node must be its parent's."""
    problems = []
    open_sets: list[tuple[int, int]] = []  # (pk, rght), innermost last
    for pk, lft, rght in sorted(members, key=lambda member: member[1]):
        while open_sets and open_sets[-1][1] < lft:
            open_sets.pop()
        around = open_sets[-1] if open_sets else None
        if around is not None and rght > around[1]:
            problems.append(f"node {pk}: [{lft},{rght}] overlaps node {around[0]}, which ends at {around[1]}")
        elif (around[0] if around else None) != nodes[pk][0]:
            problems.append(f"node {pk}: sits directly inside {around and around[0]}, but its parent is {nodes[pk][0]}")
        open_sets.append((pk, rght))
    return problems
