"""A rep starts a plan per cycle and writes it section by section; each section is structured fields."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from goals.models import Phase, Unit
from territories import services
from territories.models import FunnelStage, PlanStatus, TerritoryPlan
from territories.sections import SECTIONS, plan_snapshot
from tests.factories import GoalFactory, PlanObjectiveFactory

pytestmark = pytest.mark.django_db


def test_a_rep_starts_one_plan_per_cycle_named_after_their_territory(people, cascade, cycle):
    people.rep.job_title = "Account Executive, Boston"
    people.rep.save()
    plan = services.plan_create(actor=people.rep, cycle=cycle)
    assert plan.owner == people.rep and plan.status == PlanStatus.DRAFT and plan.version == 0
    assert plan.territory == "Boston"
    with pytest.raises(StateConflict, match="already has a territory plan"):
        services.plan_create(actor=people.rep, cycle=cycle)


def test_the_funnel_works_toward_the_reps_bookings_goal_not_their_pipeline_goal(people, cascade, cycle):
    GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, metric="qualified pipeline", target=900_000)
    plan = services.plan_create(actor=people.rep, cycle=cycle)
    assert plan.quota_goal == cascade.rep  # "Riley new ARR", $200,000, not the bigger pipeline goal


def test_a_new_plan_lays_out_its_funnel_like_the_team_or_with_default_stages(people, cascade, cycle):
    services.team_funnel_set(
        actor=people.manager,
        cycle=cycle,
        average_deal_size=Decimal(30_000),
        stages=[{"name": "Discovery", "conversion_rate": Decimal(40)}, {"name": "Won?", "conversion_rate": 50}],
    )
    plan = services.plan_create(actor=people.rep, cycle=cycle)
    assert list(plan.stages.values_list("name", "conversion_rate")) == [("Discovery", None), ("Won?", None)]
    other = services.plan_create(actor=people.other_rep, cycle=cycle)
    assert list(other.stages.values_list("name", flat=True)) == ["Qualified", "Proposal", "Negotiation"]


@pytest.mark.parametrize("who", ["manager", "cro", "staff"])
def test_only_reps_start_territory_plans_for_themselves(people, cycle, who):
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=getattr(people, who), cycle=cycle)
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=getattr(people, who), cycle=cycle, owner=people.rep)
    assert not TerritoryPlan.objects.exists()


def test_no_plan_starts_in_a_closed_cycle(people, cycle):
    cycle.phase = Phase.CLOSED
    cycle.save()
    with pytest.raises(StateConflict, match="closed"):
        services.plan_create(actor=people.rep, cycle=cycle)


def test_each_section_saves_its_own_fields(plan, people):
    services.plan_update(actor=people.rep, plan=plan, strengths="  Fast onboarding  ", threats="Price cuts")
    services.plan_update(actor=people.rep, plan=plan, market_trends="Consolidation")
    plan.refresh_from_db()
    assert (plan.strengths, plan.threats, plan.market_trends) == ("Fast onboarding", "Price cuts", "Consolidation")


def test_every_section_of_the_checklist_is_there_as_structured_fields():
    titles = [section.title for section in SECTIONS]
    assert titles == [
        "Territory analysis",
        "Funnel math",
        "What drives customers to buy",
        "SWOT and unique value proposition",
        "Objectives",
        "Strategies",
        "Resources",
        "Action plan",
    ]
    fields = {field.name for field in TerritoryPlan._meta.get_fields()}
    for section in SECTIONS:
        assert set(section.fields) <= fields, section.key


def test_unknown_fields_are_a_programming_error_not_silently_dropped(plan, people):
    with pytest.raises(TypeError):
        services.plan_update(actor=people.rep, plan=plan, status="approved")


def test_changing_an_approved_plan_starts_its_next_version(plan, people):
    PlanObjectiveFactory(plan=plan)
    services.plan_submit(actor=people.rep, plan=plan)
    services.plan_approve(actor=people.manager, plan=plan)
    services.plan_update(actor=people.rep, plan=plan, threats="A new entrant")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert plan.approved_version == 1  # still the approved one until the next is approved


def test_a_submitted_plan_waits_for_the_managers_answer(plan, people):
    PlanObjectiveFactory(plan=plan)
    services.plan_submit(actor=people.rep, plan=plan)
    with pytest.raises(StateConflict, match="with your manager"):
        services.plan_update(actor=people.rep, plan=plan, threats="Too late")


@pytest.mark.parametrize("who", ["manager", "peer_rep", "cro", "staff"])
def test_nobody_but_the_rep_changes_the_plan(plan, people, who):
    with pytest.raises(PermissionDenied):
        services.plan_update(actor=getattr(people, who), plan=plan, threats="Not yours")
    plan.refresh_from_db()
    assert plan.threats == ""


def test_a_plan_of_a_closed_cycle_is_read_only(plan, people, cycle):
    cycle.phase = Phase.CLOSED
    cycle.save()
    plan.refresh_from_db()
    with pytest.raises(StateConflict, match="closed"):
        services.plan_update(actor=people.rep, plan=plan, threats="Late")


def test_the_quota_goal_must_be_the_reps_own_money_goal_of_the_cycle(plan, people, cascade, cycle):
    with pytest.raises(ValidationError) as refused:
        services.plan_update(actor=people.rep, plan=plan, quota_goal=cascade.peer)
    assert "Riley Rep's own goals" in refused.value.message_dict["quota_goal"][0]
    logos = GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, unit=Unit.ACCOUNTS, target=5)
    with pytest.raises(ValidationError) as refused:
        services.plan_update(actor=people.rep, plan=plan, quota_goal=logos)
    assert "amount of money" in refused.value.message_dict["quota_goal"][0]


def test_stages_are_replaced_together_and_validated_one_by_one(plan, people):
    services.plan_set_stages(
        actor=people.rep,
        plan=plan,
        stages=[{"name": "Qualified", "conversion_rate": Decimal(40), "open_pipeline": Decimal(50_000)}],
    )
    assert list(plan.stages.values_list("name", "conversion_rate", "open_pipeline")) == [
        ("Qualified", Decimal(40), Decimal(50_000))
    ]
    with pytest.raises(ValidationError) as refused:
        services.plan_set_stages(
            actor=people.rep,
            plan=plan,
            stages=[
                {"name": "", "conversion_rate": Decimal(40)},
                {"name": "Proposal", "conversion_rate": Decimal(140)},
                {"name": "Negotiation", "conversion_rate": None, "open_pipeline": Decimal(-5)},
            ],
        )
    problems = refused.value.message_dict["stages"]
    assert problems[0] == "Stage 1: give it a name."
    assert problems[1].startswith("Stage 2 (Proposal): A conversion rate is a percentage")
    assert problems[2] == "Stage 3 (Negotiation): Open pipeline cannot be negative."
    assert FunnelStage.objects.filter(plan=plan).count() == 1  # nothing lost


def test_a_version_snapshot_holds_every_section(plan, people):
    services.plan_update(actor=people.rep, plan=plan, value_proposition="One view of forecast and churn")
    PlanObjectiveFactory(plan=plan, title="Win 3 logos")
    snapshot = plan_snapshot(
        plan,
        accounts=plan.accounts.all(),
        stages=plan.stages.all(),
        objectives=plan.objectives.all(),
        actions=plan.action_items.all(),
    )
    assert set(snapshot) == {section.key for section in SECTIONS}
    assert snapshot["swot"]["value_proposition"] == "One view of forecast and churn"
    assert snapshot["funnel"]["quota_goal"]["title"] == "Riley new ARR"
    assert [stage["name"] for stage in snapshot["funnel"]["stages"]] == ["Qualified", "Proposal", "Negotiation"]
    assert snapshot["objectives"]["objectives"][0]["title"] == "Win 3 logos"
