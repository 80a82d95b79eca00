"""Integrators exchange a username and password for a token and send it on every request."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_right_password_gets_a_token(anonymous, people):
    response = anonymous.post("/api/auth/token/", {"username": "rep", "password": "password"}, format="json")
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


def test_asking_twice_gives_two_tokens_that_both_work(anonymous, people):
    # Keys are stored only as digests since tokens expire (docs/api.md, "Token lifecycle"), so an
    # existing key cannot be handed out again: each call makes a new one.
    first = anonymous.post("/api/auth/token/", {"username": "rep", "password": "password"}, format="json")
    second = anonymous.post("/api/auth/token/", {"username": "rep", "password": "password"}, format="json")
    assert first.json()["token"] != second.json()["token"]
    for body in (first.json(), second.json()):
        anonymous.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
        assert anonymous.get("/api/people/me/").json()["username"] == "rep"


def test_a_wrong_password_gets_400_and_no_token(anonymous, people):
    response = anonymous.post("/api/auth/token/", {"username": "rep", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_a_missing_password_is_named_as_the_field(anonymous, people):
    response = anonymous.post("/api/auth/token/", {"username": "rep"}, format="json")
    assert response.status_code == 400
    assert response.json()["password"] == ["This field is required."]


def test_an_inactive_person_gets_no_token(anonymous, people):
    people.rep.is_active = False
    people.rep.save()
    response = anonymous.post("/api/auth/token/", {"username": "rep", "password": "password"}, format="json")
    assert response.status_code == 400


def test_a_form_encoded_request_works_too(anonymous, people):
    response = anonymous.post("/api/auth/token/", {"username": "rep", "password": "password"})
    assert response.status_code == 200
