"""People over the API: everyone signed in reads the organisation, admins add and change people."""

import pytest

from accounts.models import Person
from core.tree_integrity import tree_problems

pytestmark = pytest.mark.django_db


def test_anyone_signed_in_lists_people_with_their_managers(api_as, people):
    response = api_as(people.rep).get("/api/people/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 8
    rep = next(person for person in body["results"] if person["username"] == "rep")
    assert rep["manager"] == people.manager.pk
    assert rep["full_name"] == "Riley Rep"
    assert "password" not in rep


def test_people_filter_by_role_and_manager(api_as, people):
    client = api_as(people.rep)
    reps = client.get("/api/people/?role=rep").json()["results"]
    assert {person["username"] for person in reps} == {"rep", "peer_rep", "other_rep"}
    team = client.get(f"/api/people/?manager={people.manager.pk}").json()["results"]
    assert {person["username"] for person in team} == {"rep", "peer_rep"}
    tops = client.get("/api/people/?manager=null").json()["results"]
    assert {person["username"] for person in tops} == {"ceo", "staff"}


def test_an_unknown_role_filter_is_400_naming_the_filter(api_as, people):
    response = api_as(people.rep).get("/api/people/?role=king")
    assert response.status_code == 400
    assert "role" in response.json()


def test_me_is_the_caller(api_as, people):
    response = api_as(people.peer_rep).get("/api/people/me/")
    assert response.json()["username"] == "peer_rep"


def test_chain_lists_managers_upward(api_as, people):
    response = api_as(people.other_rep).get(f"/api/people/{people.rep.pk}/chain/")
    assert [person["username"] for person in response.json()] == ["manager", "cro", "ceo"]


def test_an_unknown_person_is_404(api_as, people):
    assert api_as(people.rep).get("/api/people/999999/").status_code == 404
    assert api_as(people.rep).get("/api/people/999999/chain/").status_code == 404


def test_staff_add_a_person_who_can_then_get_a_token(api_as, anonymous, people):
    response = api_as(people.staff).post(
        "/api/people/",
        {
            "username": "newrep",
            "full_name": "Nova Rep",
            "email": "nova@example.com",
            "role": "rep",
            "manager": people.manager.pk,
            "region": "West",
            "password": "a-long-sales-password",
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["first_name"] == "Nova" and response.json()["last_name"] == "Rep"
    assert Person.objects.get(username="newrep").manager == people.manager
    token = anonymous.post("/api/auth/token/", {"username": "newrep", "password": "a-long-sales-password"})
    assert token.status_code == 200
    assert tree_problems(Person) == []


@pytest.mark.parametrize("who", ["ceo", "manager", "rep"])
def test_people_who_are_not_staff_cannot_add_people(api_as, people, who):
    response = api_as(getattr(people, who)).post("/api/people/", {"username": "sneaky", "role": "rep"})
    assert response.status_code == 403
    assert response.json() == {"detail": "Only admins add and change people."}
    assert not Person.objects.filter(username="sneaky").exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "rep"}, "username"),
        ({"username": "x", "manager": "rep-id"}, "manager"),
        ({"username": "x", "role": "king"}, "role"),
        ({"username": "x", "email": "not-an-email"}, "email"),
        ({"username": "x", "password": "123"}, "password"),
        ({"username": "x", "manager": 999999}, "manager"),
    ],
)
def test_bad_people_are_refused_naming_the_field(api_as, people, payload, field):
    response = api_as(people.staff).post("/api/people/", payload)
    assert response.status_code == 400
    assert field in response.json()


def test_a_rep_cannot_manage_anyone(api_as, people):
    response = api_as(people.staff).post("/api/people/", {"username": "x", "manager": people.rep.pk})
    assert response.status_code == 400
    assert response.json()["manager"] == ["Riley Rep is not a manager or an executive, so cannot manage anyone."]


def test_staff_move_a_person_under_another_manager(api_as, people):
    response = api_as(people.staff).patch(f"/api/people/{people.rep.pk}/", {"manager": people.other_manager.pk})
    assert response.status_code == 200
    people.rep.refresh_from_db()
    assert people.rep.manager == people.other_manager
    assert tree_problems(Person) == []


def test_a_management_loop_is_refused(api_as, people):
    response = api_as(people.staff).patch(f"/api/people/{people.cro.pk}/", {"manager": people.manager.pk})
    assert response.status_code == 400
    assert "loop" in response.json()["manager"][0]


def test_a_manager_cannot_change_their_reports(api_as, people):
    response = api_as(people.manager).patch(f"/api/people/{people.rep.pk}/", {"region": "East"})
    assert response.status_code == 403
    people.rep.refresh_from_db()
    assert people.rep.region == "West"


def test_high_performer_is_read_only(api_as, people):
    response = api_as(people.staff).patch(f"/api/people/{people.rep.pk}/", {"is_high_performer": True})
    assert response.status_code == 200
    people.rep.refresh_from_db()
    assert people.rep.is_high_performer is False


def test_people_cannot_be_deleted_over_the_api(api_as, people):
    assert api_as(people.staff).delete(f"/api/people/{people.rep.pk}/").status_code == 405
