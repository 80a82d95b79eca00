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
