"""Celery tasks of metric feeds: the beat fetches what is due and retries what is pending."""

from celery import shared_task
from django.db import DatabaseError

from core import outbox
from integrations import services

RETRY = {
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(acks_late=True)
def fetch_due_feeds_task() -> dict:
    """On the beat (every ``FEED_FETCH_TICK`` seconds): claim the feeds due and fetch each in its own task."""
    claimed = services.claim_due_feeds()
    for feed_id in claimed:
        outbox.send(fetch_feed_task, feed_id)
    return {"claimed": len(claimed)}


@shared_task(acks_late=True, **RETRY)
def fetch_feed_task(feed_id: int) -> dict:
    """Fetch one feed's value and record it. A source's failure is recorded, not raised: the feed backs off."""
    return services.feed_fetch(feed_id)


@shared_task(acks_late=True, **RETRY)
def record_pending_readings_task() -> int:
    """On the beat: record the readings that could not become check-ins yet (never lose a value)."""
    return services.record_pending_readings()
