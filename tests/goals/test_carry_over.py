"""Unfinished goals carry over into the next cycle, keeping the link to where they came from."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import StateConflict
from core.tree_integrity import tree_problems
from goals.models import Goal, Status
from goals.services import goal_carry_over
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_cycle(cycle):
    start = cycle.end + datetime.timedelta(days=1)
    return CycleFactory(
        name="FY2028",
        start=start,
        end=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
        phase="planning",
    )


def test_an_unfinished_goal_starts_the_next_cycle_from_where_it_stands(people, cascade, next_cycle):
    due_date = cascade.rep.cycle.start + datetime.timedelta(days=149)
    Goal.objects.filter(pk=cascade.rep.pk).update(current=Decimal(120_000), due_date=due_date)
    copy = goal_carry_over(actor=people.rep, goal=Goal.objects.get(pk=cascade.rep.pk), cycle=next_cycle)
    assert (copy.cycle, copy.status, copy.carried_over_from_id) == (next_cycle, Status.DRAFT, cascade.rep.pk)
    assert (copy.baseline, copy.current, copy.target) == (Decimal(120_000), Decimal(120_000), Decimal(200_000))
    assert copy.due_date == next_cycle.start + datetime.timedelta(days=149)  # as far into its cycle
    assert copy.is_root_node()  # its parent was not carried over: it waits to be linked


def test_a_subtree_carries_over_with_its_shape(people, cascade, next_cycle):
    copy = goal_carry_over(actor=people.manager, goal=cascade.manager, cycle=next_cycle, include_subtree=True)
    assert sorted(child.title for child in copy.get_children()) == ["Pat new ARR", "Riley new ARR"]
    assert tree_problems(Goal) == []


def test_a_child_carried_over_later_lands_under_its_parents_copy(people, cascade, next_cycle):
    manager_copy = goal_carry_over(actor=people.manager, goal=cascade.manager, cycle=next_cycle)
    rep_copy = goal_carry_over(actor=people.rep, goal=cascade.rep, cycle=next_cycle)
    assert rep_copy.parent == manager_copy


def test_a_goal_carries_over_once_per_cycle(people, cascade, next_cycle):
    goal_carry_over(actor=people.rep, goal=cascade.rep, cycle=next_cycle)
    with pytest.raises(StateConflict, match="already carried over"):
        goal_carry_over(actor=people.rep, goal=cascade.rep, cycle=next_cycle)


def test_finished_goals_and_earlier_cycles_are_refused(people, cascade, cycle, next_cycle):
    Goal.objects.filter(pk=cascade.rep.pk).update(current=Decimal(200_000))
    with pytest.raises(ValidationError, match="finished"):
        goal_carry_over(actor=people.rep, goal=Goal.objects.get(pk=cascade.rep.pk), cycle=next_cycle)
    with pytest.raises(ValidationError, match="already in FY2027"):
        goal_carry_over(actor=people.peer_rep, goal=cascade.peer, cycle=cycle)


@pytest.fixture
def foreign_subgoals(people, cascade):
    """Under the west manager's goal: another team's goal, and that team's private goal the manager may not see."""
    from tests.factories import GoalFactory

    east = GoalFactory(
        cycle=cascade.manager.cycle, owner=people.other_rep, parent=cascade.manager, title="East deal linked west"
    )
    secret = GoalFactory(
        cycle=cascade.manager.cycle,
        owner=people.other_rep,
        parent=cascade.manager,
        title="East private deal",
        visibility="private",
    )
    below_east = GoalFactory(cycle=cascade.manager.cycle, owner=people.rep, parent=east, title="Riley under east")
    return east, secret, below_east


def test_a_subtree_carries_over_only_the_goals_in_the_actors_authority(people, cascade, next_cycle, foreign_subgoals):
    _east, _secret, below_east = foreign_subgoals
    manager_goal = Goal.objects.get(pk=cascade.manager.pk)
    copy = goal_carry_over(actor=people.manager, goal=manager_goal, cycle=next_cycle, include_subtree=True)
    carried = set(Goal.objects.filter(cycle=next_cycle).values_list("carried_over_from_id", flat=True))
    assert carried == {cascade.manager.pk, cascade.rep.pk, cascade.peer.pk, below_east.pk}
    assert not Goal.objects.filter(cycle=next_cycle, owner=people.other_rep).exists()
    # What sat under a goal left behind lands under the nearest copy above it.
    assert Goal.objects.get(cycle=next_cycle, carried_over_from=below_east).parent == copy
    # The private goal the manager may not see is never counted.
    assert (copy.carried_with, copy.left_behind) == (3, 1)
    assert tree_problems(Goal) == []


def test_staff_carry_over_every_goal_of_a_subtree(people, cascade, next_cycle, foreign_subgoals):
    copy = goal_carry_over(
        actor=people.staff, goal=Goal.objects.get(pk=cascade.manager.pk), cycle=next_cycle, include_subtree=True
    )
    assert (copy.carried_with, copy.left_behind) == (5, 0)


def test_the_page_says_which_sub_goals_stayed_behind(client, people, cascade, next_cycle, foreign_subgoals):
    client.force_login(people.manager)
    response = client.post(
        f"/goals/{cascade.manager.pk}/carry-over/", {"cycle": next_cycle.pk, "include_subtree": "on"}, follow=True
    )
    text = response.content.decode()
    assert "with 3 sub-goals" in text
    assert "1 sub-goal of people outside your team stayed behind" in text
    assert "East private deal" not in text
