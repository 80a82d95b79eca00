"""A private goal never leaks through the API to anyone outside its owner's chain.

Not its title, numbers, external key or id: not in a list, search, filter, count, subtree,
path, check-in list, flag list, export or roll-up. Its owner, their managers and staff see it.
"""

import csv
import io

import pytest

from goals.models import Goal
from tests.factories import AlignmentFlagFactory, CheckInFactory, GoalFactory

pytestmark = pytest.mark.django_db

SECRETS = ["Secret whale deal", "777777", "SECRET-KEY", "Whale notes"]
OUTSIDERS = ["peer_rep", "other_manager", "other_rep"]
INSIDERS = ["rep", "manager", "cro", "ceo", "staff"]


@pytest.fixture
def secret(people, cascade, cycle):
    """Riley's private goal under their company goal, with a company goal of their own under it."""
    private = GoalFactory(
        cycle=cycle,
        owner=people.rep,
        parent=cascade.rep,
        title="Secret whale deal",
        description="Whale notes",
        target=777777,
        current=700000,
        visibility="private",
        external_key="SECRET-KEY",
    )
    public_child = GoalFactory(cycle=cycle, owner=people.rep, parent=private, title="Public follow-up", target=10)
    AlignmentFlagFactory(goal=private, message="Secret whale deal has no check-in")
    CheckInFactory(goal=private, value=700000, note="Whale notes")
    return private, public_child


def assert_no_secret(response, private_id=None):
    text = response.content.decode()
    for secret_text in SECRETS:
        assert secret_text not in text, (response.request["PATH_INFO"], secret_text)
    if private_id is not None and response["Content-Type"].startswith("application/json"):
        assert f'"id":{private_id},' not in text.replace(" ", "")
        assert f'"parent":{private_id},' not in text.replace(" ", "")


@pytest.mark.parametrize("who", OUTSIDERS)
def test_lists_searches_filters_and_counts_leak_nothing(api_as, people, cascade, cycle, secret, who):
    private, _public_child = secret
    client = api_as(getattr(people, who))
    everything = client.get("/api/goals/?page_size=500")
    assert everything.json()["count"] == 6  # the cascade and the public follow-up
    for query in [
        "?page_size=500",
        "?search=Secret",
        "?search=whale",
        "?search=SECRET-KEY",
        f"?owner={people.rep.pk}",
        f"?cycle={cycle.pk}",
        "?visibility=private",
        "?flag=orphan",
        "?ordering=-target",
        f"?parent={cascade.rep.pk}",
    ]:
        response = client.get(f"/api/goals/{query}")
        assert response.status_code == 200
        assert_no_secret(response, private.pk)
    assert client.get("/api/goals/?visibility=private").json()["count"] == 0
    assert client.get(f"/api/goals/?parent={cascade.rep.pk}").json()["count"] == 0
    assert client.get(f"/api/goals/?parent={private.pk}").status_code == 400  # as for an id that does not exist


@pytest.mark.parametrize("who", OUTSIDERS)
def test_the_private_goal_itself_is_not_found(api_as, people, secret, who):
    private, _ = secret
    client = api_as(getattr(people, who))
    for url in ["", "subtree/", "path/", "checkins/"]:
        response = client.get(f"/api/goals/{private.pk}/{url}")
        assert response.status_code == 404, url
        assert_no_secret(response)
    for verb, body in [("submit/", {}), ("move/", {"parent": None}), ("checkins/", {"value": "1"})]:
        assert client.post(f"/api/goals/{private.pk}/{verb}", body).status_code == 404
    assert client.patch(f"/api/goals/{private.pk}/", {"title": "x"}).status_code == 404
    assert client.delete(f"/api/goals/{private.pk}/").status_code == 404


@pytest.mark.parametrize("who", OUTSIDERS)
def test_trees_and_paths_hide_the_private_goal(api_as, people, cascade, secret, who):
    private, public_child = secret
    client = api_as(getattr(people, who))
    subtree = client.get(f"/api/goals/{cascade.objective.pk}/subtree/")
    assert_no_secret(subtree, private.pk)
    assert "Public follow-up" not in subtree.content.decode()  # its place in the tree would show the secret one

    child = client.get(f"/api/goals/{public_child.pk}/").json()
    assert (child["parent"], child["parent_is_hidden"]) == (None, True)

    path = client.get(f"/api/goals/{public_child.pk}/path/")
    assert_no_secret(path, private.pk)
    assert path.json()[-2] == {"is_hidden": True, "tier": "rep", "level": 4}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_flags_and_exports_leak_nothing(api_as, people, cycle, secret, who):
    private, _public_child = secret
    client = api_as(getattr(people, who))
    flags = client.get("/api/flags/?page_size=500")
    assert flags.json()["count"] == 0
    assert_no_secret(flags, private.pk)
    assert client.get(f"/api/flags/?goal={private.pk}").status_code == 400
    assert client.get(f"/api/flags/?owner={people.rep.pk}").json()["count"] == 0

    exported = client.get(f"/api/cycles/{cycle.pk}/export/?format=json")
    assert_no_secret(exported, private.pk)
    row = next(goal for goal in exported.json()["goals"] if goal["title"] == "Public follow-up")
    assert (row["parent"], row["parent_external_key"]) == (None, "")
    as_csv = client.get(f"/api/cycles/{cycle.pk}/export/?format=csv")
    assert_no_secret(as_csv)
    assert str(private.pk) not in [row["id"] for row in csv.DictReader(io.StringIO(as_csv.content.decode()))]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_roll_ups_do_not_count_the_private_goal(api_as, people, cascade, secret, who):
    body = api_as(getattr(people, who)).get(f"/api/goals/{cascade.rep.pk}/").json()
    assert body["rolled_up_progress"] == 0.0  # the private goal is at 90% but does not count


@pytest.mark.parametrize("who", INSIDERS)
def test_the_owner_their_chain_and_staff_see_it(api_as, people, secret, who):
    private, _ = secret
    client = api_as(getattr(people, who))
    assert client.get(f"/api/goals/{private.pk}/").json()["title"] == "Secret whale deal"
    assert client.get("/api/goals/?search=whale").json()["count"] == 1
    assert client.get(f"/api/flags/?goal={private.pk}").json()["count"] == 1
    assert client.get(f"/api/goals/{private.pk}/checkins/").json()["count"] == 1


def test_an_insider_editing_a_goal_under_a_hidden_parent_keeps_the_link(api_as, people, cascade, secret):
    private, public_child = secret
    Goal.objects.filter(pk=public_child.pk).update(status="draft")
    Goal.objects.filter(pk=private.pk).update(owner=people.manager, tier="manager")
    client = api_as(people.rep)  # now the private parent belongs to Riley's manager: out of Riley's sight
    body = client.get(f"/api/goals/{public_child.pk}/").json()
    assert body["parent_is_hidden"] is True
    response = client.put(f"/api/goals/{public_child.pk}/", {**body, "title": "Public follow-up, renamed"})
    assert response.status_code == 200, response.json()
    public_child.refresh_from_db()
    assert public_child.parent_id == private.pk
