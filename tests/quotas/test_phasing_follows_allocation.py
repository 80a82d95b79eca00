"""Splitting a target among sub-goals gives them the parent's phasing, scaled to their own targets, unless typed."""

from decimal import Decimal

import pytest

from goals.models import Goal, GoalPhasing, Status
from goals.quotas.selectors import goal_phasing
from goals.quotas.services import goal_phasing_set
from goals.services import goal_allocate_target
from tests.factories import GoalFactory
from workshop.services import MANUAL, workshop_allocate

pytestmark = pytest.mark.django_db
D = Decimal


def amounts(goal) -> list[Decimal]:
    return [period.amount for period in goal_phasing(Goal.objects.select_related("cycle").get(pk=goal.pk)).periods]


def test_sub_goals_inherit_the_parents_shape_and_add_up_to_it_period_by_period(people, cascade):
    goal_phasing_set(actor=people.cro, goal=cascade.manager, method="seasonal", weights=[15, 20, 25, 40])
    Goal.objects.filter(pk=cascade.rep.pk).update(weight=D(3))

    goal_allocate_target(actor=people.manager, goal=Goal.objects.get(pk=cascade.manager.pk), method="weights")

    assert amounts(cascade.rep) == [D(45_000), D(60_000), D(75_000), D(120_000)]
    assert amounts(cascade.peer) == [D(15_000), D(20_000), D(25_000), D(40_000)]
    parent = amounts(cascade.manager)
    assert [a + b for a, b in zip(amounts(cascade.rep), amounts(cascade.peer), strict=True)] == parent
    assert GoalPhasing.objects.get(goal=cascade.rep).method == "parent"


def test_a_sub_goal_with_typed_periods_keeps_its_own_shape_at_its_new_target(people, cascade):
    goal_phasing_set(actor=people.cro, goal=cascade.manager, method="even", granularity="month")
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="typed", amounts=[20_000, 40_000, 60_000, 80_000])

    goal_allocate_target(actor=people.manager, goal=Goal.objects.get(pk=cascade.manager.pk), method="even")

    assert GoalPhasing.objects.get(goal=cascade.rep).method == "typed"
    assert amounts(cascade.rep) == [D(20_000), D(40_000), D(60_000), D(80_000)]
    assert len(amounts(cascade.peer)) == 12


def test_a_parent_without_phasing_leaves_its_sub_goals_alone(people, cascade):
    goal_phasing_set(actor=people.manager, goal=cascade.peer, method="seasonal", weights=[1, 0, 0, 1])

    goal_allocate_target(actor=people.manager, goal=Goal.objects.get(pk=cascade.manager.pk), method="even")

    assert GoalPhasing.objects.get(goal=cascade.peer).method == "seasonal"
    assert not GoalPhasing.objects.filter(goal=cascade.rep).exists()


def test_the_workshops_split_by_hand_passes_the_shape_down_too(people):
    from tests.factories import CorporateObjectiveFactory, CycleFactory

    cycle = CycleFactory(name="FY-workshop", phase="workshop")
    objective = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, target=D(1_000_000))
    sales = GoalFactory(cycle=cycle, owner=people.cro, parent=objective, target=D(1), status=Status.DRAFT)
    goal_phasing_set(actor=people.ceo, goal=objective, method="seasonal", weights=[1, 1, 1, 1])

    workshop_allocate(
        actor=people.ceo, objective=Goal.objects.get(pk=objective.pk), method=MANUAL, shares={sales.pk: "1000000"}
    )

    assert amounts(sales) == [D(250_000)] * 4
