"""Celery tasks of territory plans: thin wrappers over services."""

from celery import shared_task
from django.db import DatabaseError

from territories.services import plan_checks_request


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def request_plan_checks_task() -> int:
    """Daily, on the beat: open the quarter's plan check for plans written before the quarter began.

    Idempotent: a plan gets one check per quarter (a unique constraint), so a second run opens nothing.
    """
    return len(plan_checks_request())
