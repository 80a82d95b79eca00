"""An objective becomes a rep goal in one step: linked under the suggested parent, submitted, approved as usual,
and its progress shows back on the plan."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from goals.models import Goal, Status, Unit, Visibility
from goals.selectors import approval_queue, parent_suggestions
from goals.services import checkin_create, goal_approve
from territories import services
from territories.selectors import objective_parent_choices, plan_page, suggested_parent
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objective(plan, people, cycle):
    return services.objective_create(
        actor=people.rep,
        plan=plan,
        title="Win 3 fintech logos in Boston",
        metric="new logos",
        unit=Unit.ACCOUNTS,
        target=D(3),
        due_date=cycle.end,
        focus="Fintech",
    )


@pytest.fixture
def manager_logos(people, cascade, cycle):
    return GoalFactory(
        cycle=cycle,
        owner=people.manager,
        parent=cascade.executive,
        title="West new logos",
        metric="new logos",
        unit=Unit.ACCOUNTS,
        target=10,
    )


def test_the_suggestion_is_the_managers_goal_with_the_objectives_metric(plan, objective, manager_logos, cascade):
    assert suggested_parent(plan, unit=objective.unit, metric=objective.metric) == manager_logos
    choices = objective_parent_choices(plan, unit=objective.unit, metric=objective.metric)
    assert choices[:2] == [manager_logos, cascade.manager]  # then the manager's other goals, then up the chain
    # The same goals the drafting form suggests, only best fit first.
    assert set(choices) == set(parent_suggestions(plan.owner, plan.cycle, plan.owner))


def test_without_a_metric_match_the_managers_goal_in_the_same_unit_comes_first(plan, people, cascade, manager_logos):
    objective = services.objective_create(
        actor=people.rep,
        plan=plan,
        title="Expand 4 customers",
        metric="accounts expanded",
        unit=Unit.ACCOUNTS,
        target=D(4),
    )
    assert suggested_parent(plan, unit=objective.unit, metric=objective.metric) == manager_logos
    arr = services.objective_create(
        actor=people.rep, plan=plan, title="Close $150k", metric="new ARR", unit=Unit.USD, target=D(150_000)
    )
    assert suggested_parent(plan, unit=arr.unit, metric=arr.metric) == cascade.manager


def test_the_managers_goals_come_before_better_fits_further_up_the_chain(plan, people, cascade, objective):
    GoalFactory(
        cycle=plan.cycle, owner=people.cro, parent=cascade.objective, metric="new logos", unit=Unit.ACCOUNTS, target=50
    )
    assert suggested_parent(plan, unit=objective.unit, metric=objective.metric) == cascade.manager


def test_one_step_drafts_the_goal_links_it_under_the_suggestion_and_submits_it(
    plan, people, objective, manager_logos, cycle
):
    goal = services.objective_to_goal(actor=people.rep, objective=objective)
    goal = Goal.objects.get(pk=goal.pk)
    assert (goal.owner, goal.parent, goal.cycle) == (people.rep, manager_logos, cycle)
    assert (goal.title, goal.metric, goal.unit, goal.target, goal.due_date) == (
        "Win 3 fintech logos in Boston",
        "new logos",
        Unit.ACCOUNTS,
        D(3),
        cycle.end,
    )
    assert goal.status == Status.SUBMITTED
    assert "Focus: Fintech" in goal.description
    objective.refresh_from_db()
    assert objective.goal == goal
    assert goal in approval_queue(people.manager)


def test_the_manager_approves_it_as_any_goal_and_the_plan_shows_its_progress(plan, people, objective, manager_logos):
    goal = services.objective_to_goal(actor=people.rep, objective=objective)
    goal_approve(actor=people.manager, goal=Goal.objects.get(pk=goal.pk))
    checkin_create(actor=people.rep, goal=Goal.objects.get(pk=goal.pk), value=D(2), confidence="on_track")
    shown = plan_page(plan).objectives[0].goal
    assert shown.status == Status.APPROVED
    assert shown.progress == pytest.approx(2 / 3)


def test_the_rep_may_choose_another_parent_or_none(plan, people, objective, cascade):
    goal = services.objective_to_goal(actor=people.rep, objective=objective, parent=cascade.executive)
    assert Goal.objects.get(pk=goal.pk).parent == cascade.executive
    second = services.objective_create(actor=people.rep, plan=plan, title="Unlinked", metric="x", target=D(1))
    assert services.objective_to_goal(actor=people.rep, objective=second, parent=None).parent is None


def test_an_objective_becomes_a_goal_once(plan, people, objective, manager_logos):
    services.objective_to_goal(actor=people.rep, objective=objective)
    with pytest.raises(StateConflict, match="already"):
        services.objective_to_goal(actor=people.rep, objective=objective)
    with pytest.raises(StateConflict):
        services.objective_update(actor=people.rep, objective=objective, target=D(5))
    with pytest.raises(StateConflict):
        services.objective_delete(actor=people.rep, objective=objective)


@pytest.mark.parametrize("who", ["manager", "peer_rep", "cro", "staff"])
def test_only_the_rep_turns_their_objectives_into_goals(plan, people, objective, manager_logos, who):
    with pytest.raises(PermissionDenied):
        services.objective_to_goal(actor=getattr(people, who), objective=objective)
    assert not Goal.objects.filter(title=objective.title).exists()


def test_with_nothing_to_link_under_the_rep_is_asked_to_choose(people, cycle):
    plan = services.plan_create(actor=people.rep, cycle=cycle)  # no cascade: no manager goal, no objective
    objective = services.objective_create(actor=people.rep, plan=plan, title="Win", metric="logos", target=D(2))
    with pytest.raises(ValidationError) as refused:
        services.objective_to_goal(actor=people.rep, objective=objective)
    assert "choose a goal to link it under" in refused.value.message_dict["parent"][0]
    assert not Goal.objects.exists()


def test_a_private_goal_of_the_manager_is_never_suggested_to_the_rep(plan, people, cascade, objective):
    GoalFactory(
        cycle=plan.cycle,
        owner=people.manager,
        parent=cascade.executive,
        metric="new logos",
        unit=Unit.ACCOUNTS,
        visibility=Visibility.PRIVATE,
        title="Secret logos push",
    )
    choices = objective_parent_choices(plan, unit=objective.unit, metric=objective.metric)
    assert "Secret logos push" not in [goal.title for goal in choices]


def test_a_goal_that_fails_the_cascades_own_checks_leaves_no_half_made_goal(plan, people, cycle, manager_logos):
    objective = services.objective_create(
        actor=people.rep, plan=plan, title="Win logos", metric="new logos", unit=Unit.ACCOUNTS, target=D(3)
    )
    manager_logos.status = Status.DROPPED
    manager_logos.save()
    with pytest.raises(ValidationError):
        services.objective_to_goal(actor=people.rep, objective=objective, parent=manager_logos)
    objective.refresh_from_db()
    assert objective.goal is None and not Goal.objects.filter(title="Win logos").exists()
