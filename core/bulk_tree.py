"""Inserting whole subtrees into a django-mptt tree at once, for bulk imports.

mptt shifts half a tree's rows for every single insert. ``build_tree_nodes`` computes a
new subtree's nested sets in memory and opens the gap for it with one update, so a
subtree of any size goes in with one update and one bulk insert per level.
``insert_leaves`` does the same for many single goals under different parents (the
concurrent drafts of goals/placement.py): one update per tree, however many goals.
The caller holds ``mptt_tree_lock`` on the target's tree (and ``new_tree`` for new roots).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models

from core.locks import mptt_tree_lock


@dataclass
class NewNode:
    """A node to insert: its model fields, its children, and the saved instance afterwards.

    ``extra`` carries whatever the caller creates once the node has an id (e.g. check-ins).
    """

    fields: dict[str, Any]
    children: list["NewNode"] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    instance: Any = None

    def add(self, child: "NewNode") -> "NewNode":
        self.children.append(child)
        return child

    def spec(self) -> dict[str, Any]:
        return {**self.fields, "children": [child.spec() for child in self.children]}

    def preorder(self) -> list["NewNode"]:
        nodes = [self]
        for child in self.children:
            nodes.extend(child.preorder())
        return nodes


def insert_subtree(model, root: NewNode, parent=None, batch_size: int = 2000) -> list[NewNode]:
    """Insert ``root`` and everything under it as the last child of ``parent`` (or as a new tree)."""
    opts = model._mptt_meta
    if parent is not None:
        # Earlier inserts into this tree moved the parent's right edge: read it again.
        parent.refresh_from_db(fields=[opts.left_attr, opts.right_attr, opts.tree_id_attr, opts.level_attr])
    instances = model._tree_manager.build_tree_nodes(root.spec(), target=parent)
    nodes = root.preorder()
    for node, instance in zip(nodes, instances, strict=True):  # both in preorder
        node.instance = instance
    if parent is not None:
        setattr(root.instance, opts.parent_attr, parent)
    for node in nodes:
        for child in node.children:
            setattr(child.instance, opts.parent_attr, node.instance)
    for level in sorted({getattr(instance, opts.level_attr) for instance in instances}):
        model._default_manager.bulk_create(
            [instance for instance in instances if getattr(instance, opts.level_attr) == level], batch_size=batch_size
        )
    return nodes


def insert_new_tree(model, root: NewNode, batch_size: int = 2000) -> list[NewNode]:
    """Insert ``root`` and everything under it as a tree of its own, holding the new-tree lock."""
    with mptt_tree_lock(model, new_tree=True):
        return insert_subtree(model, root, batch_size=batch_size)


def insert_leaves(model, leaves: list[tuple[Any, Any]]) -> None:
    """Insert new leaves, each as the last child of its parent, with one space-making update per tree.

    ``leaves`` are (unsaved instance, parent) pairs; parents may repeat and lie anywhere in
    their trees. django-mptt would shift the rows to the right of each insertion point once per
    leaf; here every row moves once, by twice the number of insertion points at or before it.
    The parents' tree fields are read afresh. The caller holds ``mptt_tree_lock`` on the
    parents' trees. Instances are saved one by one with Django's own ``save()`` (their
    nested-set fields already set), so ``pre_save``/``post_save`` receivers see each of them.
    """
    opts = model._mptt_meta
    left, right, tree, level = opts.left_attr, opts.right_attr, opts.tree_id_attr, opts.level_attr
    parent_ids = {parent.pk for _, parent in leaves}
    fresh = {
        row["pk"]: row
        for row in model._tree_manager.filter(pk__in=parent_ids).order_by().values("pk", left, right, tree, level)
    }
    by_tree: dict[int, list[tuple[int, int, Any, Any]]] = {}
    for order, (instance, parent) in enumerate(leaves):
        row = fresh[parent.pk]
        by_tree.setdefault(row[tree], []).append((row[right], order, instance, parent))

    table = connection.ops.quote_name(model._meta.db_table)
    left_column = connection.ops.quote_name(model._meta.get_field(left).column)
    right_column = connection.ops.quote_name(model._meta.get_field(right).column)
    tree_column = connection.ops.quote_name(model._meta.get_field(tree).column)
    for tree_id, points in by_tree.items():
        points.sort(key=lambda point: (point[0], point[1]))
        edges = [edge for edge, *_ in points]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {left_column} = {left_column} + {_shift(left_column, len(edges))}, "
                f"{right_column} = {right_column} + {_shift(right_column, len(edges))} "
                f"WHERE {tree_column} = %s AND {right_column} >= %s",
                [*reversed(edges), *reversed(edges), tree_id, edges[0]],
            )
        for before, (edge, _, instance, parent) in enumerate(points):
            setattr(instance, opts.parent_attr, parent)
            setattr(instance, left, edge + 2 * before)
            setattr(instance, right, edge + 2 * before + 1)
            setattr(instance, tree, tree_id)
            setattr(instance, level, fresh[parent.pk][level] + 1)
            # Django's save, not MPTTModel.save: the node's place is decided, nothing more to shift.
            models.Model.save(instance)


def _shift(column: str, points: int) -> str:
    """SQL: twice the number of insertion points (parameters, largest first) at or before ``column``."""
    cases = " ".join(f"WHEN {column} >= %s THEN {2 * (points - index)}" for index in range(points))
    return f"(CASE {cases} ELSE 0 END)"
