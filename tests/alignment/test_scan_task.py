"""scan_cycle_task: a thin, idempotent, retrying task; run here through a real Celery worker too."""

import pytest
from django.db import DatabaseError
from kombu.exceptions import OperationalError

from goals.models import AlignmentFlag, FlagKind
from goals.tasks import scan_cycle_task
from tests.factories import GoalFactory


def test_the_task_acks_late_and_retries_database_and_broker_errors_with_backoff():
    assert scan_cycle_task.acks_late is True
    assert DatabaseError in scan_cycle_task.autoretry_for
    assert OperationalError in scan_cycle_task.autoretry_for
    assert scan_cycle_task.retry_backoff is True


@pytest.mark.django_db
def test_a_missing_cycle_is_nothing_to_scan():
    assert scan_cycle_task.delay(987654).get() is None


@pytest.mark.django_db
def test_running_the_task_twice_changes_nothing(people, cascade, cycle):
    first = scan_cycle_task.delay(cycle.pk).get()
    second = scan_cycle_task.delay(cycle.pk).get()

    assert first["opened"] == 1
    assert (second["opened"], second["updated"], second["resolved"], second["open_flags"]) == (0, 0, 0, 1)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_scans_a_cycle(celery_worker, people, cascade, cycle):
    orphan = GoalFactory(cycle=cycle, owner=people.rep, title="Learn the CPQ tool")

    result = scan_cycle_task.delay(cycle.pk).get(timeout=30)

    assert result["cycle_id"] == cycle.pk and result["opened"] == 2
    assert AlignmentFlag.objects.open().filter(goal=orphan, kind=FlagKind.ORPHAN).exists()
    assert AlignmentFlag.objects.open().filter(goal=cascade.executive, kind=FlagKind.TARGET_SHORTFALL).exists()
