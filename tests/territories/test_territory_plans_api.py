"""Territory plans over the API: a rep writes a plan, sees the funnel gap, turns objectives into linked goals and the
manager reviews it; every resource is in the OpenAPI schema; lists cost a fixed number of queries."""

from decimal import Decimal as D

import pytest

from goals.models import Goal, Status, Unit
from territories.models import PlanStatus, TerritoryPlan
from tests.factories import GoalFactory, PersonFactory, PlanObjectiveFactory

pytestmark = pytest.mark.django_db


def test_a_rep_writes_a_plan_turns_two_objectives_into_goals_and_the_manager_approves(api_as, people, cascade, cycle):
    rep, manager = api_as(people.rep), api_as(people.manager)
    logos = GoalFactory(
        cycle=cycle,
        owner=people.manager,
        parent=cascade.executive,
        title="West logos",
        metric="new logos",
        unit=Unit.ACCOUNTS,
        target=10,
    )
    created = rep.post("/api/territory-plans/", {"cycle": cycle.pk, "territory": "Boston"}, format="json")
    assert created.status_code == 201, created.content
    plan = created.json()
    assert plan["owner"] == people.rep.pk and plan["status"] == "draft"
    assert plan["funnel_inputs"]["quota_goal"] == cascade.rep.pk

    saved = rep.patch(
        f"/api/territory-plans/{plan['id']}/",
        {
            "analysis": {"market_trends": "Fintech consolidates vendors"},
            "swot": {"strengths": "References", "value_proposition": "One view"},
            "funnel_inputs": {
                "average_deal_size": "20000",
                "stages": [
                    {"name": "Qualified", "conversion_rate": "50", "open_pipeline": "100000"},
                    {"name": "Proposal", "conversion_rate": "60"},
                    {"name": "Negotiation", "conversion_rate": "70"},
                ],
            },
        },
        format="json",
    )
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert body["swot"]["strengths"] == "References"
    assert body["analysis"]["market_trends"] == "Fintech consolidates vendors"
    funnel = body["funnel"]
    assert funnel["complete"] is True
    # 200,000 / 0.21 = 952,380.95 needed; 100,000 x 0.21 = 21,000 expected; (179,000) / 0.21 = 852,380.95
    assert funnel["pipeline_needed"] == "952380.95"
    assert funnel["gap"] == "852380.95"
    assert funnel["opportunities_to_add"] == 43  # ceil(179,000 / 4,200)
    assert [stage["opportunities_needed"] for stage in funnel["stages"]] == [48, 24, 15]

    objectives = []
    for title, metric, unit, target in (
        ("Win 3 logos", "new logos", "accounts", "3"),
        ("Close $150k", "new ARR", "USD", "150000"),
    ):
        response = rep.post(
            f"/api/territory-plans/{plan['id']}/objectives/",
            {"title": title, "metric": metric, "unit": unit, "target": target, "due_date": str(cycle.end)},
            format="json",
        )
        assert response.status_code == 201, response.content
        objectives.append(response.json())
    goals = []
    for objective in objectives:
        made = rep.post(f"/api/territory-plans/{plan['id']}/objectives/{objective['id']}/goal/", {}, format="json")
        assert made.status_code == 201, made.content
        goals.append(made.json()["goal"])
    assert [goal["parent"] for goal in goals] == [logos.pk, cascade.manager.pk]
    assert [goal["status"] for goal in goals] == ["submitted", "submitted"]

    submitted = rep.post(f"/api/territory-plans/{plan['id']}/submit/", {}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    comment = manager.post(
        f"/api/territory-plans/{plan['id']}/reviews/", {"body": "Rates look high", "section": "funnel"}, format="json"
    )
    assert comment.status_code == 201 and comment.json()["kind"] == "comment"
    approved = manager.post(f"/api/territory-plans/{plan['id']}/approve/", {"comment": "Go"}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    for goal in goals:
        assert manager.post(f"/api/goals/{goal['id']}/approve/").status_code == 200

    final = rep.get(f"/api/territory-plans/{plan['id']}/").json()
    assert final["approved_version"] == 1
    assert [objective["goal"]["status"] for objective in final["objectives"]] == ["approved", "approved"]
    versions = rep.get(f"/api/territory-plans/{plan['id']}/versions/").json()["results"]
    assert versions[0]["number"] == 1 and versions[0]["outcome"] == "approved"
    assert "funnel" in versions[0]["changed_sections"]
    reviews = rep.get(f"/api/territory-plans/{plan['id']}/reviews/").json()["results"]
    assert [review["kind"] for review in reviews] == ["comment", "approved"]


def test_a_returned_plan_says_why_and_version_2_says_what_changed(api_as, people, plan):
    PlanObjectiveFactory(plan=plan)
    rep, manager = api_as(people.rep), api_as(people.manager)
    rep.post(f"/api/territory-plans/{plan.pk}/submit/", {}, format="json")
    refused = manager.post(f"/api/territory-plans/{plan.pk}/return/", {"reason": ""}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    returned = manager.post(f"/api/territory-plans/{plan.pk}/return/", {"reason": "Add the action plan"}, format="json")
    assert returned.json()["status"] == "returned" and returned.json()["return_reason"] == "Add the action plan"
    assert rep.post(f"/api/territory-plans/{plan.pk}/submit/", {}, format="json").status_code == 400
    again = rep.post(f"/api/territory-plans/{plan.pk}/submit/", {"note": "Actions added"}, format="json")
    assert again.status_code == 200 and again.json()["version"] == 2
    assert rep.post(f"/api/territory-plans/{plan.pk}/submit/", {"note": "x"}, format="json").status_code == 409


def test_accounts_and_action_items_are_rows_of_the_plan(api_as, people, plan, cycle):
    rep = api_as(people.rep)
    account = rep.post(
        f"/api/territory-plans/{plan.pk}/accounts/",
        {"kind": "customer", "name": "Northgate", "expected_value": "60000", "stage": "expanding"},
        format="json",
    )
    assert account.status_code == 201, account.content
    changed = rep.patch(
        f"/api/territory-plans/{plan.pk}/accounts/{account.json()['id']}/", {"stage": "renewing"}, format="json"
    )
    assert changed.json()["stage"] == "renewing"
    item = rep.post(
        f"/api/territory-plans/{plan.pk}/action-items/",
        {"title": "Sponsor call", "owner": people.manager.pk, "due_date": str(cycle.end), "is_milestone": True},
        format="json",
    )
    assert item.status_code == 201 and item.json()["owner_name"] == "Morgan West"
    done = api_as(people.manager).post(
        f"/api/territory-plans/{plan.pk}/action-items/{item.json()['id']}/done/", {"done": True}, format="json"
    )
    assert done.status_code == 200 and done.json()["is_done"] is True
    assert rep.delete(f"/api/territory-plans/{plan.pk}/accounts/{account.json()['id']}/").status_code == 204
    detail = rep.get(f"/api/territory-plans/{plan.pk}/").json()
    assert detail["accounts"] == [] and detail["action_items"][0]["is_done"] is True


def test_the_manager_sets_the_teams_funnel_and_the_reps_plan_uses_it(api_as, people, plan, cycle):
    plan.average_deal_size = None
    plan.save()
    plan.stages.update(conversion_rate=None)
    team = api_as(people.manager).post(
        "/api/territory-plans/team-funnels/",
        {
            "cycle": cycle.pk,
            "average_deal_size": "25000",
            "stages": [
                {"name": "Qualified", "conversion_rate": "40"},
                {"name": "Proposal", "conversion_rate": "50"},
                {"name": "Negotiation", "conversion_rate": "80"},
            ],
        },
        format="json",
    )
    assert team.status_code == 201, team.content
    funnel = api_as(people.rep).get(f"/api/territory-plans/{plan.pk}/").json()["funnel"]
    assert funnel["deal_size_from_team"] is True and funnel["average_deal_size"] == "25000.00"
    assert [stage["rate_from_team"] for stage in funnel["stages"]] == [True, True, True]
    assert funnel["win_rate"] == "0.1600000000"
    assert [
        row["manager"] for row in api_as(people.rep).get("/api/territory-plans/team-funnels/").json()["results"]
    ] == [people.manager.pk]
    assert (
        api_as(people.rep)
        .post("/api/territory-plans/team-funnels/", {"cycle": cycle.pk, "stages": []}, format="json")
        .status_code
        == 403
    )


def test_the_open_plan_check_is_answered_over_the_api(api_as, people, plan):
    from territories.models import PlanCheck

    PlanCheck.objects.create(plan=plan, quarter=3, due_on=plan.cycle.start)
    assert api_as(people.rep).get(f"/api/territory-plans/{plan.pk}/").json()["open_plan_check"]["quarter"] == 3
    answered = api_as(people.rep).post(f"/api/territory-plans/{plan.pk}/plan-check/", {"note": "Holds"}, format="json")
    assert answered.status_code == 200 and answered.json()["open_plan_check"] is None
    assert api_as(people.rep).post(f"/api/territory-plans/{plan.pk}/plan-check/", {}, format="json").status_code == 409


def test_the_list_filters_by_cycle_owner_and_status(api_as, people, plan, cycle):
    services_plan = TerritoryPlan.objects.create(owner=people.peer_rep, cycle=cycle, status=PlanStatus.SUBMITTED)
    manager = api_as(people.manager)
    assert {row["id"] for row in manager.get("/api/territory-plans/").json()["results"]} == {plan.pk, services_plan.pk}
    assert [row["id"] for row in manager.get("/api/territory-plans/?status=submitted").json()["results"]] == [
        services_plan.pk
    ]
    assert [row["id"] for row in manager.get(f"/api/territory-plans/?owner={people.rep.pk}").json()["results"]] == [
        plan.pk
    ]
    assert manager.get("/api/territory-plans/?status=nonsense").status_code == 400
    row = manager.get(f"/api/territory-plans/?owner={people.rep.pk}").json()["results"][0]
    assert row["funnel_gap"] == "952380.95" and row["opportunities_to_add"] == 48


@pytest.mark.parametrize("count", [3, 12])
def test_the_plan_list_costs_the_same_queries_for_3_or_12_plans(
    api_as, people, cycle, count, django_assert_max_num_queries
):
    for number in range(count):
        rep = PersonFactory(manager=people.manager, username=f"listed{number}")
        TerritoryPlan.objects.create(owner=rep, cycle=cycle, territory=f"T{number}")
    with django_assert_max_num_queries(5):  # count, page (owner, manager, cycle, goal), stages, team funnels + stages
        response = api_as(people.manager).get("/api/territory-plans/?page_size=100")
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [2, 10])
def test_a_plan_costs_the_same_queries_however_many_rows_it_has(
    api_as, people, plan, count, django_assert_max_num_queries
):
    for number in range(count):
        PlanObjectiveFactory(plan=plan, title=f"Objective {number}")
    with django_assert_max_num_queries(12):
        response = api_as(people.manager).get(f"/api/territory-plans/{plan.pk}/")
    assert len(response.json()["objectives"]) == count


def test_every_territory_plan_and_joint_plan_path_is_in_the_schema(anonymous):
    schema = anonymous.get("/api/schema/?format=json").json()
    for path in [
        "/api/territory-plans/",
        "/api/territory-plans/{id}/",
        "/api/territory-plans/{id}/submit/",
        "/api/territory-plans/{id}/approve/",
        "/api/territory-plans/{id}/return/",
        "/api/territory-plans/{id}/plan-check/",
        "/api/territory-plans/{plan_pk}/accounts/",
        "/api/territory-plans/{plan_pk}/objectives/",
        "/api/territory-plans/{plan_pk}/objectives/{id}/goal/",
        "/api/territory-plans/{plan_pk}/action-items/",
        "/api/territory-plans/{plan_pk}/action-items/{id}/done/",
        "/api/territory-plans/{plan_pk}/reviews/",
        "/api/territory-plans/{plan_pk}/versions/",
        "/api/territory-plans/{plan_pk}/versions/{number}/",
        "/api/territory-plans/team-funnels/",
        "/api/joint-plans/",
        "/api/joint-plans/{id}/",
        "/api/joint-plans/{plan_pk}/activities/",
        "/api/joint-plans/{plan_pk}/targets/",
        "/api/joint-plans/{plan_pk}/targets/{id}/place/",
    ]:
        assert path in schema["paths"], path
    plan = schema["components"]["schemas"]["TerritoryPlan"]["properties"]
    for section in ("analysis", "funnel_inputs", "drivers", "swot", "strategies", "resources", "funnel"):
        assert section in plan, section
    assert plan["funnel"]["readOnly"] is True
    funnel = schema["components"]["schemas"]["FunnelResult"]["properties"]
    assert {"pipeline_needed", "opportunities_to_add", "gap", "stages"} <= set(funnel)


def test_goals_made_from_a_plan_are_ordinary_goals_of_the_cascade(api_as, people, plan, cascade):
    objective = PlanObjectiveFactory(plan=plan)
    api_as(people.rep).post(f"/api/territory-plans/{plan.pk}/objectives/{objective.pk}/goal/", {}, format="json")
    goal = Goal.objects.get(title=objective.title)
    assert goal.status == Status.SUBMITTED and goal.parent == cascade.manager and goal.target == D(150_000)
    listed = api_as(people.peer_rep).get(f"/api/goals/{goal.pk}/").json()
    assert listed["is_joint_target"] is False


def test_what_a_resource_does_not_offer_is_405_not_a_500(api_as, people, plan):
    PlanObjectiveFactory(plan=plan)
    client = api_as(people.rep)
    review = client.post(f"/api/territory-plans/{plan.pk}/reviews/", {"body": "Note to self"}, format="json").json()
    client.post(f"/api/territory-plans/{plan.pk}/submit/", {}, format="json")
    assert client.delete(f"/api/territory-plans/{plan.pk}/").status_code == 405
    assert (
        client.put(f"/api/territory-plans/{plan.pk}/reviews/{review['id']}/", {"body": "x"}, format="json").status_code
        == 405
    )
    assert client.delete(f"/api/territory-plans/{plan.pk}/reviews/{review['id']}/").status_code == 405
    assert client.post(f"/api/territory-plans/{plan.pk}/versions/", {}, format="json").status_code == 405
    assert client.delete(f"/api/territory-plans/{plan.pk}/versions/1/").status_code == 405
