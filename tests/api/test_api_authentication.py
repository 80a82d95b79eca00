"""Anonymous callers get 401 everywhere; tokens and browser sessions both sign API calls."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PROTECTED = [
    ("get", "/api/people/"),
    ("get", "/api/people/me/"),
    ("get", "/api/people/1/"),
    ("get", "/api/people/1/chain/"),
    ("post", "/api/people/"),
    ("post", "/api/people/import/"),
    ("get", "/api/cycles/"),
    ("get", "/api/cycles/1/"),
    ("post", "/api/cycles/1/phase/"),
    ("get", "/api/cycles/1/export/"),
    ("get", "/api/goals/"),
    ("post", "/api/goals/"),
    ("get", "/api/goals/1/"),
    ("patch", "/api/goals/1/"),
    ("delete", "/api/goals/1/"),
    ("get", "/api/goals/1/subtree/"),
    ("get", "/api/goals/1/path/"),
    ("post", "/api/goals/1/move/"),
    ("post", "/api/goals/1/submit/"),
    ("post", "/api/goals/1/approve/"),
    ("post", "/api/goals/1/return/"),
    ("post", "/api/goals/1/allocate/"),
    ("post", "/api/goals/1/carry-over/"),
    ("post", "/api/goals/import/"),
    ("get", "/api/goals/1/checkins/"),
    ("post", "/api/goals/1/checkins/"),
    ("get", "/api/flags/"),
]


@pytest.mark.parametrize(("method", "url"), PROTECTED)
def test_anonymous_callers_get_401(anonymous, cascade, method, url):
    response = getattr(anonymous, method)(url, {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "results" not in response.json()


def token_for(username: str) -> str:
    return APIClient().post("/api/auth/token/", {"username": username, "password": "password"}).json()["token"]


def test_a_token_signs_requests(people, cascade):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for('rep')}")
    assert client.get("/api/people/me/").json()["username"] == "rep"
    response = client.post(f"/api/goals/{cascade.rep.pk}/checkins/", {"value": "5"}, format="json")
    assert response.status_code == 201


def test_a_wrong_token_is_401(people):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert client.get("/api/goals/").status_code == 401


def test_a_browser_session_reads_the_api(people, cascade):
    browser = Client()
    browser.login(username="rep", password="password")
    assert browser.get("/api/goals/", HTTP_ACCEPT="application/json").json()["count"] == 5


def test_a_browser_session_needs_the_csrf_token_to_write(people, cascade):
    browser = Client(enforce_csrf_checks=True)
    browser.login(username="rep", password="password")
    response = browser.post(f"/api/goals/{cascade.rep.pk}/checkins/", {"value": "5"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_the_browsable_api_renders_for_a_signed_in_person(people, cascade):
    browser = Client()
    browser.login(username="rep", password="password")
    response = browser.get("/api/goals/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"Riley new ARR" in response.content
