"""Bad input of every field kind gets a clear message on the field (400 over the API, beside the field on the page)
and changes nothing; never a 500."""

import datetime
from decimal import Decimal as D

import pytest

from territories import services
from territories.models import ActionItem, FunnelStage, NamedAccount, PlanObjective, TerritoryPlan
from tests.factories import GoalFactory, TerritoryPlanFactory

pytestmark = pytest.mark.django_db


def error_text(response, *path) -> str:
    body = response.json()
    for key in path:
        body = body[key]
    return " ".join(body) if isinstance(body, list) else str(body)


OBJECTIVE = {"title": "Win 3 logos", "metric": "new logos", "unit": "accounts", "target": "3"}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"title": ""}, "title", "blank"),
        ({"title": "x" * 201}, "title", "200 characters"),
        ({"metric": "   "}, "metric", ""),
        ({"unit": "parsecs"}, "unit", "not a valid choice"),
        ({"target": "abc"}, "target", "valid number"),
        ({"target": "0"}, "target", "above 0"),
        ({"target": "-3"}, "target", "above 0"),
        ({"target": "1e20"}, "target", "digits"),
        ({"unit": "%", "target": "120"}, "target", "up to 100"),
        ({"due_date": "31/02/2026"}, "due_date", "wrong format"),
        ({"due_date": "2001-01-01"}, "due_date", "must fall within"),
        ({"accounts": [999999]}, "accounts", "does not exist"),
    ],
)
def test_a_bad_objective_is_refused_field_by_field(api_as, people, plan, change, field, words):
    response = api_as(people.rep).post(
        f"/api/territory-plans/{plan.pk}/objectives/", {**OBJECTIVE, **change}, format="json"
    )
    assert response.status_code == 400, response.content
    assert words in error_text(response, field)
    assert not PlanObjective.objects.exists()


def test_focus_accounts_come_from_the_plans_own_list(api_as, people, plan, cycle):
    other_plan = TerritoryPlanFactory(owner=people.peer_rep, cycle=cycle)
    theirs = NamedAccount.objects.create(plan=other_plan, name="Theirs")
    response = api_as(people.rep).post(
        f"/api/territory-plans/{plan.pk}/objectives/", {**OBJECTIVE, "accounts": [theirs.pk]}, format="json"
    )
    assert response.status_code == 400 and "accounts" in response.json()


@pytest.mark.parametrize(
    ("funnel", "words"),
    [
        ({"average_deal_size": "0"}, "more than 0"),
        ({"average_deal_size": "-100"}, "more than 0"),
        ({"average_deal_size": "lots"}, "valid number"),
        ({"stages": [{"name": "Qualified", "conversion_rate": "0"}]}, "above 0 and at most 100"),
        ({"stages": [{"name": "Qualified", "conversion_rate": "100.5"}]}, "above 0 and at most 100"),
        ({"stages": [{"name": "Qualified", "conversion_rate": "-20"}]}, "above 0 and at most 100"),
        ({"stages": [{"name": "Qualified", "conversion_rate": "fifty"}]}, "valid number"),
        ({"stages": [{"name": "Qualified", "open_pipeline": "-1"}]}, "cannot be negative"),
        ({"stages": [{"name": "", "conversion_rate": "50"}]}, "blank"),
        ({"stages": []}, "at least one stage"),
        ({"stages": [{"name": f"S{n}", "conversion_rate": "50"} for n in range(9)]}, "at most 8 stages"),
        ({"stages": "Qualified, Proposal"}, "list"),
        ({"quota_goal": 999999}, "no goal with id"),
        ({"quota_goal": "first"}, "integer"),
    ],
)
def test_bad_funnel_inputs_are_refused_with_a_clear_message(api_as, people, plan, funnel, words):
    before = list(FunnelStage.objects.filter(plan=plan).values_list("name", "conversion_rate"))
    response = api_as(people.rep).patch(f"/api/territory-plans/{plan.pk}/", {"funnel_inputs": funnel}, format="json")
    assert response.status_code == 400, response.content
    assert words in str(response.json()["funnel_inputs"])
    assert list(FunnelStage.objects.filter(plan=plan).values_list("name", "conversion_rate")) == before
    plan.refresh_from_db()
    assert plan.average_deal_size == D(20_000)


def test_the_funnel_works_only_toward_the_reps_own_money_goal(api_as, people, plan, cascade):
    response = api_as(people.rep).patch(
        f"/api/territory-plans/{plan.pk}/", {"funnel_inputs": {"quota_goal": cascade.peer.pk}}, format="json"
    )
    assert response.status_code == 400
    assert "Riley Rep's own goals" in str(response.json()["funnel_inputs"]["quota_goal"])


@pytest.mark.parametrize(
    ("account", "field", "words"),
    [
        ({"name": ""}, "name", "blank"),
        ({"kind": "friend"}, "kind", "not a valid choice"),
        ({"stage": "dreaming"}, "stage", "not a valid choice"),
        ({"kind": "prospect", "stage": "renewing"}, "stage", "not a customer yet"),
        ({"kind": "customer", "stage": "qualified"}, "stage", "onboarding, expanding or renewing"),
        ({"expected_value": "-1"}, "expected_value", "greater than or equal to 0"),
        ({"expected_value": "a lot"}, "expected_value", "valid number"),
    ],
)
def test_a_bad_named_account_is_refused(api_as, people, plan, account, field, words):
    response = api_as(people.rep).post(
        f"/api/territory-plans/{plan.pk}/accounts/", {"name": "Harbor Lending", **account}, format="json"
    )
    assert response.status_code == 400, response.content
    assert words in error_text(response, field)
    assert not NamedAccount.objects.exists()


def test_the_same_account_is_named_once(api_as, people, plan):
    client = api_as(people.rep)
    assert (
        client.post(f"/api/territory-plans/{plan.pk}/accounts/", {"name": "Harbor"}, format="json").status_code == 201
    )
    again = client.post(f"/api/territory-plans/{plan.pk}/accounts/", {"name": "harbor "}, format="json")
    assert again.status_code == 400 and "on the list already" in error_text(again, "name")


@pytest.mark.parametrize(
    ("item", "field", "words"),
    [
        ({"title": ""}, "title", "blank"),
        ({"due_date": None}, "due_date", "null"),
        ({"due_date": "tomorrow"}, "due_date", "wrong format"),
        ({"owner": 999999}, "owner", "does not exist"),
        ({"is_milestone": "perhaps"}, "is_milestone", "valid boolean"),
    ],
)
def test_a_bad_action_item_is_refused(api_as, people, plan, cycle, item, field, words):
    response = api_as(people.rep).post(
        f"/api/territory-plans/{plan.pk}/action-items/",
        {"title": "Call", "due_date": str(cycle.end), **item},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert words in error_text(response, field)
    assert not ActionItem.objects.exists()


def test_an_action_owned_outside_the_chain_or_due_after_the_cycle_is_refused(api_as, people, plan, cycle):
    client = api_as(people.rep)
    outside = client.post(
        f"/api/territory-plans/{plan.pk}/action-items/",
        {"title": "Call", "due_date": str(cycle.end), "owner": people.peer_rep.pk},
        format="json",
    )
    assert outside.status_code == 400 and "a manager above them" in error_text(outside, "owner")
    late = client.post(
        f"/api/territory-plans/{plan.pk}/action-items/",
        {"title": "Call", "due_date": str(cycle.end + datetime.timedelta(days=1))},
        format="json",
    )
    assert late.status_code == 400 and "must fall within" in error_text(late, "due_date")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "Fine", "section": "appendix"}, "section"),
    ],
)
def test_a_bad_comment_is_refused(api_as, people, plan, body, field):
    response = api_as(people.manager).post(f"/api/territory-plans/{plan.pk}/reviews/", body, format="json")
    assert response.status_code == 400 and field in response.json()


def test_a_plan_needs_a_cycle_that_exists(api_as, people):
    assert api_as(people.rep).post("/api/territory-plans/", {}, format="json").status_code == 400
    response = api_as(people.rep).post("/api/territory-plans/", {"cycle": 999999}, format="json")
    assert response.status_code == 400 and "cycle" in response.json()
    assert not TerritoryPlan.objects.exists()


# --- pages --------------------------------------------------------------------------------


def test_a_stage_rate_out_of_range_shows_beside_the_field_and_keeps_what_was_typed(client, people, plan):
    client.force_login(people.rep)
    response = client.post(
        f"/territory-plans/{plan.pk}/sections/funnel/",
        {
            "funnel-quota_goal": plan.quota_goal_id,
            "funnel-average_deal_size": "0",
            "stages-TOTAL_FORMS": "2",
            "stages-INITIAL_FORMS": "0",
            "stages-0-name": "Qualified",
            "stages-0-conversion_rate": "150",
            "stages-0-open_pipeline": "1000",
            "stages-1-name": "",
            "stages-1-conversion_rate": "",
            "stages-1-open_pipeline": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "A conversion rate is a percentage above 0 and at most 100; 150% is not." in html
    assert "The average deal size must be more than 0" in html
    assert 'value="150"' in html and 'value="Qualified"' in html
    assert list(plan.stages.values_list("conversion_rate", flat=True)) == [D(50), D(60), D(70)]


def test_an_objective_without_a_target_keeps_the_rest_of_what_was_typed(client, people, plan):
    client.force_login(people.rep)
    response = client.post(
        f"/territory-plans/{plan.pk}/objectives/",
        {"objective-title": "Win 3 fintech logos", "objective-metric": "new logos", "objective-unit": "accounts"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_objective-target_error"' in html
    assert 'value="Win 3 fintech logos"' in html
    assert not PlanObjective.objects.exists()


def test_a_due_date_outside_the_cycle_shows_the_services_message_beside_the_field(client, people, plan, cycle):
    client.force_login(people.rep)
    response = client.post(
        f"/territory-plans/{plan.pk}/actions/",
        {
            "action-title": "Call",
            "action-owner": people.rep.pk,
            "action-due_date": str(cycle.end + datetime.timedelta(days=3)),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_action-due_date_error"' in html and "must fall within" in html


def test_returning_without_a_reason_is_refused_on_the_page(client, people, plan):
    services.objective_create(actor=people.rep, plan=plan, title="Win", metric="logos", target=D(1))
    services.plan_submit(actor=people.rep, plan=plan)
    client.force_login(people.manager)
    response = client.post(f"/territory-plans/{plan.pk}/review/", {"decision": "return", "body": ""})
    assert response.status_code == 200
    assert "Say why the plan goes back" in response.content.decode()


def test_a_quota_goal_of_someone_else_is_not_even_offered(client, people, plan, cascade, cycle):
    GoalFactory(cycle=cycle, owner=people.peer_rep, parent=cascade.manager, title="Pat's pipeline")
    client.force_login(people.rep)
    response = client.post(
        f"/territory-plans/{plan.pk}/sections/funnel/",
        {
            "funnel-quota_goal": cascade.peer.pk,
            "stages-TOTAL_FORMS": "1",
            "stages-INITIAL_FORMS": "0",
            "stages-0-name": "Qualified",
            "stages-0-conversion_rate": "50",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    plan.refresh_from_db()
    assert plan.quota_goal == cascade.rep
