"""The beat scans every cycle in play, hourly unless ALIGNMENT_SCAN_INTERVAL says otherwise (read strictly)."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from config.celery import app
from goals import tasks
from goals.models import Phase
from tests.factories import CycleFactory
from tests.outbox import record_published

ROOT = Path(__file__).resolve().parents[2]


def beat_interval_under(**env: str) -> subprocess.CompletedProcess:
    probe = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.CELERY_BEAT_SCHEDULE['scan-alignment']['schedule'].total_seconds())"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ALIGNMENT_")}
    return subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_scan_is_on_the_beat_hourly_by_default():
    entry = settings.CELERY_BEAT_SCHEDULE["scan-alignment"]
    assert entry["task"] == "goals.tasks.scan_open_cycles"
    assert entry["task"] in app.tasks
    assert beat_interval_under().stdout.strip() == "3600.0"


def test_the_interval_comes_from_the_environment():
    assert beat_interval_under(ALIGNMENT_SCAN_INTERVAL="900").stdout.strip() == "900.0"


@pytest.mark.parametrize("value", ["hourly", "10"])
def test_a_bad_interval_stops_start_up(value):
    result = beat_interval_under(ALIGNMENT_SCAN_INTERVAL=value)
    assert result.returncode != 0
    assert "ALIGNMENT_SCAN_INTERVAL" in result.stderr


@pytest.mark.django_db
def test_the_beat_task_scans_every_cycle_still_in_play(monkeypatch, django_capture_on_commit_callbacks):
    closed = CycleFactory(name="FY2025", phase=Phase.CLOSED, start=datetime.date(2024, 2, 1))
    active = CycleFactory(name="FY2026", phase=Phase.ACTIVE, start=datetime.date(2025, 2, 1))
    workshop = CycleFactory(name="FY2027", phase=Phase.WORKSHOP)
    scanned = record_published(monkeypatch)
    conf = tasks.scan_cycle_task.app.conf
    eager, conf.task_always_eager = conf.task_always_eager, False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.scan_open_cycles() == [active.pk, workshop.pk]
    finally:
        conf.task_always_eager = eager
    assert scanned == [("goals.tasks.scan_cycle_task", (pk,), None) for pk in (active.pk, workshop.pk)]
    assert ("goals.tasks.scan_cycle_task", (closed.pk,), None) not in scanned
