"""Celery tasks of notifications: thin wrappers that take ids and deliver."""

from smtplib import SMTPException

from celery import shared_task
from django.db import DatabaseError

from notifications.delivery import deliver, email_notifications
from notifications.events import EVENTS
from notifications.reminders import send_checkin_reminders

# A mail server that is down or a database hiccup is worth a retry; delivery is idempotent.
RETRY = {
    "autoretry_for": (DatabaseError, SMTPException, ConnectionError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(acks_late=True, **RETRY)
def notify_task(events: list[list]) -> int:
    """Deliver what each ``[event, payload]`` means for each inbox (``notifications.events``), one email per person.

    Returns how many notifications were new.
    """
    drafts = [draft for event, payload in events for draft in EVENTS[event](**payload)]
    return deliver(drafts)


@shared_task(acks_late=True, **RETRY)
def send_checkin_reminders_task() -> dict:
    """Daily, on the beat: remind owners of check-ins they owe, and tell managers of overdue ones."""
    return send_checkin_reminders()


@shared_task(acks_late=True, **RETRY)
def email_notifications_task(keys: list[str]) -> int:
    """Email the not-yet-emailed notifications of these events (one message per person); returns how many."""
    return email_notifications(keys)
