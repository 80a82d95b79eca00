"""A Redis outage makes the cache miss: pages and sign-in go on, and only the first call waits for Redis."""

import time

import pytest
from django.core.cache import cache

from core import cache as forgiving

pytestmark = pytest.mark.django_db

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings, monkeypatch):
    monkeypatch.setattr(forgiving.redis_pause, "until", 0.0)
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": UNREACHABLE,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_reads_miss_and_writes_are_dropped(redis_down):
    assert cache.get("goals:version", "missing") == "missing"
    cache.set("key", 1)
    assert cache.add("key", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("key") is False
    with pytest.raises(ValueError):
        cache.incr("goals:version")
    assert forgiving.redis_is_resting()


def test_after_one_failure_the_cache_leaves_redis_alone(redis_down, monkeypatch):
    cache.get("first")
    calls = []
    monkeypatch.setattr(forgiving.RedisCacheClient, "get", lambda *args: calls.append(args))
    assert cache.get("second") is None
    assert calls == []


def test_the_cache_tries_redis_again_once_it_has_rested(redis_down, monkeypatch):
    cache.get("first")
    monkeypatch.setattr(forgiving.redis_pause, "until", time.monotonic() - 1)
    assert cache.get("again", "missing") == "missing"
    assert forgiving.redis_is_resting()


def test_people_sign_in_and_read_pages_while_redis_is_down(redis_down, client, people, cycle):
    response = client.post("/accounts/login/", {"username": "rep", "password": "password"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.get(f"/cycles/{cycle.pk}/explorer/").status_code == 200
    assert client.get("/api/goals/").status_code == 200
