"""Splitting a goal's target among its sub-goals: evenly, by weights, by prior-cycle attainment."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from goals.models import Goal, Phase, Status
from goals.quotas.services import record_cycle_scores
from goals.services import goal_allocate_target, split_amount
from tests.factories import CycleFactory, GoalFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = Decimal


def targets(*goals):
    return [Goal.objects.get(pk=goal.pk).target for goal in goals]


def test_parts_always_add_up_to_the_whole():
    parts = split_amount(D(100), [D(1), D(1), D(1)])
    assert parts == [D("33.33"), D("33.33"), D("33.34")]
    assert sum(parts) == D(100)


def test_even_split(people, cascade):
    goal_allocate_target(actor=people.manager, goal=cascade.manager, method="even")
    assert targets(cascade.rep, cascade.peer) == [D(200_000), D(200_000)]


def test_split_by_weights(people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(weight=D(3))
    goal_allocate_target(actor=people.manager, goal=Goal.objects.get(pk=cascade.manager.pk), method="weights")
    assert targets(cascade.rep, cascade.peer) == [D(300_000), D(100_000)]


def test_split_by_prior_cycle_attainment_gives_new_hires_the_average(people, cascade, cycle):
    prior = CycleFactory(
        name="FY2026", start=datetime.date(2025, 2, 1), end=datetime.date(2026, 1, 31), phase=Phase.CLOSED
    )
    GoalFactory(cycle=prior, owner=people.rep, metric="new ARR", current=D(300_000), status=Status.ACHIEVED)
    GoalFactory(cycle=prior, owner=people.peer_rep, metric="new ARR", current=D(100_000), status=Status.MISSED)
    record_cycle_scores(prior)  # as closing the cycle did
    newcomer = PersonFactory(manager=people.manager)
    new_goal = GoalFactory(cycle=cycle, owner=newcomer, parent=cascade.manager)
    goal_allocate_target(actor=people.manager, goal=Goal.objects.get(pk=cascade.manager.pk), method="prior_cycle")
    # shares 300k : 100k : 200k (the average) of a 400k target
    assert targets(cascade.rep, cascade.peer, new_goal) == [D(200_000), D("66666.67"), D("133333.33")]


def test_prior_cycle_needs_a_prior_cycle(people, cascade):
    with pytest.raises(ValidationError, match="no cycle before"):
        goal_allocate_target(actor=people.manager, goal=cascade.manager, method="prior_cycle")


def test_percentages_are_not_split(people, cycle):
    goal = GoalFactory(cycle=cycle, owner=people.manager, unit="%", target=D(92))
    GoalFactory(cycle=cycle, owner=people.rep, parent=goal, unit="%")
    with pytest.raises(ValidationError, match="Percentages do not add up"):
        goal_allocate_target(actor=people.manager, goal=Goal.objects.get(pk=goal.pk), method="even")


def test_only_subgoals_in_the_parents_unit_share_the_target(people, cascade, cycle):
    meetings = GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, unit="meetings", target=D(40))
    goal_allocate_target(actor=people.manager, goal=Goal.objects.get(pk=cascade.manager.pk), method="even")
    assert targets(meetings, cascade.rep) == [D(40), D(200_000)]


def test_only_the_owner_or_the_chain_above_allocates(people, cascade):
    with pytest.raises(PermissionDenied):
        goal_allocate_target(actor=people.rep, goal=cascade.manager, method="even")


def test_an_unknown_method_is_a_field_error(people, cascade):
    with pytest.raises(ValidationError) as error:
        goal_allocate_target(actor=people.manager, goal=cascade.manager, method="vibes")
    assert "method" in error.value.message_dict
