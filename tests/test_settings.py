"""Settings come from the environment: embedded defaults, and a switch to PostgreSQL and Redis."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
    "'engine': settings.DATABASES['default']['ENGINE'], 'name': str(settings.DATABASES['default']['NAME']),"
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL,"
    "'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS}))"
)


def settings_under(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "ALLOWED_HOSTS"}}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_nothing_set_cascade_runs_embedded():
    found = settings_under()
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"].endswith("db.sqlite3")
    assert found["eager"] is True
    assert found["broker"] == "memory://"
    assert found["cache"].endswith("LocMemCache")
    assert found["debug"] is False


def test_database_url_and_redis_url_switch_to_the_real_services():
    found = settings_under(
        DATABASE_URL="postgres://postgres@db:5432/cascade",
        REDIS_URL="redis://cache:6379/0",
        ALLOWED_HOSTS="cascade.example.com,www.example.com",
        DEBUG="true",
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["name"] == "cascade"
    assert found["eager"] is False
    assert found["broker"] == "redis://cache:6379/0"
    assert found["cache"].endswith("RedisCache")
    assert found["debug"] is True
    assert found["hosts"] == ["cascade.example.com", "www.example.com"]


def test_a_bad_boolean_stops_start_up(monkeypatch):
    monkeypatch.setenv("CASCADE_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="CASCADE_FLAG"):
        env_bool("CASCADE_FLAG")


def test_env_helpers_read_values_and_defaults(monkeypatch):
    monkeypatch.setenv("CASCADE_N", "12")
    monkeypatch.setenv("CASCADE_LIST", "a, b,,c")
    monkeypatch.setenv("CASCADE_ON", "Yes")
    assert (env_int("CASCADE_N", 1), env_int("CASCADE_MISSING", 7)) == (12, 7)
    assert env_list("CASCADE_LIST", []) == ["a", "b", "c"]
    assert env_bool("CASCADE_ON") is True
    monkeypatch.setenv("CASCADE_N", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("CASCADE_N", 1)
