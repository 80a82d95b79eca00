"""Challenges over the API: anyone challenges, others endorse once, the assumption's owner answers."""

from decimal import Decimal

import pytest

from assumptions.models import AssumptionStatus, ChallengeStatus, ChangeRequestStatus
from goals.models import Goal, Phase, Visibility
from tests.factories import (
    AssumptionFactory,
    ChallengeFactory,
    ChangeRequestFactory,
    CycleFactory,
    EndorsementFactory,
    GoalFactory,
)

pytestmark = pytest.mark.django_db

EVERYONE = ["ceo", "cro", "manager", "other_manager", "rep", "peer_rep", "other_rep", "staff"]


@pytest.fixture
def assumption(people, cascade, cycle):
    found = AssumptionFactory(cycle=cycle, owner=people.cro, statement="Mid-market churn stays under 8%")
    found.goals.add(cascade.manager, cascade.rep)
    return found


@pytest.fixture
def challenge(people, assumption):
    return ChallengeFactory(assumption=assumption, author=people.rep, claim="Churn is at 11% in the West")


def challenge_body(assumption, /, **extra):
    return {
        "assumption": assumption.pk,
        "claim": "Churn doubled since the price change",
        "evidence": "Lost 6 of 40 renewals in Q2",
        "course_correction": "Lower the West targets",
        **extra,
    }


def resolve(client, challenge, **body):
    pk = challenge if isinstance(challenge, int) else challenge.pk
    return client.post(f"/api/challenges/{pk}/resolve/", body, format="json")


# --- the lifecycle ------------------------------------------------------------------------------


def test_the_whole_lifecycle_through_the_api(api_as, people, cycle, cascade):
    cro, rep = api_as(people.cro), api_as(people.rep)
    created = cro.post(
        "/api/assumptions/",
        {"cycle": cycle.pk, "statement": "Churn stays under 8%", "goals": [cascade.manager.pk, cascade.rep.pk]},
        format="json",
    )
    assert created.status_code == 201, created.content
    assumption_id = created.json()["id"]

    opened = rep.post(
        "/api/challenges/",
        {
            "assumption": assumption_id,
            "claim": "Churn is at 11% in the West",
            "evidence": "Q2 renewals",
            "course_correction": "Lower the West targets by a fifth",
            "proposed_changes": [
                {"goal": cascade.rep.pk, "proposed_target": "160000.00", "note": "My share"},
                {"goal": cascade.manager.pk, "note": "Fewer upsells"},
            ],
        },
        format="json",
    )
    assert opened.status_code == 201, opened.content
    challenge = opened.json()
    assert challenge["author"] == people.rep.pk
    assert challenge["status"] == "open"
    assert challenge["endorsement_count"] == 0
    assert [(change["goal"], change["status"]) for change in challenge["proposed_changes"]] == [
        (cascade.rep.pk, "proposed"),
        (cascade.manager.pk, "proposed"),
    ]
    assert rep.get(f"/api/assumptions/{assumption_id}/").json()["status"] == "challenged"

    endorsed = api_as(people.peer_rep).post(f"/api/challenges/{challenge['id']}/endorse/")
    assert endorsed.status_code == 200
    assert endorsed.json()["endorsement_count"] == 1
    assert endorsed.json()["endorsed_by_me"] is True
    assert rep.get(f"/api/challenges/{challenge['id']}/").json()["endorsed_by_me"] is False

    refused = api_as(people.manager).post(
        f"/api/challenges/{challenge['id']}/resolve/", {"status": "accepted", "response": "Yes"}, format="json"
    )
    assert refused.status_code == 403

    answered = cro.post(
        f"/api/challenges/{challenge['id']}/resolve/",
        {"status": "accepted", "response": "The data says so", "statement": "Churn stays under 11%"},
        format="json",
    )
    assert answered.status_code == 200, answered.content
    answer = answered.json()
    assert (answer["status"], answer["response"], answer["outcome"]) == ("accepted", "The data says so", "revised")
    assert answer["resolved_by"] == people.cro.pk and answer["resolved_at"]
    assert {change["status"] for change in answer["proposed_changes"]} == {"pending"}

    assumption = rep.get(f"/api/assumptions/{assumption_id}/").json()
    assert (assumption["status"], assumption["statement"]) == ("revised", "Churn stays under 11%")
    latest = rep.get(f"/api/assumptions/{assumption_id}/revisions/").json()["results"][0]
    assert latest["challenge"] == challenge["id"]
    assert latest["changes"]["statement"] == ["Churn stays under 8%", "Churn stays under 11%"]

    again = cro.post(
        f"/api/challenges/{challenge['id']}/resolve/", {"status": "declined", "response": "No"}, format="json"
    )
    assert again.status_code == 409

    requests = rep.get("/api/change-requests/?mine=true&status=pending").json()["results"]
    assert [request["goal"] for request in requests] == [cascade.rep.pk]
    applied = rep.post(f"/api/change-requests/{requests[0]['id']}/apply/", {}, format="json")
    assert applied.status_code == 200, applied.content
    assert applied.json()["status"] == "applied"
    assert applied.json()["previous_target"] == "200000.00"
    assert Goal.objects.get(pk=cascade.rep.pk).target == Decimal(160_000)


def test_declining_upholds_the_assumption_and_withdraws_the_changes(api_as, people, assumption, cascade):
    opened = api_as(people.rep).post(
        "/api/challenges/",
        challenge_body(assumption, proposed_changes=[{"goal": cascade.rep.pk, "proposed_target": "1"}]),
        format="json",
    )
    response = resolve(api_as(people.cro), opened.json()["id"], status="declined", response="Q3 pipeline recovers")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "declined"
    assert response.json()["outcome"] == "upheld"
    assert [change["status"] for change in response.json()["proposed_changes"]] == ["withdrawn"]
    assumption.refresh_from_db()
    assert assumption.status == AssumptionStatus.UPHELD


def test_accepting_can_retire_the_assumption(api_as, people, assumption, challenge):
    response = resolve(api_as(people.cro), challenge, status="accepted", response="Gone", outcome="retired")
    assert response.status_code == 200, response.content
    assumption.refresh_from_db()
    assert assumption.status == AssumptionStatus.RETIRED


# --- endorsing -------------------------------------------------------------------------------


def test_endorsing_twice_is_a_400_with_a_field_message(api_as, people, challenge):
    client = api_as(people.peer_rep)
    assert client.post(f"/api/challenges/{challenge.pk}/endorse/").status_code == 200
    second = client.post(f"/api/challenges/{challenge.pk}/endorse/")
    assert second.status_code == 400
    assert second.json() == {"challenge": ["You already endorsed this challenge."]}
    assert client.get(f"/api/challenges/{challenge.pk}/").json()["endorsement_count"] == 1


def test_endorsing_ones_own_challenge_is_403(api_as, people, challenge):
    response = api_as(people.rep).post(f"/api/challenges/{challenge.pk}/endorse/")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_an_answered_challenge_takes_no_more_endorsements(api_as, people, challenge):
    resolve(api_as(people.cro), challenge, status="declined", response="No")
    assert api_as(people.peer_rep).post(f"/api/challenges/{challenge.pk}/endorse/").status_code == 409


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_but_the_author_endorses(api_as, people, challenge, who):
    response = api_as(getattr(people, who)).post(f"/api/challenges/{challenge.pk}/endorse/")
    assert response.status_code == (403 if who == "rep" else 200), response.content


# --- answering ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_assumptions_owner_answers_not_even_an_admin(api_as, people, challenge, who):
    response = resolve(api_as(getattr(people, who)), challenge, status="declined", response="Not convinced")
    if who == "cro":
        assert response.status_code == 200, response.content
    else:
        assert response.status_code == 403
        assert response.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"status": "open", "response": "x"}, "status"),
        ({"status": "accepted", "response": ""}, "response"),
        ({"status": "accepted"}, "response"),
        ({"response": "x"}, "status"),
        ({"status": "accepted", "response": "x", "outcome": "upheld"}, "outcome"),
        ({"status": "declined", "response": "x", "statement": "New"}, "statement"),
        ({"status": "accepted", "response": "x", "confidence": "sure"}, "confidence"),
        ({"status": "accepted", "response": "x", "statement": ""}, "statement"),
    ],
)
def test_a_bad_answer_is_a_400_naming_the_field(api_as, people, challenge, payload, field):
    response = resolve(api_as(people.cro), challenge, **payload)
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_answering_in_a_closed_cycle_is_409(api_as, people, challenge, cycle):
    cycle.phase = Phase.CLOSED
    cycle.save()
    assert resolve(api_as(people.cro), challenge, status="declined", response="No").status_code == 409


# --- opening ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_anyone_signed_in_challenges(api_as, people, assumption, who):
    response = api_as(getattr(people, who)).post("/api/challenges/", challenge_body(assumption), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["author"] == getattr(people, who).pk


def test_anonymous_callers_are_refused(anonymous, challenge):
    assert anonymous.get("/api/challenges/").status_code == 401
    assert anonymous.post("/api/challenges/", {}, format="json").status_code == 401
    assert anonymous.post(f"/api/challenges/{challenge.pk}/endorse/").status_code == 401


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"claim": ""}, "claim"),
        ({"claim": "   "}, "claim"),
        ({"assumption": "abc"}, "assumption"),
        ({"assumption": 999999}, "assumption"),
        ({"proposed_changes": "lower"}, "proposed_changes"),
        ({"proposed_changes": [{"goal": "abc"}]}, "proposed_changes"),
        ({"proposed_changes": [{"proposed_target": "1"}]}, "proposed_changes"),
        ({"proposed_changes": [{"goal": 999999, "proposed_target": "1"}]}, "proposed_changes"),
        ({"proposed_changes": [{"goal": "GOAL", "proposed_target": "lots"}]}, "proposed_changes"),
        ({"proposed_changes": [{"goal": "GOAL"}]}, "proposed_changes"),
    ],
)
def test_bad_challenges_are_a_400_naming_the_field(api_as, people, assumption, cascade, payload, field):
    if "proposed_changes" in payload and isinstance(payload["proposed_changes"], list):
        payload = {
            "proposed_changes": [
                {**change, "goal": cascade.rep.pk} if change.get("goal") == "GOAL" else change
                for change in payload["proposed_changes"]
            ]
        }
    response = api_as(people.peer_rep).post("/api/challenges/", challenge_body(assumption, **payload), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_a_missing_claim_is_a_400(api_as, people, assumption):
    response = api_as(people.rep).post("/api/challenges/", {"assumption": assumption.pk}, format="json")
    assert response.status_code == 400
    assert "claim" in response.json()


def test_proposing_a_change_to_a_goal_one_cannot_see_is_refused_like_an_unknown_one(api_as, people, assumption, cycle):
    secret = GoalFactory(cycle=cycle, owner=people.peer_rep, visibility=Visibility.PRIVATE)
    body = challenge_body(assumption, proposed_changes=[{"goal": secret.pk, "proposed_target": "5"}])
    hidden = api_as(people.rep).post("/api/challenges/", body, format="json")
    assert hidden.status_code == 400
    assert f"id {secret.pk}" in str(hidden.json()["proposed_changes"])


def test_proposed_changes_on_private_goals_are_not_shown_to_others(api_as, people, assumption, cycle):
    secret = GoalFactory(cycle=cycle, owner=people.peer_rep, visibility=Visibility.PRIVATE)
    body = challenge_body(assumption, proposed_changes=[{"goal": secret.pk, "proposed_target": "5"}])
    created = api_as(people.peer_rep).post("/api/challenges/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert api_as(people.rep).get(f"/api/challenges/{pk}/").json()["proposed_changes"] == []
    assert api_as(people.other_rep).get("/api/challenges/").json()["results"][0]["proposed_changes"] == []
    assert [
        change["goal"] for change in api_as(people.manager).get(f"/api/challenges/{pk}/").json()["proposed_changes"]
    ] == [secret.pk]


def test_a_retired_assumption_or_a_closed_cycle_takes_no_challenge(api_as, people, assumption):
    assumption.status = AssumptionStatus.RETIRED
    assumption.save()
    assert api_as(people.rep).post("/api/challenges/", challenge_body(assumption), format="json").status_code == 409
    closed = AssumptionFactory(cycle=CycleFactory(phase=Phase.CLOSED), owner=people.ceo)
    assert api_as(people.rep).post("/api/challenges/", challenge_body(closed), format="json").status_code == 409


def test_challenges_are_neither_edited_nor_deleted(api_as, people, challenge):
    client = api_as(people.rep)
    assert client.patch(f"/api/challenges/{challenge.pk}/", {"claim": "x"}, format="json").status_code == 405
    assert client.put(f"/api/challenges/{challenge.pk}/", {"claim": "x"}, format="json").status_code == 405
    assert api_as(people.staff).delete(f"/api/challenges/{challenge.pk}/").status_code == 405


def test_read_only_fields_are_ignored_on_create(api_as, people, assumption):
    body = challenge_body(assumption, status="accepted", response="Self-approved", author=people.ceo.pk)
    response = api_as(people.rep).post("/api/challenges/", body, format="json")
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["response"], response.json()["author"]) == (
        "open",
        "",
        people.rep.pk,
    )


# --- reading ---------------------------------------------------------------------------------


def test_the_list_filters_by_assumption_status_author_and_cycle(api_as, people, assumption, challenge, cycle):
    elsewhere = ChallengeFactory(
        assumption=AssumptionFactory(cycle=CycleFactory(), owner=people.ceo),
        author=people.other_rep,
        status=ChallengeStatus.DECLINED,
    )
    client = api_as(people.manager)

    def ids(query):
        response = client.get(f"/api/challenges/?{query}")
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids(f"assumption={assumption.pk}") == [challenge.pk]
    assert ids("status=declined") == [elsewhere.pk]
    assert ids(f"author={people.rep.pk}") == [challenge.pk]
    assert ids(f"cycle={cycle.pk}") == [challenge.pk]
    assert len(ids("")) == 2


@pytest.mark.parametrize("query", ["assumption=abc", "status=maybe", "author=1.5", "cycle=x", "cycle=999999"])
def test_bad_filters_are_a_400(api_as, people, challenge, query):
    assert api_as(people.rep).get(f"/api/challenges/?{query}").status_code == 400


def test_unknown_or_non_numeric_ids_are_404(api_as, people):
    client = api_as(people.rep)
    for url in ["/api/challenges/abc/", "/api/challenges/999999/"]:
        assert client.get(url).status_code == 404
    assert client.post("/api/challenges/abc/endorse/").status_code == 404
    assert client.post("/api/challenges/999999/resolve/", {}, format="json").status_code == 404


def test_endorsement_counts_are_per_challenge(api_as, people, challenge, assumption):
    other = ChallengeFactory(assumption=assumption, author=people.peer_rep)
    for person in (people.manager, people.ceo, people.other_rep):
        EndorsementFactory(challenge=challenge, person=person)
    EndorsementFactory(challenge=other, person=people.rep)
    rows = {row["id"]: row for row in api_as(people.rep).get("/api/challenges/").json()["results"]}
    assert rows[challenge.pk]["endorsement_count"] == 3
    assert rows[other.pk]["endorsement_count"] == 1
    assert rows[other.pk]["endorsed_by_me"] is True
    assert rows[challenge.pk]["endorsed_by_me"] is False


def test_change_requests_of_a_challenge_are_listed_with_it(api_as, people, challenge, cascade):
    ChangeRequestFactory(challenge=challenge, goal=cascade.rep, proposed_target=Decimal(150_000), note="Lower")
    [change] = api_as(people.ceo).get(f"/api/challenges/{challenge.pk}/").json()["proposed_changes"]
    assert change["goal"] == cascade.rep.pk
    assert change["proposed_target"] == "150000.00"
    assert change["status"] == ChangeRequestStatus.PROPOSED


def test_the_schema_documents_challenges_and_their_verbs(anonymous):
    schema = anonymous.get("/api/schema/?format=json").json()
    for path in ["/api/challenges/", "/api/challenges/{id}/", "/api/challenges/{id}/endorse/"]:
        assert path in schema["paths"], path
    resolve_operation = schema["paths"]["/api/challenges/{id}/resolve/"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(resolve_operation["responses"])
    assert "patch" not in schema["paths"]["/api/challenges/{id}/"]
    fields = schema["components"]["schemas"]["Challenge"]["properties"]
    for name in ["author", "status", "response", "endorsement_count", "outcome", "resolved_by", "endorsed_by_me"]:
        assert fields[name].get("readOnly") is True, name
    assert "proposed_changes" in schema["components"]["schemas"]["ChallengeRequest"]["properties"]
