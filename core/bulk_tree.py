"""Inserting whole subtrees into a django-mptt tree at once, for bulk imports.

mptt shifts half a tree's rows for every single insert. ``build_tree_nodes`` computes a
new subtree's nested sets in memory and opens the gap for it with one update, so a
subtree of any size goes in with one update and one bulk insert per level.
The caller holds ``mptt_tree_lock`` on the target's tree (and ``new_tree`` for new roots).
"""

from dataclasses import dataclass, field
from typing import Any

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
