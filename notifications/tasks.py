"""Celery tasks of notifications: thin wrappers that take ids and deliver."""

from smtplib import SMTPException

from celery import shared_task
from django.db import DatabaseError

from notifications.chat import ChatDeliveryFailed, channels_for, post_to_channel
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


@shared_task(bind=True, acks_late=True, max_retries=5)
def post_to_chat_task(self, recipient_ids: list[int]) -> int:
    """Post the recipients' new notifications to their Slack or Teams channels (after the inbox and email).

    A channel that fails is retried with back-off (30 s, 60 s, ... up to 10 minutes); the
    others are posted meanwhile, and what they posted is never posted again. When tasks run
    in-process there is no waiting: a failed channel keeps its notifications for the next
    delivery or the beat's sweep, so a request never waits on retries.
    """
    posted, failed = 0, []
    for channel_id in channels_for(recipient_ids):
        try:
            posted += post_to_channel(channel_id)
        except ChatDeliveryFailed as error:
            failed.append(f"channel {channel_id}: {error}")
    if failed and not self.request.is_eager:
        raise self.retry(exc=ChatDeliveryFailed("; ".join(failed)), countdown=min(600, 30 * 2**self.request.retries))
    return posted


@shared_task(acks_late=True)
def post_pending_chat_task() -> int:
    """On the beat: post what chat delivery left behind (a broker outage, retries run out)."""
    from notifications.models import ChatChannel

    posted = 0
    for channel_id in ChatChannel.objects.filter(enabled=True).order_by("pk").values_list("pk", flat=True):
        try:
            posted += post_to_channel(channel_id)
        except ChatDeliveryFailed:
            continue  # recorded on the channel; the next sweep tries again
    return posted
