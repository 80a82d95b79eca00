"""A sign-in does one password check and a handful of queries, and nothing else on the way (bench/RESULTS.md)."""

import importlib

import pytest
from django.contrib.auth import hashers
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password

pytestmark = pytest.mark.django_db

# The person; a new session key checked and inserted; last_login; the session's data saved. Inside a test's
# transaction the two session writes each come between a savepoint and its release: 5 statements + 4.
SIGN_IN_QUERIES = 9


def test_a_sign_in_costs_a_fixed_number_of_queries(client, people, django_assert_max_num_queries):
    client.get("/accounts/login/")
    with django_assert_max_num_queries(SIGN_IN_QUERIES):
        response = client.post("/accounts/login/", {"username": "rep", "password": "password"})
    assert response.status_code == 302


def test_a_sign_in_checks_the_password_once(client, people, monkeypatch):
    calls = []

    def counted(*args, **kwargs):
        calls.append(args)
        return check_password(*args, **kwargs)

    monkeypatch.setattr("django.contrib.auth.base_user.check_password", counted)
    client.post("/accounts/login/", {"username": "rep", "password": "password"})
    assert len(calls) == 1


def test_passwords_are_hashed_with_argon2_and_pbkdf2_hashes_still_sign_in(people, settings):
    configured = importlib.import_module("config.settings").PASSWORD_HASHERS
    assert configured[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = configured
    hashers.get_hashers.cache_clear()
    try:
        assert make_password("s3cret-enough").startswith("argon2$argon2id$")
        people.rep.password = PBKDF2PasswordHasher().encode("s3cret-enough", "saltsaltsalt")
        people.rep.save()
        assert people.rep.check_password("s3cret-enough")  # accepted, and upgraded to argon2
        people.rep.refresh_from_db()
        assert people.rep.password.startswith("argon2$")
    finally:
        hashers.get_hashers.cache_clear()
