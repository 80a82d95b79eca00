"""The API tokens page, linked from the header: make a token (key shown once), see expiry, revoke."""

import importlib

import pytest
from django.apps import apps
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import api_token_create, key_digest

pytestmark = pytest.mark.django_db

PAGE = "/account/api-tokens/"


def test_the_header_links_to_the_page(client, people):
    client.force_login(people.rep)

    assert f'href="{PAGE}"'.encode() in client.get("/").content


def test_the_page_lists_only_ones_own_tokens_with_their_expiry(client, people):
    api_token_create(person=people.rep, name="CRM sync")
    api_token_create(person=people.peer_rep, name="Pat's dashboard")
    client.force_login(people.rep)

    response = client.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "CRM sync" in html
    assert "Pat&#x27;s dashboard" not in html and "Pat's dashboard" not in html
    assert 'class="site-header"' in html  # the product's layout


def test_making_a_token_shows_its_key_once(client, people):
    client.force_login(people.rep)

    made = client.post(PAGE, {"action": "create", "name": "BI dashboard"})
    token = ApiToken.objects.get(person=people.rep)
    key = made.context["new_key"]

    assert token.key_digest == key_digest(key)
    assert key in made.content.decode()
    assert key not in client.get(PAGE).content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/people/me/").status_code == 200


def test_a_name_that_is_too_long_is_a_form_error(client, people):
    client.force_login(people.rep)

    response = client.post(PAGE, {"action": "create", "name": "x" * 81})

    assert response.status_code == 200
    assert "at most 80 characters" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_a_token_from_the_page(client, people):
    token, _ = api_token_create(person=people.rep)
    client.force_login(people.rep)

    response = client.post(PAGE, {"action": "revoke", "token": token.pk}, follow=True)

    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert "is revoked" in response.content.decode()


def test_someone_elses_token_cannot_be_revoked_from_the_page(client, people):
    token, _ = api_token_create(person=people.peer_rep)
    client.force_login(people.rep)

    response = client.post(PAGE, {"action": "revoke", "token": token.pk}, follow=True)

    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert "not there any more" in response.content.decode()


def test_revoke_all(client, people):
    api_token_create(person=people.rep)
    api_token_create(person=people.rep)
    kept, _ = api_token_create(person=people.peer_rep)
    client.force_login(people.rep)

    client.post(PAGE, {"action": "revoke_all"})

    assert list(ApiToken.objects.all()) == [kept]


def test_a_bad_token_id_changes_nothing(client, people):
    api_token_create(person=people.rep)
    client.force_login(people.rep)

    response = client.post(PAGE, {"action": "revoke", "token": "1e3"}, follow=True)

    assert response.status_code == 200
    assert ApiToken.objects.count() == 1


def test_the_page_needs_a_signed_in_person(client):
    assert client.get(PAGE)["Location"].startswith("/accounts/login/")


def test_tokens_made_before_expiry_keep_working_after_the_upgrade(people, settings):
    settings.API_TOKEN_DAYS = 90
    old = Token.objects.create(user=people.rep)
    migration = importlib.import_module("accounts.migrations.0004_api_tokens")

    migration.carry_over_drf_tokens(apps, None)

    assert not Token.objects.exists()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {old.key}")
    assert api.get("/api/people/me/").json()["username"] == "rep"
    assert ApiToken.objects.get().key_prefix == old.key[:8]
