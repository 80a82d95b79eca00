"""The token endpoint slows password guessing: a throttle per address and the sign-in lockout, as 429 JSON."""

import os
import subprocess
import sys

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"


def ask(client, username, password, address="198.51.100.1"):
    return client.post(TOKEN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=address)


def test_a_wrong_password_is_a_400_as_before(people):
    response = ask(APIClient(), "rep", "wrong")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_a_missing_field_is_a_400_naming_it(people):
    response = APIClient().post(TOKEN_URL, {"username": "rep"}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()


def test_a_locked_account_gets_429_with_a_detail_and_retry_after(people, settings):
    settings.SIGNIN_LOCKOUT_FAILURES = 5
    settings.SIGNIN_LOCKOUT_MINUTES = 15
    client = APIClient()
    for _ in range(5):
        assert ask(client, "rep", "wrong").status_code == 400

    response = ask(client, "rep", "password")

    assert response.status_code == 429
    assert "Too many failed sign-ins for this account" in response.json()["detail"]
    assert response["Retry-After"] == str(15 * 60)
    assert "token" not in response.json()


def test_the_form_and_the_token_endpoint_share_one_count(client, people, settings):
    settings.SIGNIN_LOCKOUT_FAILURES = 4
    for _ in range(2):
        client.post("/accounts/login/", {"username": "rep", "password": "wrong"})
        ask(APIClient(), "rep", "wrong")

    assert ask(APIClient(), "rep", "password").status_code == 429


def test_requests_beyond_the_token_rate_get_429_per_address(people, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": None, "token": "3/minute"}}
    client = APIClient()
    for _ in range(3):
        assert ask(client, "peer_rep", "password", address="203.0.113.5").status_code == 200

    throttled = ask(client, "peer_rep", "password", address="203.0.113.5")
    other_address = ask(client, "peer_rep", "password", address="203.0.113.6")

    assert throttled.status_code == 429
    assert "throttled" in throttled.json()["detail"].lower()
    assert int(throttled["Retry-After"]) > 0
    assert other_address.status_code == 200


def test_eighty_wrong_passwords_are_slowed_and_never_a_500(people):
    client = APIClient()
    statuses = [ask(client, "rep", f"guess-{n}").status_code for n in range(80)]

    assert set(statuses) <= {400, 429}
    assert statuses.count(400) == 5  # the lockout stops the guesses after five
    assert ask(client, "rep", "password").status_code == 429


def test_the_rates_come_from_the_environment():
    probe = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'])"
    )
    env = {"API_TOKEN_THROTTLE_RATE": "7/minute", "API_THROTTLE_RATE": "100/hour"}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "{'api': '100/hour', 'token': '7/minute'}"
