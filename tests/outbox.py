"""A broker for tests that records what the outbox (core.outbox) publishes instead of sending it."""

from django.utils import timezone

from core import outbox
from core.models import OutboxMessage


def record_published(monkeypatch) -> list[tuple[str, tuple, int | None]]:
    """Each published task as (task name, args, countdown in seconds or None); the rows are deleted as published."""
    published = []

    def publish(message_ids, *, from_drain=False):
        for message in OutboxMessage.objects.filter(pk__in=message_ids).order_by("pk"):
            countdown = round((message.not_before - timezone.now()).total_seconds()) if message.not_before else None
            published.append((message.task_name, tuple(message.args), countdown))
        OutboxMessage.objects.filter(pk__in=message_ids).delete()
        return True

    monkeypatch.setattr(outbox, "publish", publish)
    return published
