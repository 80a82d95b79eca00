"""Private goals are seen by their owner, the owner's management chain and admins only."""

import pytest

from goals.models import Goal, Visibility
from goals.selectors import HiddenGoal, alignment_path, goal_subtree
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_manager_goal(people, cascade, cycle):
    secret = GoalFactory(
        cycle=cycle,
        owner=people.manager,
        parent=cascade.executive,
        title="Secret turnaround",
        visibility=Visibility.PRIVATE,
    )
    below = GoalFactory(cycle=cycle, owner=people.rep, parent=secret, title="Company goal under a private one")
    return secret, below


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        ("manager", True),
        ("cro", True),
        ("ceo", True),
        ("staff", True),
        ("rep", False),
        ("peer_rep", False),
        ("other_manager", False),
        ("other_rep", False),
    ],
)
def test_who_sees_a_private_goal(people, private_manager_goal, viewer, sees):
    secret, _ = private_manager_goal
    person = getattr(people, viewer)
    assert Goal.objects.visible_to(person).filter(pk=secret.pk).exists() is sees
    assert person.has_perm("goals.view_goal", Goal.objects.select_related("owner").get(pk=secret.pk)) is sees


def test_a_path_hides_private_goals_the_viewer_may_not_see(people, private_manager_goal):
    _, below = private_manager_goal
    path = alignment_path(below, people.rep)
    assert [getattr(node, "title", None) for node in path] == [
        "Grow new ARR 30%",
        "New ARR from sales",
        None,
        "Company goal under a private one",
    ]
    assert isinstance(path[2], HiddenGoal) and not hasattr(path[2], "pk")
    assert all(not isinstance(node, HiddenGoal) for node in alignment_path(below, people.manager))


def test_a_tree_leaves_out_private_goals_and_everything_under_them(people, cascade, private_manager_goal):
    tree = goal_subtree(Goal.objects.get(pk=cascade.executive.pk), people.other_rep)
    assert [goal.title for goal in tree.subgoals] == ["West new ARR"]
    tree = goal_subtree(Goal.objects.get(pk=cascade.executive.pk), people.manager)
    assert [goal.title for goal in tree.subgoals] == ["West new ARR", "Secret turnaround"]


def test_subtree_depth_and_query_count(people, cascade, django_assert_num_queries):
    objective = Goal.objects.get(pk=cascade.objective.pk)
    with django_assert_num_queries(1):
        tree = goal_subtree(objective, people.rep, depth=2)
    assert [goal.title for goal in tree.subgoals[0].subgoals] == ["West new ARR"]
    assert tree.subgoals[0].subgoals[0].subgoals == []
