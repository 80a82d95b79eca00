"""People sign in with their username and password; wrong passwords get a clear message."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_renders(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b"Sign in to Cascade" in response.content


def test_a_wrong_password_is_refused_with_a_message(client, people):
    response = client.post("/accounts/login/", {"username": "rep", "password": "wrong"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content


def test_a_right_password_signs_in(client, people):
    response = client.post("/accounts/login/", {"username": "rep", "password": "password"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people.rep.pk)
