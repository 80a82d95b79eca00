"""The nightly roll-up recompute runs as a Celery task, through a real worker."""

from decimal import Decimal

import pytest
from django.conf import settings

from goals.models import Goal
from goals.tasks import recompute_cycle_rollups_task


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_heals_stale_rollups(celery_worker, people, cascade, cycle):
    Goal.objects.filter(pk=cascade.rep.pk).update(current=Decimal(200_000))
    result = recompute_cycle_rollups_task.delay(cycle.pk)
    assert result.get(timeout=30) == 4
    assert Goal.objects.get(pk=cascade.objective.pk).rolled_up_progress == pytest.approx(0.5)


@pytest.mark.django_db
def test_a_missing_cycle_is_nothing_to_do():
    assert recompute_cycle_rollups_task.delay(987654).get() == 0


def test_the_nightly_recompute_is_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["recompute-rollups-nightly"]
    assert entry["task"] == "goals.tasks.recompute_open_cycle_rollups"
