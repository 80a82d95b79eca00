"""Creating, moving and deleting goals keeps the cascade a sound tree."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.tree_integrity import tree_problems
from goals.models import Goal, Status
from goals.services import goal_create, goal_delete, goal_move
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_a_new_goal_lands_under_its_parent(people, cascade, cycle):
    goal = goal_create(
        actor=people.rep,
        cycle=cycle,
        owner=people.rep,
        parent=cascade.manager,
        title="Upsell",
        metric="expansion ARR",
        target=Decimal(50_000),
    )
    assert list(goal.get_ancestors()) == [cascade.objective, cascade.executive, cascade.manager]
    assert goal.status == Status.DRAFT
    assert tree_problems(Goal) == []


def test_an_unlinked_goal_is_a_tree_of_its_own(people, cycle):
    goal = goal_create(actor=people.rep, cycle=cycle, owner=people.rep, title="Unmapped", metric="m", target=Decimal(5))
    assert goal.is_root_node()
    assert tree_problems(Goal) == []


def test_moving_a_goal_takes_its_subtree_along(people, cascade, cycle):
    other_exec = GoalFactory(cycle=cycle, owner=people.cro, parent=cascade.objective, title="Partner ARR")
    goal_move(actor=people.staff, goal=cascade.manager, parent=other_exec)
    rep = Goal.objects.get(pk=cascade.rep.pk)
    assert [g.title for g in rep.get_ancestors()] == ["Grow new ARR 30%", "Partner ARR", "West new ARR"]
    assert tree_problems(Goal) == []


def test_moving_a_goal_into_another_tree_and_back(people, cascade, cycle):
    unmapped = GoalFactory(cycle=cycle, owner=people.cro, title="Unmapped exec goal", status=Status.DRAFT)
    goal_move(actor=people.staff, goal=cascade.manager, parent=unmapped)
    assert Goal.objects.get(pk=cascade.rep.pk).tree_id == unmapped.tree_id
    goal_move(actor=people.staff, goal=Goal.objects.get(pk=cascade.manager.pk), parent=None)
    manager = Goal.objects.get(pk=cascade.manager.pk)
    assert manager.is_root_node()
    assert manager.get_descendant_count() == 2
    assert tree_problems(Goal) == []


def test_admins_delete_a_whole_subtree(people, cascade):
    goal_delete(actor=people.staff, goal=cascade.manager, children="delete")
    assert not Goal.objects.filter(pk__in=[cascade.manager.pk, cascade.rep.pk, cascade.peer.pk]).exists()
    assert Goal.all_objects.filter(pk__in=[cascade.manager.pk, cascade.rep.pk, cascade.peer.pk]).count() == 3
    assert Goal.objects.filter(pk=cascade.executive.pk).exists()
    assert tree_problems(Goal) == []


def test_owners_cannot_delete_a_goal_that_has_subgoals(people, cascade, cycle):
    goal = Goal.objects.select_related("cycle", "owner").get(pk=cascade.manager.pk)
    goal.status = Status.DRAFT
    goal.save()
    with pytest.raises(ValidationError, match="2 sub-goals"):
        goal_delete(actor=people.manager, goal=goal)
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_owners_delete_their_own_drafts_only(people, cascade, cycle):
    mine = goal_create(actor=people.rep, cycle=cycle, owner=people.rep, title="Mine", metric="m", target=Decimal(1))
    with pytest.raises(PermissionDenied):
        goal_delete(actor=people.peer_rep, goal=mine)
    goal_delete(actor=people.rep, goal=mine)
    assert not Goal.objects.filter(pk=mine.pk).exists()
    with pytest.raises(PermissionDenied):
        goal_delete(actor=people.rep, goal=cascade.rep)  # approved: no longer the owner's to delete
