"""Celery tasks of the cascade: thin wrappers that take ids and call a service."""

from celery import shared_task
from django.db import DatabaseError

from core.locks import mptt_tree_lock
from goals.models import Cycle, Goal, Phase
from goals.rollup import recompute_cycle_rollups

RETRY = {"autoretry_for": (DatabaseError,), "retry_backoff": True, "retry_backoff_max": 300, "max_retries": 5}


@shared_task(acks_late=True, **RETRY)
def recompute_cycle_rollups_task(cycle_id: int) -> int:
    """Rebuild the stored roll-ups of one cycle's trees; returns how many goals changed."""
    cycle = Cycle.objects.filter(pk=cycle_id).first()
    if cycle is None:
        return 0
    goal_ids = Goal.objects.filter(cycle=cycle).values_list("id", flat=True)
    with mptt_tree_lock(Goal, goal_ids):
        return recompute_cycle_rollups(cycle.pk)


@shared_task(acks_late=True, **RETRY)
def recompute_open_cycle_rollups() -> None:
    """Nightly: heal roll-ups of every cycle still in play (a crash may have cut a refresh short)."""
    for cycle_id in Cycle.objects.exclude(phase=Phase.CLOSED).values_list("id", flat=True):
        recompute_cycle_rollups_task.delay(cycle_id)
