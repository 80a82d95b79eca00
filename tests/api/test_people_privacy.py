"""A person's email and staff flag show to themself, the managers above them and admins; to others null."""

import pytest

pytestmark = pytest.mark.django_db


def person_as_seen_by(api_as, viewer, person) -> dict:
    response = api_as(viewer).get(f"/api/people/{person.pk}/")
    assert response.status_code == 200
    return response.json()


def test_a_rep_sees_their_own_email_and_staff_flag(api_as, people):
    me = api_as(people.rep).get("/api/people/me/").json()

    assert me["email"] == people.rep.email
    assert me["is_staff"] is False


@pytest.mark.parametrize("viewer", ["manager", "cro", "ceo", "staff"])
def test_the_chain_above_and_admins_see_them(api_as, people, viewer):
    seen = person_as_seen_by(api_as, getattr(people, viewer), people.rep)

    assert seen["email"] == people.rep.email
    assert seen["is_staff"] is False


@pytest.mark.parametrize("viewer", ["peer_rep", "other_manager", "other_rep"])
def test_peers_and_other_teams_get_null(api_as, people, viewer):
    seen = person_as_seen_by(api_as, getattr(people, viewer), people.rep)

    assert seen["email"] is None
    assert seen["is_staff"] is None
    assert seen["username"] == "rep"  # the rest of the person stays public


def test_a_rep_does_not_see_their_managers_email_in_their_chain(api_as, people):
    chain = api_as(people.rep).get(f"/api/people/{people.rep.pk}/chain/").json()

    assert [person["username"] for person in chain] == ["manager", "cro", "ceo"]
    assert {person["email"] for person in chain} == {None}


def test_the_list_hides_emails_per_row_without_extra_queries(api_as, people, django_assert_max_num_queries):
    client = api_as(people.manager)
    client.get("/api/people/")  # session and caches warm

    with django_assert_max_num_queries(6):
        rows = client.get("/api/people/?page_size=500").json()["results"]

    shown = {row["username"] for row in rows if row["email"] is not None}
    assert shown == {"manager", "rep", "peer_rep"}
    assert all(row["is_staff"] is None for row in rows if row["username"] == "staff")


def test_searching_by_email_finds_nothing_for_those_who_may_not_read_emails(api_as, people):
    people.other_rep.email = "olive.private@example.com"
    people.other_rep.save()

    rep_search = api_as(people.rep).get("/api/people/?search=olive.private").json()
    staff_search = api_as(people.staff).get("/api/people/?search=olive.private").json()

    assert rep_search["count"] == 0
    assert [row["username"] for row in staff_search["results"]] == ["other_rep"]


def test_admins_still_set_email_and_staff_through_the_api(api_as, people):
    response = api_as(people.staff).patch(
        f"/api/people/{people.peer_rep.pk}/", {"email": "pat@example.com", "is_staff": True}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["email"] == "pat@example.com"
    assert response.json()["is_staff"] is True
