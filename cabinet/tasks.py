"""Celery tasks of the cabinet: thin wrappers over services, on the beat."""

from celery import shared_task
from django.db import DatabaseError

from cabinet.reminders import remind_action_items
from cabinet.services import take_progress_snapshots

RETRY = {"autoretry_for": (DatabaseError,), "retry_backoff": True, "retry_backoff_max": 300, "max_retries": 5}


@shared_task(acks_late=True, **RETRY)
def take_progress_snapshots_task() -> int:
    """Daily: today's point of every active objective's progress (idempotent: one row per objective and day)."""
    return take_progress_snapshots()


@shared_task(acks_late=True, **RETRY)
def remind_action_items_task() -> int:
    """Daily: remind owners of cabinet action items due today or overdue (idempotent per item and due date)."""
    return remind_action_items()
