"""Territory plans written at once from two tabs (PostgreSQL only): one goal per objective, one review per version."""

import contextlib
from decimal import Decimal

import pytest

from core.exceptions import StateConflict
from core.tree_integrity import tree_problems
from goals.models import Goal
from territories import services
from territories.models import PlanObjective, PlanReview, PlanVersion, ReviewKind, TerritoryPlan
from tests.postgres.test_concurrent_tree_writes import run_in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(people, cascade, cycle):
    plan = services.plan_create(actor=people.rep, cycle=cycle)
    services.objective_create(
        actor=people.rep, plan=plan, title="Close $150k", metric="new ARR", target=Decimal(150_000)
    )
    return plan


def test_turning_an_objective_into_a_goal_twice_at_once_makes_one_goal(people, plan):
    objective_id = plan.objectives.get().pk

    def work(index: int) -> None:
        objective = PlanObjective.objects.select_related("plan__owner", "plan__cycle").get(pk=objective_id)
        with contextlib.suppress(StateConflict):
            services.objective_to_goal(actor=type(people.rep).objects.get(pk=people.rep.pk), objective=objective)

    assert run_in_threads(4, work) == []
    assert Goal.objects.filter(title="Close $150k").count() == 1
    assert PlanObjective.objects.get(pk=objective_id).goal is not None
    assert tree_problems(Goal) == []


def test_two_managers_approving_at_once_decide_the_version_once(people, plan):
    services.plan_submit(actor=people.rep, plan=plan)

    def work(index: int) -> None:
        approver = type(people.rep).objects.get(pk=(people.manager if index % 2 else people.cro).pk)
        fresh = TerritoryPlan.objects.select_related("owner", "cycle").get(pk=plan.pk)
        with contextlib.suppress(StateConflict):
            services.plan_approve(actor=approver, plan=fresh)

    assert run_in_threads(4, work) == []
    assert PlanReview.objects.filter(plan=plan, kind=ReviewKind.APPROVED).count() == 1
    assert PlanVersion.objects.get(plan=plan).outcome == "approved"
