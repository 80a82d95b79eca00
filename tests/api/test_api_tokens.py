"""API tokens expire, end when the password changes, and their owner lists and revokes them (API and page)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import person_update
from accounts.tokens import MAX_TOKENS_PER_PERSON, api_token_create, key_digest

pytestmark = pytest.mark.django_db


def token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def obtain(username="rep", password="password") -> dict:
    response = APIClient().post("/api/auth/token/", {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_token_endpoint_answers_as_before_plus_its_expiry(people, settings):
    settings.API_TOKEN_DAYS = 30
    body = obtain()

    assert len(body["token"]) == 40
    assert body["expires"].startswith((timezone.now() + timedelta(days=30)).date().isoformat())
    assert token_client(body["token"]).get("/api/people/me/").json()["username"] == "rep"


def test_only_a_digest_of_the_key_is_stored(people):
    key = obtain()["token"]

    stored = ApiToken.objects.get(person=people.rep)
    assert stored.key_digest == key_digest(key)
    assert key not in {stored.key_digest, stored.key_prefix, stored.name}


def test_a_token_stops_working_when_it_expires(people, settings, clock):
    settings.API_TOKEN_DAYS = 90
    key = obtain()["token"]
    clock.shift(timedelta(days=89, hours=23))
    assert token_client(key).get("/api/people/me/").status_code == 200

    clock.shift(timedelta(hours=2))
    response = token_client(key).get("/api/people/me/")

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert "POST /api/auth/token/" in response.json()["detail"]


def test_changing_the_password_revokes_every_token(people):
    first, second = obtain()["token"], obtain()["token"]
    other = obtain("peer_rep")["token"]

    person_update(person=people.rep, password="a-new-Passw0rd-for-riley")

    assert token_client(first).get("/api/people/me/").status_code == 401
    assert token_client(second).get("/api/people/me/").status_code == 401
    assert token_client(other).get("/api/people/me/").status_code == 200


def test_the_password_change_page_revokes_tokens_too(client, people):
    key = obtain()["token"]
    client.force_login(people.rep)

    response = client.post(
        "/accounts/password_change/",
        {"old_password": "password", "new_password1": "Br4nd-new-secret!", "new_password2": "Br4nd-new-secret!"},
    )

    assert response.status_code == 302
    assert token_client(key).get("/api/people/me/").status_code == 401


def test_saving_a_person_without_a_new_password_keeps_their_tokens(people):
    key = obtain()["token"]

    person_update(person=people.rep, job_title="Senior account executive")

    assert token_client(key).get("/api/people/me/").status_code == 200


def test_a_person_lists_their_own_tokens_without_keys(people):
    key = obtain()["token"]
    obtain()
    obtain("peer_rep")

    response = token_client(key).get("/api/auth/tokens/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 2
    assert {"id", "name", "key_prefix", "created", "expires", "last_used", "is_current"} == set(results[0])
    assert [row["is_current"] for row in results].count(True) == 1
    assert all("token" not in row for row in results)


def test_a_person_makes_and_revokes_a_token_through_the_api(api_as, people):
    rep = api_as(people.rep)

    made = rep.post("/api/auth/tokens/", {"name": "CRM sync"}, format="json")
    assert made.status_code == 201
    assert made.json()["name"] == "CRM sync"
    key = made.json()["token"]
    assert token_client(key).get("/api/people/me/").status_code == 200

    assert rep.delete(f"/api/auth/tokens/{made.json()['id']}/").status_code == 204
    assert token_client(key).get("/api/people/me/").status_code == 401


def test_nobody_sees_or_revokes_someone_elses_token_not_even_an_admin(api_as, people):
    token, key = api_token_create(person=people.rep, name="mine")

    for person in (people.peer_rep, people.manager, people.staff):
        assert api_as(person).get(f"/api/auth/tokens/{token.pk}/").status_code == 404
        assert api_as(person).delete(f"/api/auth/tokens/{token.pk}/").status_code == 404
    assert token_client(key).get("/api/people/me/").status_code == 200


def test_the_token_list_needs_a_signed_in_caller(people):
    assert APIClient().get("/api/auth/tokens/").status_code == 401


def test_the_oldest_tokens_go_when_a_person_has_too_many(people, clock):
    first, _ = api_token_create(person=people.rep)
    for _ in range(MAX_TOKENS_PER_PERSON):
        clock.shift(1)
        api_token_create(person=people.rep)

    assert ApiToken.objects.filter(person=people.rep).count() == MAX_TOKENS_PER_PERSON
    assert not ApiToken.objects.filter(pk=first.pk).exists()


def test_last_used_is_recorded_at_most_once_a_minute(people, clock):
    _, key = api_token_create(person=people.rep)
    client = token_client(key)
    client.get("/api/people/me/")
    first_use = ApiToken.objects.get(person=people.rep).last_used
    clock.shift(30)
    client.get("/api/people/me/")

    assert first_use == timezone.now() - timedelta(seconds=30)
    assert ApiToken.objects.get(person=people.rep).last_used == first_use


def test_an_inactive_persons_token_is_refused(people):
    _, key = api_token_create(person=people.rep)
    person_update(person=people.rep, is_active=False)

    assert token_client(key).get("/api/people/me/").status_code == 401
