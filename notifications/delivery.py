"""Delivering notifications: many at once, once each, in the inbox and by email.

``deliver(drafts)`` is the one way notifications are written. It works on sets, since
one alignment scan can open thousands of flags at once:

1. drops what a person would get about their own action, and the kinds they muted
   (one query);
2. drops what was delivered already: every draft names its event (``key``), and
   ``(recipient, key)`` is unique, so a task that runs twice (Redis hands an
   unacknowledged task to another worker) adds nothing the second time;
3. inserts the rest with ``bulk_create``;
4. emails each recipient one message listing all of theirs, claiming the rows first
   (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL, then ``emailed_at``), so two
   runs never send the same notification twice.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.models import MutedKind, Notification

logger = logging.getLogger(__name__)

CHUNK = 1000
TITLE_LENGTH = Notification._meta.get_field("title").max_length
MAX_EMAIL_ITEMS = 20  # a digest lists this many and counts the rest

_paused: ContextVar[bool] = ContextVar("notifications_paused", default=False)


@dataclass(frozen=True)
class Draft:
    """A notification to be delivered: who gets it, what it says, where it leads, and which event it is."""

    recipient_id: int
    kind: str
    title: str
    key: str
    url: str = ""
    body: str = ""
    actor_id: int | None = None


@contextmanager
def paused() -> Iterator[None]:
    """Announce nothing while inside (the demo builder seeds its own notifications)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def is_paused() -> bool:
    return _paused.get()


def shorten(text: str, length: int = TITLE_LENGTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def deliver(drafts: Iterable[Draft], *, now: datetime | None = None, email: bool = True) -> int:
    """Write the drafts nobody has yet, skipping muted kinds and people's own actions; returns how many."""
    now = now or timezone.now()
    wanted: dict[tuple[int, str], Draft] = {}
    for draft in drafts:
        if draft.recipient_id is None or draft.recipient_id == draft.actor_id:
            continue
        wanted.setdefault((draft.recipient_id, draft.key), draft)
    if not wanted:
        return 0

    kinds = {draft.kind for draft in wanted.values()}
    muted = set(MutedKind.objects.filter(kind__in=kinds).values_list("person_id", "kind"))
    wanted = {pair: draft for pair, draft in wanted.items() if (draft.recipient_id, draft.kind) not in muted}

    keys = sorted({key for _, key in wanted})
    for chunk in _chunks(keys):
        for pair in Notification.objects.filter(dedupe_key__in=chunk).values_list("recipient_id", "dedupe_key"):
            wanted.pop(pair, None)
    if wanted:
        _insert(wanted.values(), now)
        _post_to_chat({draft.recipient_id for draft in wanted.values()})
    if email and keys:
        # Also the ones a first run wrote but could not email (the mail server was down).
        email_notifications(keys, now=now)
    return len(wanted)


def _insert(drafts: Iterable[Draft], now: datetime) -> None:

    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=draft.recipient_id,
                kind=draft.kind,
                actor_id=draft.actor_id,
                title=shorten(draft.title),
                body=draft.body,
                url=draft.url,
                created=now,
                dedupe_key=draft.key,
            )
            for draft in drafts
        ],
        batch_size=CHUNK,
        ignore_conflicts=True,  # a twin run that got there first
    )


def _post_to_chat(recipient_ids: set[int]) -> None:
    """Slack and Teams get their copy in a task of its own, once this commits (notifications/chat.py)."""
    from notifications.chat import schedule

    schedule(recipient_ids)


def email_notifications(keys: list[str], *, now: datetime | None = None) -> int:
    """Email the not-yet-emailed notifications of these events: one message per recipient; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        rows: list[dict] = []
        for chunk in _chunks(keys):
            rows += (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(dedupe_key__in=chunk, emailed_at__isnull=True)
                .exclude(recipient__email="")
                .order_by("recipient_id", "created", "id")
                .values("id", "recipient_id", "recipient__email", "recipient__first_name", "title", "body", "url")
            )
        if not rows:
            return 0
        by_recipient: dict[int, list[dict]] = defaultdict(list)
        for row in rows:
            by_recipient[row["recipient_id"]].append(row)
        messages = [_digest(items) for items in by_recipient.values()]
        get_connection().send_messages(messages)
        ids = [row["id"] for row in rows]
        for chunk in _chunks(ids):
            Notification.objects.filter(pk__in=chunk).update(emailed_at=now)
    return len(messages)


def _digest(items: list[dict]) -> EmailMessage:
    first = items[0]
    subject = f"[Cascade] {first['title']}" if len(items) == 1 else f"[Cascade] {len(items)} new notifications"
    greeting = f"Hello {first['recipient__first_name']}," if first["recipient__first_name"] else "Hello,"
    lines = [greeting, ""]
    for item in items[:MAX_EMAIL_ITEMS]:
        lines.append(f"- {item['title']}")
        if item["body"]:
            lines.append(f"  {shorten(item['body'], 500)}")
        if item["url"]:
            lines.append(f"  {absolute(item['url'])}")
        lines.append("")
    if len(items) > MAX_EMAIL_ITEMS:
        lines += [f"... and {len(items) - MAX_EMAIL_ITEMS} more in your inbox.", ""]
    lines += [
        f"Your inbox: {absolute(reverse('notifications:inbox'))}",
        f"Choose what you hear about: {absolute(reverse('notifications:preferences'))}",
    ]
    return EmailMessage(
        subject=shorten(subject, 200),
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[first["recipient__email"]],
    )


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL.rstrip("/") + path


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
