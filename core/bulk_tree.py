"""Inserting whole subtrees into a django-mptt tree at once, for bulk imports.

mptt shifts half a tree's rows for every single insert. ``build_tree_nodes`` computes a
new subtree's nested sets in memory and opens the gap for it with one update, so a
subtree of any size goes in with one update and one bulk insert per level.
``insert_leaves`` does the same for many single goals under different parents (the
concurrent drafts of goals/placement.py): one update per tree, however many goals, and
none at all for goals that fit in the room their parent holds. ``make_room`` leaves such
room under every node of a tree. Room is a run of unused numbers between a node's last
child and its right edge: the sets still nest and never overlap, but ``rght - lft`` no
longer tells how many nodes are below (core/tree_integrity.py checks the nesting itself).
The caller holds ``mptt_tree_lock`` on the target's tree (and ``new_tree`` for new roots).
"""

from collections.abc import Callable
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


def insert_leaves(model, leaves: list[tuple[Any, Any]], room_for: Callable[[int], int] | None = None) -> int:
    """Insert new leaves, each as the last child of its parent; returns how many parents needed a shift.

    ``leaves`` are (unsaved instance, parent) pairs; parents may repeat and lie anywhere in
    their trees. A parent may hold room: free numbers between its last child and its own right
    edge, left by an earlier shift or by ``make_room``. Leaves that fit there take it, and no
    other row moves. For the rest, django-mptt would shift the rows to the right of each
    insertion point once per leaf; here every row moves once per tree, by the space opened at
    or before it, and ``room_for(children)`` says how many more children's room to leave behind
    the new ones (none by default: django-mptt's own compact numbering). The parents' tree
    fields are read afresh. The caller holds ``mptt_tree_lock`` on the parents' trees.
    Instances are saved one by one with Django's own ``save()`` (their nested-set fields
    already set), so ``pre_save``/``post_save`` receivers see each of them.
    """
    opts = model._mptt_meta
    left, right, tree, level = opts.left_attr, opts.right_attr, opts.tree_id_attr, opts.level_attr
    parent_column = f"{opts.parent_attr}_id"
    by_parent: dict[int, list[Any]] = {}
    parents = {}
    for instance, parent in leaves:
        by_parent.setdefault(parent.pk, []).append(instance)
        parents[parent.pk] = parent
    fresh = {
        row["pk"]: row
        for row in model._tree_manager.filter(pk__in=by_parent).order_by().values("pk", left, right, tree, level)
    }
    # Deleted children too (the tree manager sees every node): their numbers are taken.
    inside = {
        row[parent_column]: row
        for row in model._tree_manager.filter(**{f"{parent_column}__in": list(by_parent)})
        .order_by()
        .values(parent_column)
        .annotate(last=models.Max(right), children=models.Count("pk"))
    }

    # The number each parent's last child ends at (the parent's own lft when it has none).
    last = {parent_id: inside.get(parent_id, {}).get("last") or fresh[parent_id][left] for parent_id in by_parent}
    openings: dict[int, list[tuple[int, int]]] = {}  # tree -> (insertion point, numbers opened there)
    for parent_id, instances in by_parent.items():
        row = fresh[parent_id]
        free, needed = row[right] - last[parent_id] - 1, 2 * len(instances)
        if free < needed:
            children = inside.get(parent_id, {}).get("children", 0) + len(instances)
            spare = room_for(children) if room_for else 0
            openings.setdefault(row[tree], []).append((row[right], needed - free + 2 * spare))

    table = connection.ops.quote_name(model._meta.db_table)
    left_column = connection.ops.quote_name(model._meta.get_field(left).column)
    right_column = connection.ops.quote_name(model._meta.get_field(right).column)
    tree_column = connection.ops.quote_name(model._meta.get_field(tree).column)
    for tree_id, points in openings.items():
        points.sort()
        shifts = _shift_parameters(points)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {left_column} = {left_column} + {_shift(left_column, len(points))}, "
                f"{right_column} = {right_column} + {_shift(right_column, len(points))} "
                f"WHERE {tree_column} = %s AND {right_column} >= %s",
                [*shifts, *shifts, tree_id, points[0][0]],
            )

    for parent_id, instances in by_parent.items():
        row = fresh[parent_id]
        # Where the parent's last number is now, after the openings at or before it.
        end = last[parent_id]
        after = end + sum(opened for point, opened in openings.get(row[tree], []) if point <= end)
        for number, instance in enumerate(instances):
            setattr(instance, opts.parent_attr, parents[parent_id])
            setattr(instance, left, after + 1 + 2 * number)
            setattr(instance, right, after + 2 + 2 * number)
            setattr(instance, tree, row[tree])
            setattr(instance, level, row[level] + 1)
            # Django's save, not MPTTModel.save: the node's place is decided, nothing more to shift.
            models.Model.save(instance)
    return sum(len(points) for points in openings.values())


def _shift(column: str, points: int) -> str:
    """SQL: the numbers opened at or before ``column`` (parameters: each point, largest first, and its total)."""
    cases = " ".join(f"WHEN {column} >= %s THEN %s" for _ in range(points))
    return f"(CASE {cases} ELSE 0 END)"


def _shift_parameters(points: list[tuple[int, int]]) -> list[int]:
    """For ``_shift``: the insertion points from the largest down, each with everything opened up to it."""
    totals, running = [], 0
    for point, opened in points:
        running += opened
        totals.append((point, running))
    return [value for point, total in reversed(totals) for value in (point, total)]


def make_room(model, tree_id: int, room_for: Callable[[Any, int], int], fields: tuple[str, ...] = ()) -> int:
    """Renumber one tree so that every node has ``room_for(node, children)`` children's room after its last child.

    Goals drafted later under a node with room take it without moving any other row
    (``insert_leaves``). The order of the nodes, their parents and levels are unchanged; a node
    keeps the room it already has when that is more. ``room_for`` is given each node (an instance
    holding only the tree fields and ``fields``) and its number of children. Returns how many rows it rewrote; a tree
    that already has its room is left alone. The caller holds ``mptt_tree_lock`` on the tree.
    """
    opts = model._mptt_meta
    left, right = opts.left_attr, opts.right_attr
    parent_column = f"{opts.parent_attr}_id"
    nodes = list(
        model._tree_manager.filter(**{opts.tree_id_attr: tree_id})
        .order_by(left)
        .only("pk", parent_column, left, right, *fields)
    )
    children: dict[int | None, list[Any]] = {}
    for node in nodes:
        children.setdefault(getattr(node, parent_column), []).append(node)

    renumbered: list[tuple[Any, int, int]] = []
    number = 0
    # Depth first without recursion: a tree can be deeper than Python's stack is tall.
    stack: list[tuple[Any, bool]] = [(root, False) for root in reversed(children.get(None, []))]
    while stack:
        node, closing = stack.pop()
        if not closing:
            number += 1
            node._new_left = number
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(children.get(node.pk, [])))
            continue
        kids = children.get(node.pk, [])
        last = getattr(kids[-1], right) if kids else getattr(node, left)
        has_now = (getattr(node, right) - last - 1) // 2
        number += 2 * max(room_for(node, len(kids)), has_now) + 1
        renumbered.append((node, node._new_left, number))

    changed = []
    for node, new_left, new_right in renumbered:
        if (getattr(node, left), getattr(node, right)) != (new_left, new_right):
            setattr(node, left, new_left)
            setattr(node, right, new_right)
            changed.append(node)
    _write_numbers(model, changed)
    return len(changed)


def _write_numbers(model, nodes: list[Any], batch_size: int = 5000) -> None:
    """Store the nodes' new lft and rght: on PostgreSQL joined to a VALUES list, linear in the rows."""
    opts = model._mptt_meta
    if connection.vendor != "postgresql":
        model._tree_manager.bulk_update(nodes, [opts.left_attr, opts.right_attr], batch_size=batch_size)
        return
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    left = quote(model._meta.get_field(opts.left_attr).column)
    right = quote(model._meta.get_field(opts.right_attr).column)
    with connection.cursor() as cursor:
        for start in range(0, len(nodes), batch_size):
            batch = nodes[start : start + batch_size]
            rows = ", ".join(["(%s, %s, %s)"] * len(batch))
            cursor.execute(
                f"UPDATE {table} SET {left} = v.lft, {right} = v.rght "
                f"FROM (VALUES {rows}) AS v(id, lft, rght) WHERE {table}.{pk} = v.id",
                [
                    value
                    for node in batch
                    for value in (node.pk, getattr(node, opts.left_attr), getattr(node, opts.right_attr))
                ],
            )
