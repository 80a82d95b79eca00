"""Challenge threads over the API: replies nest, read in thread order; authors edit and remove their own."""

import pytest

from assumptions.models import Comment
from goals.models import Phase
from tests.factories import AssumptionFactory, ChallengeFactory, CommentFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["ceo", "cro", "manager", "other_manager", "rep", "peer_rep", "other_rep", "staff"]


@pytest.fixture
def challenge(people, cycle):
    assumption = AssumptionFactory(cycle=cycle, owner=people.cro)
    return ChallengeFactory(assumption=assumption, author=people.rep)


@pytest.fixture
def comment(people, challenge):
    return CommentFactory(challenge=challenge, author=people.peer_rep, body="Same in my territory")


def post(client, challenge, body, parent=None):
    return client.post("/api/comments/", {"challenge": challenge.pk, "parent": parent, "body": body}, format="json")


def test_a_thread_nested_three_deep_reads_in_order(api_as, people, challenge):
    rep, manager, cro = api_as(people.rep), api_as(people.manager), api_as(people.cro)
    first = post(rep, challenge, "First").json()
    second = post(manager, challenge, "Second").json()
    reply = post(cro, challenge, "Reply to first", parent=first["id"]).json()
    deeper = post(rep, challenge, "Reply to the reply", parent=reply["id"]).json()
    deepest = post(manager, challenge, "Three deep", parent=deeper["id"]).json()
    late_reply = post(cro, challenge, "Late reply to first", parent=first["id"]).json()
    assert (deeper["depth"], deepest["depth"]) == (2, 3)
    assert deepest["parent"] == deeper["id"]

    thread = rep.get(f"/api/comments/?challenge={challenge.pk}").json()
    assert thread["count"] == 6
    assert [(row["body"], row["depth"]) for row in thread["results"]] == [
        ("First", 0),
        ("Reply to first", 1),
        ("Reply to the reply", 2),
        ("Three deep", 3),
        ("Late reply to first", 1),
        ("Second", 0),
    ]
    assert thread["results"][0]["author"] == people.rep.pk
    assert {row["id"] for row in thread["results"]} == {
        item["id"] for item in (first, second, reply, deeper, deepest, late_reply)
    }


def test_threads_of_different_challenges_stay_apart(api_as, people, challenge, comment):
    other = ChallengeFactory(assumption=challenge.assumption, author=people.peer_rep)
    CommentFactory(challenge=other, author=people.rep)
    response = api_as(people.rep).get(f"/api/comments/?challenge={challenge.pk}")
    assert [row["id"] for row in response.json()["results"]] == [comment.pk]


def test_a_comment_has_the_contract_fields(api_as, people, comment):
    row = api_as(people.rep).get(f"/api/comments/{comment.pk}/").json()
    assert set(row) >= {"id", "challenge", "parent", "author", "body", "created", "edited_at", "removed", "depth"}
    assert (row["removed"], row["edited_at"], row["parent"]) == (False, None, None)


def test_a_parent_from_another_thread_is_a_400_on_parent(api_as, people, challenge):
    other = ChallengeFactory(assumption=challenge.assumption, author=people.peer_rep)
    elsewhere = CommentFactory(challenge=other, author=people.rep)
    response = post(api_as(people.rep), challenge, "Lost", parent=elsewhere.pk)
    assert response.status_code == 400
    assert list(response.json()) == ["parent"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": "x" * 4001}, "body"),
        ({"challenge": "abc"}, "challenge"),
        ({"challenge": 999999}, "challenge"),
        ({"parent": "abc"}, "parent"),
        ({"parent": 999999}, "parent"),
        ({"parent": [1]}, "parent"),
    ],
)
def test_bad_comments_are_a_400_naming_the_field(api_as, people, challenge, payload, field):
    body = {"challenge": challenge.pk, "body": "Hello", **payload}
    response = api_as(people.rep).post("/api/comments/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_a_missing_body_or_challenge_is_a_400(api_as, people, challenge):
    client = api_as(people.rep)
    assert "body" in client.post("/api/comments/", {"challenge": challenge.pk}, format="json").json()
    assert "challenge" in client.post("/api/comments/", {"body": "Hi"}, format="json").json()


@pytest.mark.parametrize("who", EVERYONE)
def test_anyone_signed_in_comments(api_as, people, challenge, who):
    response = post(api_as(getattr(people, who)), challenge, "My view")
    assert response.status_code == 201, response.content
    assert response.json()["author"] == getattr(people, who).pk


def test_anonymous_callers_are_refused(anonymous, comment, challenge):
    assert anonymous.get("/api/comments/").status_code == 401
    assert post(anonymous, challenge, "Hi").status_code == 401
    assert anonymous.delete(f"/api/comments/{comment.pk}/").status_code == 401


def test_a_closed_cycles_threads_are_read_only(api_as, people, challenge):
    cycle = challenge.assumption.cycle
    cycle.phase = Phase.CLOSED
    cycle.save()
    assert post(api_as(people.rep), challenge, "Too late").status_code == 409


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_author_edits_a_comment(api_as, people, comment, who):
    response = api_as(getattr(people, who)).patch(f"/api/comments/{comment.pk}/", {"body": "Edited"}, format="json")
    # Administrators remove comments but never put words in someone else's mouth.
    if who == "peer_rep":
        assert response.status_code == 200, response.content
        assert response.json()["body"] == "Edited"
        assert response.json()["edited_at"]
    else:
        assert response.status_code == 403
        comment.refresh_from_db()
        assert comment.body == "Same in my territory"


def test_an_edit_with_put_of_what_was_read_works(api_as, people, comment):
    client = api_as(people.peer_rep)
    data = client.get(f"/api/comments/{comment.pk}/").json()
    data["body"] = "Rewritten"
    response = client.put(f"/api/comments/{comment.pk}/", data, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["body"] == "Rewritten"


@pytest.mark.parametrize(
    ("payload", "field"), [({"body": ""}, "body"), ({}, "body"), ({"body": "x", "challenge": 0}, "challenge")]
)
def test_a_bad_edit_is_a_400(api_as, people, comment, payload, field):
    response = api_as(people.peer_rep).patch(f"/api/comments/{comment.pk}/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_reply_stays_where_it_was_posted(api_as, people, comment, challenge):
    reply = CommentFactory(challenge=challenge, parent=comment, author=people.rep)
    response = api_as(people.rep).patch(f"/api/comments/{reply.pk}/", {"body": "x", "parent": None}, format="json")
    assert response.status_code == 400
    assert "parent" in response.json()


@pytest.mark.parametrize("who", EVERYONE)
def test_the_author_and_staff_remove_a_comment_it_stays_in_the_thread(api_as, people, comment, challenge, who):
    reply = CommentFactory(challenge=challenge, parent=comment, author=people.rep, body="Agreed")
    response = api_as(getattr(people, who)).delete(f"/api/comments/{comment.pk}/")
    if who not in ("peer_rep", "staff"):
        assert response.status_code == 403
        return
    assert response.status_code == 204
    thread = api_as(people.rep).get(f"/api/comments/?challenge={challenge.pk}").json()["results"]
    assert [(row["id"], row["body"], row["removed"]) for row in thread] == [
        (comment.pk, "", True),
        (reply.pk, "Agreed", False),
    ]
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_removed_comment_cannot_be_edited(api_as, people, comment):
    client = api_as(people.peer_rep)
    assert client.delete(f"/api/comments/{comment.pk}/").status_code == 204
    assert client.patch(f"/api/comments/{comment.pk}/", {"body": "Back"}, format="json").status_code == 409
    assert client.delete(f"/api/comments/{comment.pk}/").status_code == 204  # removing twice changes nothing


def test_unknown_or_non_numeric_ids_are_404_and_bad_filters_400(api_as, people):
    client = api_as(people.rep)
    assert client.get("/api/comments/abc/").status_code == 404
    assert client.patch("/api/comments/999999/", {"body": "x"}, format="json").status_code == 404
    assert client.get("/api/comments/?challenge=abc").status_code == 400
    assert client.get("/api/comments/?challenge=999999").status_code == 400


def test_the_schema_documents_comments(anonymous):
    schema = anonymous.get("/api/schema/?format=json").json()
    assert {"/api/comments/", "/api/comments/{id}/"} <= set(schema["paths"])
    fields = schema["components"]["schemas"]["Comment"]["properties"]
    for name in ["author", "created", "edited_at", "removed", "depth"]:
        assert fields[name].get("readOnly") is True, name
    parameters = {item["name"] for item in schema["paths"]["/api/comments/"]["get"]["parameters"]}
    assert "challenge" in parameters
