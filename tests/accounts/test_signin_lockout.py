"""Repeated wrong passwords pause sign-in for that account (and that address), with a clear message."""

import pytest
from django.core.cache import caches
from django.test import Client

pytestmark = pytest.mark.django_db

LOCKED = b"Too many failed sign-ins"


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, people, settings):
    settings.SIGNIN_LOCKOUT_FAILURES = 5
    for _ in range(4):
        assert LOCKED not in sign_in(client, "rep", "wrong").content
    sign_in(client, "rep", "wrong")

    response = sign_in(client, "rep", "password")

    assert response.status_code == 200
    assert LOCKED in response.content
    assert b"for this account" in response.content
    assert "_auth_user_id" not in client.session


def test_a_locked_account_is_refused_from_every_address_and_other_accounts_are_not(client, people, settings):
    settings.SIGNIN_LOCKOUT_FAILURES = 3
    for _ in range(3):
        sign_in(client, "rep", "wrong", address="10.0.0.1")

    assert LOCKED in sign_in(Client(), "rep", "password", address="10.9.9.9").content
    assert sign_in(Client(), "peer_rep", "password", address="10.0.0.1").status_code == 302


def test_the_lockout_ends_when_its_minutes_have_passed(client, people, settings, clock):
    settings.SIGNIN_LOCKOUT_FAILURES = 3
    settings.SIGNIN_LOCKOUT_MINUTES = 15
    for _ in range(3):
        sign_in(client, "rep", "wrong")
    clock.shift(15 * 60 + 1)

    assert sign_in(client, "rep", "password").status_code == 302


def test_many_accounts_tried_from_one_address_lock_that_address(people, settings):
    settings.SIGNIN_LOCKOUT_ADDRESS_FAILURES = 6
    for username in ["rep", "peer_rep", "manager", "ceo", "cro", "other_rep"]:
        sign_in(Client(), username, "wrong", address="192.0.2.7")

    refused = sign_in(Client(), "staff", "password", address="192.0.2.7")
    elsewhere = sign_in(Client(), "staff", "password", address="192.0.2.8")

    assert LOCKED in refused.content
    assert b"from your network address" in refused.content
    assert elsewhere.status_code == 302


def test_a_right_password_clears_the_accounts_count(client, people, settings):
    settings.SIGNIN_LOCKOUT_FAILURES = 3
    sign_in(client, "rep", "wrong")
    sign_in(client, "rep", "wrong")
    assert sign_in(client, "rep", "password").status_code == 302
    client.logout()

    sign_in(client, "rep", "wrong")
    sign_in(client, "rep", "wrong")

    assert sign_in(client, "rep", "password").status_code == 302


def test_the_admin_sign_in_is_locked_out_too(client, people, settings):
    settings.SIGNIN_LOCKOUT_FAILURES = 3
    for _ in range(3):
        client.post("/admin/login/", {"username": "staff", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")

    response = client.post(
        "/admin/login/?next=/admin/", {"username": "staff", "password": "password"}, REMOTE_ADDR="10.0.0.1"
    )

    assert response.status_code == 200
    assert LOCKED in response.content


def test_eighty_wrong_passwords_are_refused_without_an_error_page(client, people):
    statuses = {sign_in(client, "rep", f"guess-{n}").status_code for n in range(80)}

    assert statuses == {200}
    assert LOCKED in sign_in(client, "rep", "password").content


def test_sign_in_still_works_when_the_cache_is_down(client, people, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis is down")

    cache = caches["default"]
    for method in ("get_many", "add", "incr", "set", "delete"):
        monkeypatch.setattr(cache, method, unreachable)

    assert b"Please enter a correct username" in sign_in(client, "rep", "wrong").content
    assert sign_in(client, "rep", "password").status_code == 302
