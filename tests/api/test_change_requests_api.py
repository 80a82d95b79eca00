"""Change requests over the API: an accepted challenge's course corrections, decided by the goal's owner or chain."""

from decimal import Decimal

import pytest

from assumptions.models import ChallengeStatus, ChangeRequestStatus
from goals.models import Goal, Phase, Visibility
from tests.factories import AssumptionFactory, ChallengeFactory, ChangeRequestFactory, GoalFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["ceo", "cro", "manager", "other_manager", "rep", "peer_rep", "other_rep", "staff"]
DECIDERS = {"rep", "manager", "cro", "ceo", "staff"}  # the rep goal's owner, their chain, staff


@pytest.fixture
def challenge(people, cycle):
    assumption = AssumptionFactory(cycle=cycle, owner=people.cro)
    return ChallengeFactory(assumption=assumption, author=people.peer_rep, status=ChallengeStatus.ACCEPTED)


@pytest.fixture
def pending(challenge, cascade):
    return ChangeRequestFactory(
        challenge=challenge,
        goal=cascade.rep,
        proposed_target=Decimal(150_000),
        note="Churn is up",
        status=ChangeRequestStatus.PENDING,
    )


def test_a_change_request_has_the_contract_fields(api_as, people, pending, cascade):
    row = api_as(people.other_rep).get(f"/api/change-requests/{pending.pk}/").json()
    assert set(row) >= {
        "id",
        "challenge",
        "goal",
        "proposed_target",
        "note",
        "status",
        "previous_target",
        "decided_by",
        "decided_at",
        "decision_note",
    }
    assert (row["goal"], row["proposed_target"], row["status"]) == (cascade.rep.pk, "150000.00", "pending")


def test_applying_sets_the_goals_target_and_records_the_decision(api_as, people, pending, cascade):
    response = api_as(people.manager).post(f"/api/change-requests/{pending.pk}/apply/", {"note": "Fair"}, format="json")
    assert response.status_code == 200, response.content
    row = response.json()
    assert (row["status"], row["previous_target"], row["decided_by"], row["decision_note"]) == (
        "applied",
        "200000.00",
        people.manager.pk,
        "Fair",
    )
    assert row["decided_at"]
    assert Goal.objects.get(pk=cascade.rep.pk).target == Decimal(150_000)


def test_applying_without_a_body_works(api_as, people, pending):
    assert api_as(people.rep).post(f"/api/change-requests/{pending.pk}/apply/").status_code == 200


def test_a_change_without_a_target_leaves_the_target_alone(api_as, people, challenge, cascade):
    request = ChangeRequestFactory(
        challenge=challenge,
        goal=cascade.rep,
        proposed_target=None,
        note="Focus on retention",
        status=ChangeRequestStatus.PENDING,
    )
    response = api_as(people.rep).post(f"/api/change-requests/{request.pk}/apply/", {}, format="json")
    assert response.json()["status"] == "applied"
    assert Goal.objects.get(pk=cascade.rep.pk).target == Decimal(200_000)


def test_declining_needs_a_reason_and_keeps_the_target(api_as, people, pending, cascade):
    client = api_as(people.rep)
    for body in ({}, {"note": ""}, {"note": "  "}, {"note": ["a", "b"]}):
        refused = client.post(f"/api/change-requests/{pending.pk}/decline/", body, format="json")
        assert refused.status_code == 400, body
        assert "note" in refused.json()
    response = client.post(f"/api/change-requests/{pending.pk}/decline/", {"note": "Pipeline is fine"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["decision_note"]) == ("declined", "Pipeline is fine")
    assert Goal.objects.get(pk=cascade.rep.pk).target == Decimal(200_000)


@pytest.mark.parametrize("verb", ["apply", "decline"])
@pytest.mark.parametrize("who", EVERYONE)
def test_the_goals_owner_their_chain_and_staff_decide(api_as, people, pending, who, verb):
    response = api_as(getattr(people, who)).post(
        f"/api/change-requests/{pending.pk}/{verb}/", {"note": "Because"}, format="json"
    )
    if who in DECIDERS:
        assert response.status_code == 200, response.content
    else:
        assert response.status_code == 403
        assert response.json()["detail"]


@pytest.mark.parametrize("state", ["proposed", "applied", "declined", "withdrawn"])
def test_only_a_pending_request_is_decided(api_as, people, challenge, cascade, state):
    request = ChangeRequestFactory(challenge=challenge, goal=cascade.rep, status=state)
    response = api_as(people.rep).post(f"/api/change-requests/{request.pk}/apply/", {}, format="json")
    assert response.status_code == 409
    assert Goal.objects.get(pk=cascade.rep.pk).target == Decimal(200_000)


def test_applying_in_a_closed_cycle_is_409(api_as, people, pending, cycle):
    cycle.phase = Phase.CLOSED
    cycle.save()
    assert api_as(people.rep).post(f"/api/change-requests/{pending.pk}/apply/", {}, format="json").status_code == 409


def test_requests_on_private_goals_are_seen_only_by_those_who_see_the_goal(api_as, people, challenge, cycle):
    secret = GoalFactory(cycle=cycle, owner=people.peer_rep, visibility=Visibility.PRIVATE)
    hidden = ChangeRequestFactory(challenge=challenge, goal=secret, status=ChangeRequestStatus.PENDING)
    assert api_as(people.rep).get("/api/change-requests/").json()["count"] == 0
    assert api_as(people.rep).get(f"/api/change-requests/{hidden.pk}/").status_code == 404
    assert api_as(people.rep).post(f"/api/change-requests/{hidden.pk}/apply/").status_code == 404
    assert api_as(people.rep).get(f"/api/change-requests/?goal={secret.pk}").status_code == 400
    for who in ("peer_rep", "manager", "cro", "staff"):
        assert api_as(getattr(people, who)).get("/api/change-requests/").json()["count"] == 1, who


def test_mine_lists_requests_on_goals_i_own_or_manage(api_as, people, challenge, cascade, pending):
    on_manager_goal = ChangeRequestFactory(challenge=challenge, goal=cascade.manager)
    on_peer_goal = ChangeRequestFactory(challenge=challenge, goal=cascade.peer)

    def ids(who, query="mine=true"):
        response = api_as(getattr(people, who)).get(f"/api/change-requests/?{query}")
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids("rep") == {pending.pk}
    assert ids("peer_rep") == {on_peer_goal.pk}
    assert ids("manager") == {pending.pk, on_manager_goal.pk, on_peer_goal.pk}
    assert ids("other_manager") == set()
    assert ids("rep", "mine=false") == {on_manager_goal.pk, on_peer_goal.pk}
    assert ids("rep", "") == {pending.pk, on_manager_goal.pk, on_peer_goal.pk}


def test_the_list_filters_by_status_goal_and_challenge(api_as, people, challenge, cascade, pending):
    proposed = ChangeRequestFactory(challenge=challenge, goal=cascade.peer)
    client = api_as(people.ceo)

    def ids(query):
        response = client.get(f"/api/change-requests/?{query}")
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids("status=pending") == [pending.pk]
    assert ids(f"goal={cascade.peer.pk}") == [proposed.pk]
    assert ids(f"challenge={challenge.pk}") == [pending.pk, proposed.pk]


@pytest.mark.parametrize("query", ["status=sure", "goal=abc", "challenge=x", "goal=999999"])
def test_bad_filters_are_a_400(api_as, people, pending, query):
    assert api_as(people.rep).get(f"/api/change-requests/?{query}").status_code == 400


def test_change_requests_are_read_only_apart_from_their_verbs(api_as, people, pending):
    client = api_as(people.staff)
    url = f"/api/change-requests/{pending.pk}/"
    assert client.post("/api/change-requests/", {}, format="json").status_code == 405
    assert client.patch(url, {"status": "applied"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405


def test_anonymous_callers_and_bad_ids(anonymous, api_as, people, pending):
    assert anonymous.get("/api/change-requests/").status_code == 401
    assert anonymous.post(f"/api/change-requests/{pending.pk}/apply/").status_code == 401
    assert api_as(people.rep).post("/api/change-requests/abc/apply/").status_code == 404
    assert api_as(people.rep).get("/api/change-requests/999999/").status_code == 404


def test_the_schema_documents_change_requests(anonymous):
    schema = anonymous.get("/api/schema/?format=json").json()
    for path in ["/api/change-requests/", "/api/change-requests/{id}/apply/", "/api/change-requests/{id}/decline/"]:
        assert path in schema["paths"], path
    parameters = {item["name"] for item in schema["paths"]["/api/change-requests/"]["get"]["parameters"]}
    assert {"status", "goal", "mine"} <= parameters
    decline = schema["paths"]["/api/change-requests/{id}/decline/"]["post"]
    assert {"400", "403", "404", "409"} <= set(decline["responses"])
