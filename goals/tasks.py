"""Celery tasks of the cascade: thin wrappers that take ids and call a service."""

import logging
from dataclasses import asdict

from celery import shared_task
from django.core.cache import cache
from django.db import DatabaseError
from kombu.exceptions import OperationalError as KombuOperationalError

from core import outbox
from core.locks import mptt_tree_lock
from goals.alignment.scan import scan_cycle
from goals.alignment.triggers import rescan_key
from goals.models import Cycle, Goal, Phase
from goals.rollup import recompute_cycle_rollups

logger = logging.getLogger(__name__)

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
        outbox.send(recompute_cycle_rollups_task, cycle_id)


# --- room for sub-goals (goals/room.py) --------------------------------------------------


@shared_task(acks_late=True, **RETRY)
def make_room_in_cycle_task(cycle_id: int) -> int:
    """Give every goal of one cycle its room for sub-goals; returns how many goals were renumbered."""
    from goals.room import make_room_in_cycle

    renumbered = make_room_in_cycle(cycle_id)
    if renumbered:
        request_goal_table_vacuum()
    return renumbered


@shared_task(acks_late=True, **RETRY)
def make_room_in_open_cycles() -> list[int]:
    """Nightly: room for sub-goals in every cycle still in play, for the next day's drafting."""
    cycle_ids = list(Cycle.objects.exclude(phase=Phase.CLOSED).values_list("id", flat=True))
    for cycle_id in cycle_ids:
        outbox.send(make_room_in_cycle_task, cycle_id)
    return cycle_ids


# --- the alignment scan -----------------------------------------------------------------
# Broker errors surface when a scan's receivers enqueue work (kombu's OperationalError);
# database errors include a deadlock or a dropped connection. Both are worth a retry.
SCAN_RETRY = {
    "autoretry_for": (DatabaseError, KombuOperationalError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(acks_late=True, **SCAN_RETRY)
def scan_cycle_task(cycle_id: int) -> dict | None:
    """Scan one cycle's alignment and reconcile its flags (idempotent); None if the cycle is gone."""
    try:
        cache.delete(rescan_key(cycle_id))  # changes from now on schedule a scan of their own
    except Exception:
        logger.warning("Could not clear the pending-rescan mark of cycle %s", cycle_id, exc_info=True)
    if not Cycle.objects.filter(pk=cycle_id).exists():
        return None
    return asdict(scan_cycle(cycle_id))


@shared_task(acks_late=True, **SCAN_RETRY)
def scan_open_cycles() -> list[int]:
    """On the beat (hourly by default): scan every cycle still in play (planning, workshop, active)."""
    cycle_ids = list(Cycle.objects.exclude(phase=Phase.CLOSED).order_by("start").values_list("id", flat=True))
    for cycle_id in cycle_ids:
        outbox.send(scan_cycle_task, cycle_id)
    return cycle_ids


# --- imports ------------------------------------------------------------------------------


@shared_task(acks_late=True)
def run_import_job_task(job_id: int) -> str | None:
    """Run a queued CSV import (goals.import_jobs); idempotent, so a redelivered task does nothing."""
    from goals.import_jobs import run_import_job

    job = run_import_job(job_id)
    return job.status if job is not None else None


# --- keeping the goal table small through bursts of inserts ---------------------------

VACUUM_KEY = "goals:vacuum-pending"


@shared_task(acks_late=True, **RETRY)
def vacuum_goal_table() -> bool:
    """VACUUM the goal table: every tree insert leaves thousands of dead row versions behind.

    Autovacuum wakes once a minute (``autovacuum_naptime``, a server-wide setting), too seldom
    for a drafting burst, in which the table would otherwise double within the minute. Runs
    outside any transaction (VACUUM cannot run inside one); idempotent.
    """
    from django.db import connection

    cache.delete(VACUUM_KEY)
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (SKIP_LOCKED) goals_goal")
    return True


def request_goal_table_vacuum(delay: int = 10) -> None:
    """Vacuum the goal table soon (with a worker only; at most one waiting)."""
    if vacuum_goal_table.app.conf.task_always_eager:
        return  # in-process tasks would hold up the request; autovacuum does it there
    if cache.add(VACUUM_KEY, "waiting", timeout=delay + 60):
        outbox.send(vacuum_goal_table, countdown=delay)
