"""The demo company works from territory plans in every state, and North America plans with marketing."""

import pytest
from django.utils import timezone

from accounts.models import Function, Person
from dashboard.todo import todo_for
from goals.models import AlignmentFlag, FlagKind, Goal, Status
from territories.models import JointPlan, PlanCheck, PlanStatus, TerritoryPlan
from territories.selectors import plan_page
from territories.services import quarter_of
from tests.web.conftest import demo  # noqa: F401 - the demo company, as the page tests build it

pytestmark = pytest.mark.django_db


def test_jordans_team_has_plans_in_every_state(demo):  # noqa: F811
    plans = {
        plan.owner.username: plan
        for plan in TerritoryPlan.objects.filter(owner__manager=demo.manager).select_related("owner")
    }
    assert sorted(plan.status for plan in plans.values()) == sorted(
        [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.APPROVED, PlanStatus.RETURNED, PlanStatus.APPROVED]
    )
    alex = plans["alex.rivera"]
    assert alex.status == PlanStatus.DRAFT and alex.objectives.filter(goal__isnull=True).count() == 2
    returned = next(plan for plan in plans.values() if plan.status == PlanStatus.RETURNED)
    assert returned.return_reason and returned.reviews.filter(section="actions").exists()
    revised = next(plan for plan in plans.values() if plan.version == 2)
    assert revised.status == PlanStatus.APPROVED and revised.versions.get(number=2).note
    assert demo.manager.team_funnels.get(cycle=demo.cycle).stages.count() == 3


def test_an_approved_plans_objectives_are_linked_approved_goals(demo):  # noqa: F811
    plan = TerritoryPlan.objects.get(owner__manager=demo.manager, status=PlanStatus.APPROVED, version=1)
    goals = [objective.goal for objective in plan.objectives.select_related("goal__parent")]
    assert len(goals) == 2 and all(goal is not None for goal in goals)
    assert {goal.status for goal in goals} == {Status.APPROVED}
    assert {goal.parent.owner_id for goal in goals} == {demo.manager.pk}
    if (quarter_of(demo.cycle, timezone.localdate()) or (1,))[0] >= 2:
        assert PlanCheck.objects.filter(plan=plan, completed_at__isnull=True).exists()


def test_alexs_plan_shows_a_funnel_gap_and_an_overdue_action_in_the_to_do_list(demo):  # noqa: F811
    plan = TerritoryPlan.objects.select_related("owner", "cycle", "quota_goal").get(owner=demo.rep)
    funnel = plan_page(plan).funnel
    assert funnel.funnel is not None and funnel.funnel.has_gap
    assert funnel.rates_from_team == ["Qualified", "Negotiation"]
    sections = {section.key: section for section in todo_for(demo.rep)}
    assert sections["plan-actions"].items[0].title == "Map the buying committee at Harbor Lending"
    assert "plan-reviews" in {section.key for section in todo_for(demo.manager)}


def test_north_america_plans_the_half_year_with_marketing_and_enablement(demo):  # noqa: F811
    plan = JointPlan.objects.select_related("leader").get(region="North America")
    assert plan.leader.username == "sofia.lindqvist"
    assert {member.function for member in plan.members.all()} == {Function.MARKETING, Function.ENABLEMENT}
    assert plan.past_activities.count() == 4 and plan.targets.count() == 2
    placed = Goal.objects.get(is_joint_target=True)
    assert placed.owner.username == "lucia.farrow" and placed.parent.owner == plan.leader
    assert placed.status == Status.APPROVED
    assert not AlignmentFlag.objects.open().filter(goal=placed, kind=FlagKind.OUTSIDE_CHAIN).exists()
    theo = Person.objects.get(username="theo.marchetti")
    assert "joint-targets" in {section.key for section in todo_for(theo)}
    assert Person.objects.get(username="priya.raman").function == Function.MARKETING


def test_every_plan_page_of_the_demo_renders_for_its_readers(client, demo):  # noqa: F811
    client.force_login(demo.manager)
    for plan in TerritoryPlan.objects.filter(owner__manager=demo.manager):
        assert client.get(f"/territory-plans/{plan.pk}/").status_code == 200
        assert client.get(f"/territory-plans/{plan.pk}/print/").status_code == 200
    assert client.get("/territory-plans/team/").status_code == 200
    client.force_login(demo.rep)
    joint = JointPlan.objects.get()
    assert client.get(f"/joint-plans/{joint.pk}/").status_code == 200
    assert client.get("/territory-plans/").status_code == 200
