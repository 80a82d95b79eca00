"""Goals over the API: every field of API.md, drafting, editing and deleting through the services."""

from decimal import Decimal

import pytest

from core.tree_integrity import tree_problems
from goals.models import CheckIn, Goal, Status
from tests.factories import AlignmentFlagFactory, AssumptionFactory, CycleFactory

pytestmark = pytest.mark.django_db

API_FIELDS = {
    "id",
    "cycle",
    "parent",
    "tier",
    "owner",
    "title",
    "description",
    "metric",
    "unit",
    "baseline",
    "target",
    "current",
    "weight",
    "due_date",
    "status",
    "visibility",
    "rollup",
    "assumptions",
    "progress",
    "rolled_up_progress",
    "open_flags",
}


def draft(client, in_cycle, **fields):
    body = {"cycle": in_cycle.pk, "title": "Close 12 deals", "metric": "deals closed", "unit": "deals", "target": "12"}
    return client.post("/api/goals/", {**body, **fields})


def test_a_goal_shows_every_field_of_the_contract(api_as, people, cascade):
    AlignmentFlagFactory(goal=cascade.rep)
    assumption = AssumptionFactory(cycle=cascade.rep.cycle, owner=people.ceo)
    assumption.goals.add(cascade.rep)
    body = api_as(people.peer_rep).get(f"/api/goals/{cascade.rep.pk}/").json()
    assert body.keys() >= API_FIELDS
    assert body["parent"] == cascade.manager.pk
    assert body["owner"] == people.rep.pk
    assert body["target"] == "200000.00"
    assert body["open_flags"] == 1
    assert body["assumptions"] == [assumption.pk]
    assert body["progress"] == 0.0


def test_a_rep_drafts_a_goal_linked_to_their_managers_goal(api_as, people, cascade, cycle):
    response = draft(api_as(people.rep), cycle, parent=cascade.manager.pk, baseline="2")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["owner"] == people.rep.pk
    assert body["tier"] == "rep"
    assert body["status"] == "draft"
    assert body["current"] == "2.00"  # starts at the baseline
    goal = Goal.objects.get(pk=body["id"])
    assert goal.parent == cascade.manager
    assert tree_problems(Goal) == []


def test_a_goal_links_to_assumptions_of_its_cycle(api_as, people, cycle):
    assumption = AssumptionFactory(cycle=cycle, owner=people.ceo)
    response = draft(api_as(people.rep), cycle, assumptions=[assumption.pk])
    assert response.json()["assumptions"] == [assumption.pk]
    assert list(Goal.objects.get(pk=response.json()["id"]).assumptions.all()) == [assumption]


def test_an_assumption_of_another_cycle_is_refused(api_as, people, cycle):
    other = AssumptionFactory(cycle=CycleFactory(name="FY2026"), owner=people.ceo)
    response = draft(api_as(people.rep), cycle, assumptions=[other.pk])
    assert response.status_code == 400
    assert "another cycle" in response.json()["assumptions"][0]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"target": "lots"}, "target"),
        ({"target": "1.234"}, "target"),
        ({"title": ""}, "title"),
        ({"unit": "bananas"}, "unit"),
        ({"visibility": "secret"}, "visibility"),
        ({"weight": "-1"}, "weight"),
        ({"due_date": "2031-01-01"}, "due_date"),
        ({"due_date": "someday"}, "due_date"),
        ({"parent": 999999}, "parent"),
        ({"parent": "abc"}, "parent"),
        ({"tier": "executive"}, "tier"),
        ({"cycle": 999999}, "cycle"),
        ({"owner": 999999}, "owner"),
    ],
)
def test_bad_goals_are_refused_naming_the_field(api_as, people, cascade, cycle, fields, field):
    response = draft(api_as(people.rep), cycle, **fields)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Goal.objects.filter(title="Close 12 deals").exists()


def test_a_missing_target_is_named(api_as, people, cycle):
    response = api_as(people.rep).post("/api/goals/", {"cycle": cycle.pk, "title": "x", "metric": "y"})
    assert response.status_code == 400
    assert response.json()["target"] == ["This field is required."]


def test_a_malformed_json_body_is_400(api_as, people):
    response = api_as(people.rep).generic("POST", "/api/goals/", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_the_owner_edits_a_draft(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    response = api_as(people.rep).patch(
        f"/api/goals/{cascade.rep.pk}/", {"title": "Riley: 250k new ARR", "target": "250000"}
    )
    assert response.status_code == 200
    cascade.rep.refresh_from_db()
    assert (cascade.rep.title, cascade.rep.target) == ("Riley: 250k new ARR", Decimal(250_000))


def test_a_full_update_with_put_works(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    client = api_as(people.rep)
    body = client.get(f"/api/goals/{cascade.rep.pk}/").json()
    body["description"] = "From the renewals book"
    response = client.put(f"/api/goals/{cascade.rep.pk}/", body)
    assert response.status_code == 200, response.json()
    cascade.rep.refresh_from_db()
    assert cascade.rep.description == "From the renewals book"


def test_editing_current_records_a_check_in(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    response = api_as(people.rep).patch(f"/api/goals/{cascade.rep.pk}/", {"current": "5000"})
    assert response.json()["current"] == "5000.00"
    assert CheckIn.objects.get(goal=cascade.rep).value == Decimal(5000)


@pytest.mark.parametrize(("field", "value"), [("cycle", "new"), ("owner", "peer"), ("tier", "manager")])
def test_a_goal_keeps_its_cycle_owner_and_tier(api_as, people, cascade, field, value):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    values = {"new": CycleFactory(name="FY2028").pk, "peer": people.peer_rep.pk, "manager": "manager"}
    response = api_as(people.rep).patch(f"/api/goals/{cascade.rep.pk}/", {field: values[value]})
    assert response.status_code == 400
    assert field in response.json()


def test_an_approved_goal_is_not_editable_by_its_owner(api_as, people, cascade):
    response = api_as(people.rep).patch(f"/api/goals/{cascade.rep.pk}/", {"title": "Bigger"})
    assert response.status_code == 403
    assert response.json() == {"detail": "You can edit your own goals while they are drafts or returned."}


def test_the_owner_deletes_a_draft_without_sub_goals(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    response = api_as(people.rep).delete(f"/api/goals/{cascade.rep.pk}/")
    assert response.status_code == 204
    assert not Goal.objects.filter(pk=cascade.rep.pk).exists()


def test_deleting_a_goal_with_sub_goals_asks_what_happens_to_them(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.manager.pk).update(status=Status.DRAFT)
    response = api_as(people.manager).delete(f"/api/goals/{cascade.manager.pk}/")
    assert response.status_code == 400
    assert "2 sub-goals" in response.json()["children"][0]


def test_ids_that_do_not_exist_are_404(api_as, people, cascade):
    client = api_as(people.staff)
    for url in ["/api/goals/999999/", "/api/goals/abc/", "/api/goals/999999/subtree/", "/api/goals/999999/path/"]:
        assert client.get(url).status_code == 404, url
    assert client.post("/api/goals/999999/submit/").status_code == 404
    assert client.get("/api/goals/999999/checkins/").status_code == 404


def test_a_page_out_of_range_is_404(api_as, people, cascade):
    assert api_as(people.rep).get("/api/goals/?page=99").status_code == 404
