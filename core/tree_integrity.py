"""Checks that a nested-set tree is still sound: the test of every locking decision."""

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
        edges = sorted([edge for _, lft, rght in members for edge in (lft, rght)])
        if edges != list(range(1, 2 * len(members) + 1)):
            problems.append(f"tree {tree}: lft/rght values are not 1..{2 * len(members)} without gaps or repeats")
        roots = [pk for pk, *_ in members if nodes[pk][0] is None]
        if len(roots) != 1:
            problems.append(f"tree {tree}: {len(roots)} roots {roots[:5]}")
    return problems
