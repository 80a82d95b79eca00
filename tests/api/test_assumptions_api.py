"""Strategy assumptions over the API: written by executives, edited by their owner, history kept, goals by sight."""

import pytest

from assumptions.models import Assumption, AssumptionStatus
from goals.models import Phase, Visibility
from tests.factories import AssumptionFactory, ChallengeFactory, CycleFactory, GoalFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["ceo", "cro", "manager", "other_manager", "rep", "peer_rep", "other_rep", "staff"]


@pytest.fixture
def assumption(people, cascade, cycle):
    found = AssumptionFactory(cycle=cycle, owner=people.cro, statement="Mid-market churn stays under 8%")
    found.goals.add(cascade.executive, cascade.manager)
    return found


@pytest.fixture
def private_goal(people, cycle, cascade):
    """A goal of the peer rep's that only they, their chain and staff may see."""
    return GoalFactory(
        cycle=cycle, owner=people.peer_rep, parent=cascade.manager, title="Secret", visibility=Visibility.PRIVATE
    )


def body(cycle, **extra):
    return {"cycle": cycle.pk, "statement": "Enterprise deals close within two quarters", **extra}


# --- reading --------------------------------------------------------------------------------


def test_anyone_signed_in_reads_assumptions_with_the_contract_fields(api_as, people, assumption, cascade):
    response = api_as(people.rep).get("/api/assumptions/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    for name in ["id", "cycle", "statement", "rationale", "evidence", "owner", "confidence", "status", "goals"]:
        assert name in row
    assert row["revision"] == 1
    assert row["owner"] == people.cro.pk
    assert sorted(row["goals"]) == sorted([cascade.executive.pk, cascade.manager.pk])
    assert "note" not in row


@pytest.mark.parametrize("url", ["/api/assumptions/", "/api/assumptions/1/", "/api/assumptions/1/revisions/"])
def test_anonymous_callers_are_refused(anonymous, url):
    assert anonymous.get(url).status_code == 401


def test_the_list_filters_by_cycle_status_owner_and_goal(api_as, people, assumption, cascade, cycle):
    other_cycle = CycleFactory()
    AssumptionFactory(cycle=other_cycle, owner=people.ceo, status=AssumptionStatus.CHALLENGED)
    client = api_as(people.rep)

    def ids(query):
        response = client.get(f"/api/assumptions/?{query}")
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids(f"cycle={cycle.pk}") == [assumption.pk]
    assert ids("status=active") == [assumption.pk]
    assert ids(f"owner={people.cro.pk}") == [assumption.pk]
    assert ids(f"goal={cascade.manager.pk}") == [assumption.pk]
    assert ids(f"goal={cascade.rep.pk}") == []


@pytest.mark.parametrize(
    "query", ["cycle=abc", "status=sure", "owner=x", "goal=9999999", "goal=1.5", "page=abc", "page_size=-1"]
)
def test_bad_filters_are_a_400_or_ignored_never_a_500(api_as, people, assumption, query):
    response = api_as(people.rep).get(f"/api/assumptions/?{query}")
    assert response.status_code in (200, 400, 404)


def test_a_non_numeric_or_unknown_id_is_404(api_as, people):
    client = api_as(people.rep)
    assert client.get("/api/assumptions/abc/").status_code == 404
    assert client.get("/api/assumptions/999999/").status_code == 404
    assert client.get("/api/assumptions/999999/revisions/").status_code == 404


# --- private goals ------------------------------------------------------------------------------


def test_a_private_goal_of_someone_else_is_not_listed_not_even_its_id(api_as, people, assumption, private_goal):
    assumption.goals.add(private_goal)
    outsider = api_as(people.rep).get(f"/api/assumptions/{assumption.pk}/").json()
    assert private_goal.pk not in outsider["goals"]
    assert len(outsider["goals"]) == 2
    for who in ("peer_rep", "manager", "staff"):
        assert private_goal.pk in api_as(getattr(people, who)).get(f"/api/assumptions/{assumption.pk}/").json()["goals"]


def test_filtering_by_a_private_goal_one_cannot_see_is_refused_like_an_unknown_id(
    api_as, people, assumption, private_goal
):
    assumption.goals.add(private_goal)
    hidden = api_as(people.rep).get(f"/api/assumptions/?goal={private_goal.pk}")
    unknown = api_as(people.rep).get("/api/assumptions/?goal=999999")
    assert hidden.status_code == unknown.status_code == 400
    assert api_as(people.manager).get(f"/api/assumptions/?goal={private_goal.pk}").json()["count"] == 1


def test_linking_a_goal_the_caller_cannot_see_is_a_400_on_goals(api_as, people, cycle, private_goal):
    # The CRO is above the peer rep, so may link their private goal; the CEO's is out of the CRO's sight.
    response = api_as(people.cro).post("/api/assumptions/", body(cycle, goals=[private_goal.pk]), format="json")
    assert response.status_code == 201
    ceo_secret = GoalFactory(cycle=cycle, owner=people.ceo, visibility=Visibility.PRIVATE)
    response = api_as(people.cro).post("/api/assumptions/", body(cycle, goals=[ceo_secret.pk]), format="json")
    assert response.status_code == 400
    assert "goals" in response.json()
    assert str(ceo_secret.pk) in response.json()["goals"][0]  # named exactly like an id that does not exist


def test_an_owner_edit_of_goals_keeps_links_to_goals_out_of_their_sight(api_as, people, cycle, cascade):
    ceo_secret = GoalFactory(cycle=cycle, owner=people.ceo, visibility=Visibility.PRIVATE)
    assumption = AssumptionFactory(cycle=cycle, owner=people.cro)
    assumption.goals.add(ceo_secret, cascade.executive)
    response = api_as(people.cro).patch(
        f"/api/assumptions/{assumption.pk}/", {"goals": [cascade.manager.pk]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["goals"] == [cascade.manager.pk]
    assert set(assumption.goals.values_list("pk", flat=True)) == {ceo_secret.pk, cascade.manager.pk}


@pytest.mark.parametrize("who", ["cro", "staff"])
def test_the_owner_and_staff_unlink_goals(api_as, people, assumption, cascade, private_goal, who):
    assumption.goals.add(private_goal)
    response = api_as(getattr(people, who)).patch(f"/api/assumptions/{assumption.pk}/", {"goals": []}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["goals"] == []
    assert list(assumption.goals.all()) == []  # both see the peer rep's private goal: nothing kept hidden


def test_the_history_hides_private_goals_too(api_as, people, cycle, cascade, private_goal):
    created = api_as(people.cro).post(
        "/api/assumptions/", body(cycle, goals=[private_goal.pk, cascade.manager.pk]), format="json"
    )
    pk = created.json()["id"]
    api_as(people.cro).patch(f"/api/assumptions/{pk}/", {"goals": [cascade.manager.pk]}, format="json")
    seen_by_rep = api_as(people.rep).get(f"/api/assumptions/{pk}/revisions/").json()["results"]
    assert [revision["number"] for revision in seen_by_rep] == [2, 1]
    assert "goals" not in seen_by_rep[0]["changes"]  # only a hidden link changed
    assert seen_by_rep[1]["changes"]["goals"] == [None, [cascade.manager.pk]]
    seen_by_manager = api_as(people.manager).get(f"/api/assumptions/{pk}/revisions/").json()["results"]
    assert seen_by_manager[0]["changes"]["goals"] == [
        sorted([private_goal.pk, cascade.manager.pk]),
        [cascade.manager.pk],
    ]


# --- writing --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_executives_and_staff_write_assumptions_others_are_403(api_as, people, cycle, who):
    person = getattr(people, who)
    extra = {"owner": people.ceo.pk} if who == "staff" else {}
    response = api_as(person).post("/api/assumptions/", body(cycle, **extra), format="json")
    if who in ("ceo", "cro", "staff"):
        assert response.status_code == 201, response.content
        assert response.json()["owner"] == (people.ceo.pk if who == "staff" else person.pk)
        assert response.json()["revision"] == 1
        assert response.json()["status"] == "active"
    else:
        assert response.status_code == 403
        assert response.json()["detail"]


def test_staff_without_naming_an_executive_owner_get_a_400_on_owner(api_as, people, cycle):
    response = api_as(people.staff).post("/api/assumptions/", body(cycle), format="json")
    assert response.status_code == 400
    assert "owner" in response.json()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"statement": ""}, "statement"),
        ({"statement": "x" * 301}, "statement"),
        ({"cycle": "abc"}, "cycle"),
        ({"cycle": 999999}, "cycle"),
        ({"confidence": "total"}, "confidence"),
        ({"goals": "not a list"}, "goals"),
        ({"goals": ["abc"]}, "goals"),
        ({"owner": 999999}, "owner"),
        ({"status": "retired"}, "status"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api_as, people, cycle, payload, field):
    response = api_as(people.ceo).post("/api/assumptions/", {**body(cycle), **payload}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_a_missing_statement_is_a_400(api_as, people, cycle):
    response = api_as(people.ceo).post("/api/assumptions/", {"cycle": cycle.pk}, format="json")
    assert response.status_code == 400
    assert "statement" in response.json()


def test_an_owner_that_is_not_an_executive_is_refused(api_as, people, cycle):
    response = api_as(people.ceo).post("/api/assumptions/", body(cycle, owner=people.manager.pk), format="json")
    assert response.status_code == 400
    assert "owner" in response.json()


def test_goals_of_another_cycle_are_refused(api_as, people, cycle):
    elsewhere = GoalFactory(cycle=CycleFactory(), owner=people.cro)
    response = api_as(people.ceo).post("/api/assumptions/", body(cycle, goals=[elsewhere.pk]), format="json")
    assert response.status_code == 400
    assert "goals" in response.json()


def test_nothing_is_written_in_a_closed_cycle(api_as, people):
    closed = CycleFactory(phase=Phase.CLOSED)
    response = api_as(people.ceo).post("/api/assumptions/", body(closed), format="json")
    assert response.status_code == 409
    assumption = AssumptionFactory(cycle=closed, owner=people.ceo)
    response = api_as(people.ceo).patch(f"/api/assumptions/{assumption.pk}/", {"rationale": "x"}, format="json")
    assert response.status_code == 409


def test_the_owner_edits_and_each_edit_is_a_revision_with_its_note(api_as, people, assumption):
    client = api_as(people.cro)
    response = client.patch(
        f"/api/assumptions/{assumption.pk}/",
        {"statement": "Mid-market churn stays under 9%", "confidence": "low", "note": "Q2 numbers"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["statement"] == "Mid-market churn stays under 9%"
    assert response.json()["revision"] == 2
    history = client.get(f"/api/assumptions/{assumption.pk}/revisions/").json()
    assert history["count"] == 1  # the factory wrote no first revision
    [latest] = history["results"]
    assert latest["number"] == 2
    assert latest["author"] == people.cro.pk
    assert latest["note"] == "Q2 numbers"
    assert latest["changes"]["statement"] == ["Mid-market churn stays under 8%", "Mid-market churn stays under 9%"]
    assert latest["changes"]["confidence"] == ["medium", "low"]
    assert set(latest) >= {"number", "author", "created", "changes", "note", "challenge"}


def test_a_full_update_with_put_works_with_what_was_read(api_as, people, assumption):
    client = api_as(people.cro)
    data = client.get(f"/api/assumptions/{assumption.pk}/").json()
    data["rationale"] = "Renewals look healthy"
    response = client.put(f"/api/assumptions/{assumption.pk}/", data, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["rationale"] == "Renewals look healthy"


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_owner_and_staff_edit_an_assumption(api_as, people, assumption, who):
    response = api_as(getattr(people, who)).patch(
        f"/api/assumptions/{assumption.pk}/", {"rationale": "Because"}, format="json"
    )
    if who in ("cro", "staff"):
        assert response.status_code == 200, response.content
    else:
        assert response.status_code == 403
        assert response.json()["detail"]


def test_cycle_and_owner_stay(api_as, people, assumption):
    client = api_as(people.cro)
    response = client.patch(
        f"/api/assumptions/{assumption.pk}/", {"owner": people.ceo.pk, "cycle": CycleFactory().pk}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"owner", "cycle"}


def test_status_takes_only_what_the_owner_may_set(api_as, people, assumption):
    client = api_as(people.cro)
    url = f"/api/assumptions/{assumption.pk}/"
    refused = client.patch(url, {"status": "challenged"}, format="json")
    assert refused.status_code == 400
    assert "status" in refused.json()
    assert client.patch(url, {"status": "nonsense"}, format="json").status_code == 400
    assert client.patch(url, {"status": "under_review"}, format="json").json()["status"] == "under_review"
    ChallengeFactory(assumption=assumption, author=people.rep)
    refused = client.patch(url, {"status": "upheld"}, format="json")
    assert refused.status_code == 400
    assert "open challenge" in refused.json()["status"][0]


def test_assumptions_cannot_be_deleted(api_as, people, assumption):
    assert api_as(people.cro).delete(f"/api/assumptions/{assumption.pk}/").status_code == 405
    assert api_as(people.staff).delete(f"/api/assumptions/{assumption.pk}/").status_code == 405
    assert Assumption.objects.filter(pk=assumption.pk).exists()


def test_the_list_counts_open_challenges(api_as, people, assumption):
    ChallengeFactory(assumption=assumption, author=people.rep)
    ChallengeFactory(assumption=assumption, author=people.peer_rep, status="declined")
    row = api_as(people.rep).get(f"/api/assumptions/{assumption.pk}/").json()
    assert (row["open_challenge_count"], row["challenge_count"]) == (1, 2)


def test_the_schema_documents_the_assumption_paths_and_fields(anonymous):
    schema = anonymous.get("/api/schema/?format=json").json()
    for path in ["/api/assumptions/", "/api/assumptions/{id}/", "/api/assumptions/{id}/revisions/"]:
        assert path in schema["paths"], path
    assert "delete" not in schema["paths"]["/api/assumptions/{id}/"]
    fields = schema["components"]["schemas"]["Assumption"]["properties"]
    assert fields["revision"]["readOnly"] is True
    assert "note" not in fields
    assert "note" in schema["components"]["schemas"]["AssumptionRequest"]["properties"]
    parameters = {item["name"] for item in schema["paths"]["/api/assumptions/"]["get"]["parameters"]}
    assert {"cycle", "status", "owner", "goal", "page", "page_size"} <= parameters
