"""Deployment settings: a clean `check --deploy` with the README's production variables, no public
SECRET_KEY in production, HTTPS switched by the environment, a working Content-Security-Policy, and a
Celery visibility timeout above the longest task."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CHECK = ROOT / "tools" / "deploy_check.py"
SETTINGS_VARIABLES = {
    "SECRET_KEY",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "CELERY_VISIBILITY_TIMEOUT",
    "CELERY_TASK_TIME_LIMIT",
}


def start_django(probe: str = "print('started')", **env: str) -> subprocess.CompletedProcess:
    clean = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES}
    return subprocess.run(
        [sys.executable, "-c", f"import django; from django.conf import settings; django.setup(); {probe}"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_the_production_variables_the_readme_lists():
    result = subprocess.run([sys.executable, DEPLOY_CHECK], cwd=ROOT, capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_without_hsts():
    result = subprocess.run(
        [sys.executable, DEPLOY_CHECK, "SECURE_HSTS_SECONDS=0"], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "security.W004" in result.stderr


@pytest.mark.parametrize("key", [None, "cascade-insecure-development-key-change-me", "change-me-in-production"])
def test_the_public_development_key_is_refused_when_debug_is_off(key):
    env = {"DEBUG": "false"} if key is None else {"DEBUG": "false", "SECRET_KEY": key}

    result = start_django(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set (or is the public development key)" in result.stderr


def test_the_development_key_is_accepted_with_debug_on():
    result = start_django("print(settings.SECRET_KEY)", DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "cascade-insecure-development-key-change-me"


def test_https_and_hsts_are_off_by_default_and_switched_on_by_the_environment():
    probe = "print(settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_PRELOAD)"
    default = start_django(probe, SECRET_KEY="k" * 50)
    production = start_django(
        probe, SECRET_KEY="k" * 50, SECURE_SSL_REDIRECT="true", SECURE_HSTS_SECONDS="31536000", SECURE_HSTS_PRELOAD="1"
    )

    assert default.stdout.split() == ["False", "0", "False"]
    assert production.stdout.split() == ["True", "31536000", "True"]


def test_the_demo_makes_its_own_secret_key(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT))
    try:
        import dev
    finally:
        sys.path.remove(str(ROOT))
    monkeypatch.setattr(dev, "VENV", tmp_path)

    first = dev.local_secret_key()

    assert len(first) >= 50
    assert dev.local_secret_key() == first  # kept, so sessions survive a restart
    assert (tmp_path / "cascade-secret-key").stat().st_mode & 0o077 == 0


# --- Content-Security-Policy -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/approvals/", "/accounts/login/", "/account/api-tokens/", "/api/docs/", "/api/docs/redoc/"]
)
def test_every_inline_script_carries_the_nonce_of_the_policy(client, people, url):
    client.force_login(people.manager)

    response = client.get(url)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    html = response.content.decode()
    assert "script-src 'self'" in policy
    assert "'unsafe-eval'" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    for attributes in inline_scripts:
        if "application/json" in attributes:  # data for a script (json_script), never run
            continue
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        assert nonce, f"an inline script on {url} has no nonce: <script{attributes}>"
        assert f"'nonce-{nonce.group(1)}'" in policy


@pytest.mark.django_db
def test_the_policy_refuses_frames_and_foreign_scripts(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]

    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "default-src 'self'" in policy


def test_no_template_needs_eval():
    """htmx's hx-vals "js:" and hx-on run through eval, which the policy forbids."""
    offenders = []
    for template in ROOT.glob("*/templates/**/*.html"):
        text = template.read_text()
        if re.search(r"""hx-(vals|vars)\s*=\s*['"]\s*js:|hx-on""", text) or re.search(r"\son[a-z]+=\"", text):
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


# --- Celery ------------------------------------------------------------------------------


def test_a_dead_workers_task_is_handed_on_within_fifteen_minutes_and_never_while_it_can_still_run(settings):
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    assert visibility == 900
    assert settings.CELERY_TASK_TIME_LIMIT == 600
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT < visibility


def test_the_celery_app_uses_those_settings():
    from config.celery import app

    assert app.conf.broker_transport_options["visibility_timeout"] == 900
    assert app.conf.task_time_limit == 600


def test_a_visibility_timeout_below_the_task_limit_is_refused():
    result = start_django(SECRET_KEY="k" * 50, CELERY_VISIBILITY_TIMEOUT="300", CELERY_TASK_TIME_LIMIT="600")

    assert result.returncode != 0
    assert "CELERY_VISIBILITY_TIMEOUT=300 must be above CELERY_TASK_TIME_LIMIT=600" in result.stderr


def test_the_visibility_timeout_is_set_from_the_environment():
    probe = "print(settings.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'])"
    result = start_django(probe, SECRET_KEY="k" * 50, CELERY_VISIBILITY_TIMEOUT="1800")

    assert result.stdout.strip() == "1800"
