"""Celery tasks of the core app: publishing what the outbox holds (core.outbox)."""

from celery import shared_task

from core import outbox


@shared_task(acks_late=True)
def drain_outbox() -> dict:
    """On the beat: publish the tasks a broker outage (or a crash after a commit) left in the outbox."""
    return outbox.drain()
