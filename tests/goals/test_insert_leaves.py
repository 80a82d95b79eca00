"""Many new goals under different parents go into the tree with one shift, and the tree stays sound."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.bulk_tree import insert_leaves
from core.tree_integrity import tree_problems
from goals.models import Goal
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def new_goal(people, cycle, title: str) -> Goal:
    return Goal(cycle=cycle, owner=people.rep, tier="rep", title=title, metric="m", target=Decimal(1))


def test_leaves_under_several_parents_share_one_update(people, cycle, cascade):
    second = GoalFactory(cycle=cycle, owner=people.manager, parent=cascade.executive, title="Second team")
    leaves = [
        (new_goal(people, cycle, "Under the rep goal"), cascade.rep),
        (new_goal(people, cycle, "Under the team 1"), cascade.manager),
        (new_goal(people, cycle, "Under the second team"), second),
        (new_goal(people, cycle, "Under the team 2"), cascade.manager),
        (new_goal(people, cycle, "Under the objective"), cascade.objective),
    ]
    with CaptureQueriesContext(connection) as queries:
        insert_leaves(Goal, leaves)

    updates = [query["sql"] for query in queries if query["sql"].upper().startswith("UPDATE")]
    assert len(updates) == 1
    assert tree_problems(Goal) == []
    for goal, parent in leaves:
        stored = Goal.objects.get(pk=goal.pk)
        assert stored.parent_id == parent.pk
        assert stored.level == parent.level + 1
        assert stored.is_leaf_node()
    manager_children = list(Goal.objects.get(pk=cascade.manager.pk).get_children().values_list("title", flat=True))
    assert manager_children[-2:] == ["Under the team 1", "Under the team 2"]


def test_leaves_in_two_trees_shift_each_tree_once(people, cycle, cascade):
    other_root = GoalFactory(cycle=cycle, owner=people.ceo, tier="corporate", parent=None, title="Other objective")
    leaves = [
        (new_goal(people, cycle, "In the first tree"), cascade.peer),
        (new_goal(people, cycle, "In the second tree"), other_root),
    ]
    insert_leaves(Goal, leaves)

    assert tree_problems(Goal) == []
    assert Goal.objects.get(title="In the second tree").tree_id == other_root.tree_id
