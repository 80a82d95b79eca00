"""A plan's funnel comes from the rep's goal, their own inputs, and the team's defaults where they set none."""

from decimal import Decimal as D

import pytest

from goals.services import checkin_create
from territories import services
from territories.selectors import plan_funnel, team_funnel_of

pytestmark = pytest.mark.django_db


def funnel_of(plan):
    plan.refresh_from_db()
    return plan_funnel(
        plan, list(plan.stages.order_by("position")), team_funnel_of(plan.owner.manager_id, plan.cycle_id)
    )


def test_the_funnel_works_from_the_goals_target_and_what_is_closed_so_far(plan, people, cascade):
    checkin_create(actor=people.rep, goal=cascade.rep, value=D(60_000), confidence="on_track")
    view = funnel_of(plan)
    funnel = view.funnel
    assert view.target_goal == cascade.rep and view.currency == "USD"
    assert (funnel.target, funnel.closed, funnel.remaining) == (D(200_000), D(60_000), D(140_000))
    # 140,000 / 0.21 = 666,666.67; ceil(140,000 / (20,000 x 0.21)) = ceil(33.3) = 34
    assert funnel.pipeline_needed == D("666666.67")
    assert funnel.stages[0].opportunities_needed == 34
    assert funnel.deals_needed == 7


def test_a_stage_without_its_own_rate_takes_the_teams_at_the_same_position(plan, people, cycle):
    services.team_funnel_set(
        actor=people.manager,
        cycle=cycle,
        average_deal_size=D(40_000),
        stages=[{"name": "Qualified", "conversion_rate": D(25)}, {"name": "Proposal", "conversion_rate": D(50)}],
    )
    plan.stages.filter(position=0).update(conversion_rate=None)
    view = funnel_of(plan)
    assert [stage.conversion_rate for stage in view.funnel.stages] == [D(25), D(60), D(70)]
    assert view.rates_from_team == ["Qualified"]
    assert not view.deal_size_from_team  # the rep set their own ($20,000)
    plan.average_deal_size = None
    plan.save()
    view = funnel_of(plan)
    assert view.deal_size_from_team and view.funnel.average_deal_size == D(40_000)


def test_what_is_missing_is_said_instead_of_a_made_up_figure(plan, people):
    plan.quota_goal = None
    plan.average_deal_size = None
    plan.save()
    plan.stages.filter(position=2).update(conversion_rate=None)
    view = funnel_of(plan)
    assert view.funnel is None
    assert view.missing == [
        "Choose the goal in the cascade that holds your target.",
        "Set your average deal size (your team has none set).",
        "Set a conversion rate for Negotiation (your team has none for that stage).",
    ]


def test_the_funnel_is_computed_again_when_pipeline_is_added(plan, people):
    before = funnel_of(plan).funnel
    assert before.gap == before.pipeline_needed == D("952380.95")
    services.plan_set_stages(
        actor=people.rep,
        plan=plan,
        stages=[
            {"name": "Qualified", "conversion_rate": D(50), "open_pipeline": D(200_000)},
            {"name": "Proposal", "conversion_rate": D(60), "open_pipeline": D(100_000)},
            {"name": "Negotiation", "conversion_rate": D(70), "open_pipeline": D(50_000)},
        ],
    )
    after = funnel_of(plan).funnel
    # expected: 200,000 x 0.21 + 100,000 x 0.42 + 50,000 x 0.7 = 119,000; (200,000 - 119,000) / 0.21 = 385,714.29
    assert after.expected_bookings == D("119000.00")
    assert after.gap == D("385714.29")
    assert after.opportunities_to_add == 20  # ceil(81,000 / 4,200) = ceil(19.3)
