"""Loading whole trees at once, for the demo company and the benchmark data sets.

django-mptt computes the nested sets of a new tree from a nested dict
(``build_tree_nodes``), so a 20,000-node tree goes in with one bulk insert per level
instead of 20,000 shifting inserts or a 100-second ``rebuild()``.
"""

from dataclasses import dataclass, field
from typing import Any

from core.locks import mptt_tree_lock


@dataclass
class TreeNode:
    """One node to insert: its model fields, its children, and anything to create after it."""

    fields: dict[str, Any]
    children: list["TreeNode"] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    instance: Any = None

    def add(self, child: "TreeNode") -> "TreeNode":
        self.children.append(child)
        return child

    def spec(self) -> dict[str, Any]:
        return {**self.fields, "children": [child.spec() for child in self.children]}

    def preorder(self) -> list["TreeNode"]:
        nodes = [self]
        for child in self.children:
            nodes.extend(child.preorder())
        return nodes


def bulk_insert_tree(model, root: TreeNode, batch_size: int = 2000) -> list[TreeNode]:
    """Insert ``root`` and everything under it as a new tree; sets ``instance`` on every node."""
    parent_attr = model._mptt_meta.parent_attr
    with mptt_tree_lock(model, new_tree=True):
        instances = model._tree_manager.build_tree_nodes(root.spec())
        nodes = root.preorder()
        # build_tree_nodes lists nodes in preorder, like TreeNode.preorder.
        for node, instance in zip(nodes, instances, strict=True):
            node.instance = instance
        for node in nodes:
            for child in node.children:
                setattr(child.instance, parent_attr, node.instance)
        for level in range(max(instance.level for instance in instances) + 1):
            model._default_manager.bulk_create(
                [instance for instance in instances if instance.level == level], batch_size=batch_size
            )
    return nodes
