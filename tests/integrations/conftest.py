"""Fixtures for metric feeds: a webhook feed on a rep's goal, and a signed push."""

import json

import pytest

from integrations.signing import signature
from tests.api.conftest import anonymous, api_as
from tests.clock import TEST_NOW
from tests.factories import MetricFeedFactory

__all__ = ["anonymous", "api_as"]

SECRET = "cwh_test-secret"


@pytest.fixture
def webhook_feed(cascade):
    """A signed webhook feed on Riley's ARR goal, set up by Riley."""
    return MetricFeedFactory(goal=cascade.rep, name="Closed-won bookings", webhook_secret=SECRET)


def signed_headers(body: bytes, *, secret: str = SECRET, timestamp: int | None = None) -> dict:
    timestamp = int(TEST_NOW.timestamp()) if timestamp is None else timestamp
    return {
        "HTTP_X_CASCADE_TIMESTAMP": str(timestamp),
        "HTTP_X_CASCADE_SIGNATURE": signature(secret, timestamp, body),
    }


@pytest.fixture
def push(client):
    """``push(feed, payload)`` posts a signed push to the feed's webhook the way a sender would."""

    def send(feed, payload, *, secret: str = SECRET, timestamp: int | None = None, raw: bytes | None = None, **extra):
        body = raw if raw is not None else json.dumps(payload).encode()
        headers = signed_headers(body, secret=secret, timestamp=timestamp) | extra
        return client.post(f"/api/feeds/{feed.pk}/webhook/", data=body, content_type="application/json", **headers)

    return send


@pytest.fixture
def fake_salesforce(monkeypatch, settings):
    """A Salesforce instance on a local HTTPS port, trusted by requests for the test."""
    from tests.fakes.server import FakeApi

    api = FakeApi(https=True).start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", api.ca_file)
    settings.SALESFORCE_API_VERSION = "62.0"
    yield api
    api.stop()


@pytest.fixture
def fake_hubspot():
    from tests.fakes.server import FakeApi

    api = FakeApi().start()
    yield api
    api.stop()
