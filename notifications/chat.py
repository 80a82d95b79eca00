"""Chat delivery: notifications posted to Slack and Microsoft Teams, beside email, in a task of their own.

``deliver()`` (notifications/delivery.py) writes the inbox and sends email as before; once
that commits it enqueues ``post_to_chat_task`` with the recipients, so a slow or broken
chat webhook never delays the inbox or the request. For each channel concerned,
``post_to_channel``:

1. claims the channel (``SELECT ... FOR UPDATE SKIP LOCKED``: two workers never post for it
   at once; the one that finds it busy leaves it to the other);
2. gathers the notifications it has not posted yet (no ``ChatDelivery`` row), created since
   the channel was turned on: the same kinds and mutes as email, since a muted kind never
   becomes a notification;
3. posts **one** message per person per delivery (a digest, like the email), with links back
   to the site (``SITE_URL``);
4. writes a ``ChatDelivery`` per notification in the same transaction, so a retried task posts
   nothing twice. A failed post writes nothing but the channel's error and raises, and the
   task retries with back-off (``CHAT_RETRIES``); the beat's sweep picks up what is still
   unposted.

**Personal channels** get the person's notifications as they read in the inbox. **Team
channels** (a manager's, for their direct reports who have no channel of their own) are read
by the whole team, so a message there names the member and the kinds of news only, never a
goal's title or a count of anything: private goals stay private (the member opens Cascade
to read them).
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from fnmatch import fnmatch
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from accounts.models import Person
from core import outbox
from notifications.models import ChatChannel, ChatDelivery, ChatProvider, Kind, Notification

logger = logging.getLogger(__name__)

# How a team channel words each kind: of someone else, never naming the goal.
TEAM_WORDING = {
    Kind.CHALLENGE_OPENED: "a challenge on their assumption",
    Kind.REPLY: "a reply in a discussion",
    Kind.CHALLENGE_RESOLVED: "a challenge of theirs answered",
    Kind.GOAL_APPROVED: "a goal approved",
    Kind.GOAL_RETURNED: "a goal returned for changes",
    Kind.GOAL_FLAGGED: "an alignment flag on a goal",
    Kind.GOAL_COMMENTED: "a comment on a goal",
    Kind.CHECKIN_REMINDER: "a check-in owed",
    Kind.CHECKIN_OVERDUE: "check-ins overdue in their team",
    Kind.CHANGE_REQUESTED: "a change request on a goal",
    Kind.CHANGE_REQUEST_DECIDED: "a change request decided",
}
MAX_ITEMS = 20  # a message lists this many and counts the rest, like the email digest
LOOKBACK = timedelta(days=2)  # older unposted notifications stay in the inbox only
CHUNK = 1000


class ChatDeliveryFailed(Exception):
    """A chat service refused or could not be reached; the message says which and why."""


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL.rstrip("/") + path


# --- where to post ----------------------------------------------------------------------


def channels_for(recipient_ids: Iterable[int]) -> list[int]:
    """The enabled channels that serve these people: their own, or their manager's team channel (two queries)."""
    recipient_ids = sorted(set(recipient_ids))
    if not recipient_ids:
        return []
    found: set[int] = set()
    served: set[int] = set()
    for start in range(0, len(recipient_ids), CHUNK):
        chunk = recipient_ids[start : start + CHUNK]
        for pk, person_id in ChatChannel.objects.filter(enabled=True, person_id__in=chunk).values_list(
            "pk", "person_id"
        ):
            found.add(pk)
            served.add(person_id)
        rest = [pk for pk in chunk if pk not in served]
        if rest:
            found.update(
                ChatChannel.objects.filter(enabled=True, team_manager__reports__in=rest).values_list("pk", flat=True)
            )
    return sorted(found)


def schedule(recipient_ids: Iterable[int]) -> None:
    """Post to the recipients' chat channels once the current transaction commits (a task of its own)."""
    recipient_ids = sorted(set(recipient_ids))
    if not recipient_ids or not ChatChannel.objects.filter(enabled=True).exists():
        return

    def enqueue() -> None:
        from notifications.tasks import post_to_chat_task

        for start in range(0, len(recipient_ids), CHUNK):
            try:
                outbox.send(post_to_chat_task, recipient_ids[start : start + CHUNK])
            except Exception:
                # The inbox is written; the beat's sweep posts what a broker outage left behind.
                logger.exception("Could not enqueue chat delivery for %s people", len(recipient_ids))

    transaction.on_commit(enqueue)


# --- posting ----------------------------------------------------------------------------


def post_to_channel(channel_id: int, *, now: datetime | None = None) -> int:
    """Post what ``channel_id`` has not posted yet; returns how many notifications it posted.

    Raises ``ChatDeliveryFailed`` when the chat service fails (nothing is marked posted).
    """
    now = now or timezone.now()
    failure: ChatDeliveryFailed | None = None
    with transaction.atomic():
        channel = (
            ChatChannel.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("person", "team_manager")
            .filter(pk=channel_id, enabled=True)
            .first()
        )
        if channel is None:
            return 0  # paused, removed, or another worker is posting for it now
        audience = _audience(channel)
        pending = list(
            Notification.objects.filter(
                recipient_id__in=audience, created__gte=max(channel.active_since, now - LOOKBACK)
            )
            .exclude(pk__in=ChatDelivery.objects.filter(channel=channel).values("notification_id"))
            .order_by("recipient_id", "created", "id")
            .values("id", "recipient_id", "kind", "title", "body", "url")[: CHUNK * 5]
        )
        if not pending:
            return 0
        by_recipient: dict[int, list[dict]] = defaultdict(list)
        for item in pending:
            by_recipient[item["recipient_id"]].append(item)
        try:
            if channel.is_team_channel:
                people = Person.objects.filter(pk__in=list(by_recipient)).only("first_name", "last_name", "username")
                send(channel, team_message(by_recipient, {person.pk: person.full_name for person in people}))
            else:
                for items in by_recipient.values():
                    send(channel, personal_message(items))
        except ChatDeliveryFailed as error:
            failure = error
            channel.consecutive_failures += 1
            channel.last_error = str(error)[:300]
            channel.save(update_fields=["consecutive_failures", "last_error"])
        else:
            ChatDelivery.objects.bulk_create(
                [ChatDelivery(channel=channel, notification_id=item["id"], sent_at=now) for item in pending],
                batch_size=CHUNK,
                ignore_conflicts=True,
            )
            channel.consecutive_failures = 0
            channel.last_error = ""
            channel.last_delivered_at = now
            channel.save(update_fields=["consecutive_failures", "last_error", "last_delivered_at"])
    if failure is not None:
        raise failure
    return len(pending)


def _audience(channel: ChatChannel) -> list[int]:
    if not channel.is_team_channel:
        return [channel.person_id]
    # Direct reports still at the company who have no channel of their own turned on.
    return list(
        Person.objects.filter(manager_id=channel.team_manager_id, is_active=True)
        .exclude(Q(chat_channel__isnull=False) & Q(chat_channel__enabled=True))
        .values_list("pk", flat=True)
    )


# --- messages ---------------------------------------------------------------------------


def personal_message(items: list[dict]) -> dict:
    """One person's digest: each notification's title (linked), its body, then the inbox and settings links."""
    heading = items[0]["title"] if len(items) == 1 else f"{len(items)} new notifications in Cascade"
    lines = []
    for item in items[:MAX_ITEMS]:
        lines.append({"title": item["title"], "body": _shorten(item["body"], 300), "url": absolute(item["url"] or "")})
    more = len(items) - MAX_ITEMS
    return {
        "heading": heading,
        "items": lines,
        "more": f"… and {more} more in your inbox." if more > 0 else "",
        "links": [
            ("Open your inbox", absolute(reverse("notifications:inbox"))),
            ("Choose what you hear about", absolute(reverse("notifications:preferences"))),
        ],
    }


def team_message(by_recipient: dict[int, list[dict]], names: dict[int, str]) -> dict:
    """A team channel's message: who has news and of which kinds; no titles, no counts (private goals stay private)."""
    lines = []
    for recipient_id, items in by_recipient.items():
        kinds: list[str] = []
        for item in items:
            words = TEAM_WORDING.get(item["kind"], "news in Cascade")
            if words not in kinds:
                kinds.append(words)
        lines.append({"title": f"{names.get(recipient_id, 'Someone')}: {', '.join(kinds)}", "body": "", "url": ""})
    return {
        "heading": "New in Cascade for your team",
        "items": lines,
        "more": "",
        "links": [("Open Cascade", absolute(reverse("notifications:inbox")))],
    }


def _shorten(text: str, length: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_payload(message: dict) -> dict:
    """Slack's Block Kit: a header, a section per item (title linked to the page), then the links."""
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": _shorten(message["heading"], 150)}}]
    for item in message["items"]:
        title = _slack_escape(item["title"])
        text = f"*<{item['url']}|{title}>*" if item["url"] else f"*{title}*"
        if item["body"]:
            text += "\n" + _slack_escape(item["body"])
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _shorten(text, 3000)}})
    if message["more"]:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": message["more"]}]})
    links = " · ".join(f"<{url}|{_slack_escape(label)}>" for label, url in message["links"])
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": links}]})
    return {"text": _shorten(message["heading"], 300), "blocks": blocks[:50]}


def teams_payload(message: dict) -> dict:
    """A message with an Adaptive Card (what Teams' incoming webhooks and Workflows take)."""
    body: list[dict] = [
        {"type": "TextBlock", "text": message["heading"], "weight": "Bolder", "size": "Medium", "wrap": True}
    ]
    for item in message["items"]:
        title = f"[{item['title']}]({item['url']})" if item["url"] else item["title"]
        body.append({"type": "TextBlock", "text": title, "wrap": True, "spacing": "Medium"})
        if item["body"]:
            body.append({"type": "TextBlock", "text": item["body"], "wrap": True, "isSubtle": True, "spacing": "None"})
    if message["more"]:
        body.append({"type": "TextBlock", "text": message["more"], "wrap": True, "isSubtle": True})
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": body,
                    "actions": [
                        {"type": "Action.OpenUrl", "title": label, "url": url} for label, url in message["links"]
                    ],
                },
            }
        ],
    }


def send(channel: ChatChannel, message: dict) -> None:
    """Post one message to the channel, or raise ``ChatDeliveryFailed`` saying why."""
    timeout = settings.CHAT_TIMEOUT
    if channel.provider == ChatProvider.SLACK_WEBHOOK:
        payload = slack_payload(message)
        try:
            response = WebhookClient(channel.webhook_url, timeout=timeout).send(
                text=payload["text"], blocks=payload["blocks"]
            )
        except (OSError, ValueError) as error:
            raise ChatDeliveryFailed(f"Could not reach Slack: {type(error).__name__}.") from None
        if response.status_code != 200:
            raise ChatDeliveryFailed(f"Slack answered HTTP {response.status_code}: {response.body[:200]}.")
    elif channel.provider == ChatProvider.SLACK_APP:
        payload = slack_payload(message)
        client = WebClient(token=channel.slack_token, base_url=settings.SLACK_API_URL, timeout=timeout)
        try:
            client.chat_postMessage(channel=channel.slack_channel, text=payload["text"], blocks=payload["blocks"])
        except SlackApiError as error:
            raise ChatDeliveryFailed(f"Slack refused the message: {error.response.get('error', 'error')}.") from None
        except (OSError, ValueError) as error:
            raise ChatDeliveryFailed(f"Could not reach Slack: {type(error).__name__}.") from None
    elif channel.provider == ChatProvider.TEAMS_WEBHOOK:
        try:
            response = requests.post(channel.webhook_url, json=teams_payload(message), timeout=timeout)
        except requests.RequestException as error:
            raise ChatDeliveryFailed(f"Could not reach Microsoft Teams: {type(error).__name__}.") from None
        # Teams' connectors answer 200 even for some refusals, with the reason in the body.
        if not 200 <= response.status_code < 300 or "returned HTTP error" in response.text[:200]:
            raise ChatDeliveryFailed(f"Microsoft Teams answered HTTP {response.status_code}: {response.text[:200]}.")
    else:
        raise ChatDeliveryFailed(f"Unknown chat provider {channel.provider!r}.")


def send_test(channel: ChatChannel) -> None:
    """A message that says the channel works (the settings page's "Send a test message")."""
    owner = "your team" if channel.is_team_channel else "you"
    send(
        channel,
        {
            "heading": "Cascade is connected",
            "items": [
                {"title": f"Notifications for {owner} will be posted here, beside email.", "body": "", "url": ""}
            ],
            "more": "",
            "links": [("Choose what you hear about", absolute(reverse("notifications:preferences")))],
        },
    )


# --- settings ---------------------------------------------------------------------------


def validate_webhook_url(url: str, provider: str) -> None:
    """Webhooks go to Slack's or Microsoft's hosts only (``CHAT_WEBHOOK_HOSTS``), over HTTPS, never anywhere else."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if not host:
        raise ValidationError({"webhook_url": "Paste the webhook's address, starting with https://."})
    allowed = settings.CHAT_WEBHOOK_HOSTS
    if not any(fnmatch(host, pattern) for pattern in allowed):
        raise ValidationError(
            {"webhook_url": f"{host} is not a Slack or Microsoft Teams webhook host (allowed: {', '.join(allowed)})."}
        )
    loopback = host in ("127.0.0.1", "localhost", "::1")
    if parts.scheme != "https" and not loopback:
        raise ValidationError({"webhook_url": "Webhook addresses start with https://."})


def chat_channel_save(
    *,
    actor: Person,
    channel: ChatChannel | None = None,
    team: bool = False,
    team_manager: Person | None = None,
    provider: str,
    webhook_url: str = "",
    slack_token: str = "",
    slack_channel: str = "",
    enabled: bool = True,
) -> ChatChannel:
    """Set up (or change) the actor's own chat channel, or their team's; secrets left blank keep the stored ones."""
    from django.core.exceptions import PermissionDenied

    if channel is None:
        channel = ChatChannel.objects.filter(
            **({"team_manager": team_manager or actor} if team else {"person": actor})
        ).first() or ChatChannel(**({"team_manager": team_manager or actor} if team else {"person": actor}))
    if channel.is_team_channel:
        manager = channel.team_manager
        if not (actor.is_staff or actor.pk == manager.pk):
            raise PermissionDenied("A team's chat channel is set up by its manager (or an admin).")
        if not manager.reports.exists():
            raise ValidationError({"team": f"{manager.full_name} has nobody reporting to them: there is no team."})
    elif channel.person_id != actor.pk:
        raise PermissionDenied("People set up their own chat channel.")
    if provider not in ChatProvider.values:
        raise ValidationError({"provider": "Choose Slack (a webhook or a bot token) or a Microsoft Teams webhook."})
    was_enabled = channel.pk is not None and channel.enabled
    channel.provider = provider
    if webhook_url:
        channel.webhook_url = webhook_url.strip()
    if slack_token:
        channel.slack_token = slack_token.strip()
    channel.slack_channel = (slack_channel or "").strip()
    if provider in (ChatProvider.SLACK_WEBHOOK, ChatProvider.TEAMS_WEBHOOK):
        if not channel.webhook_url:
            raise ValidationError({"webhook_url": "Paste the incoming webhook's address."})
        validate_webhook_url(channel.webhook_url, provider)
    else:
        errors = {}
        if not channel.slack_token:
            errors["slack_token"] = "Paste the Slack app's bot token (xoxb-…)."
        elif not channel.slack_token.startswith("xoxb-"):
            errors["slack_token"] = "A Slack bot token starts with xoxb-."
        if not channel.slack_channel:
            errors["slack_channel"] = "Give the channel id (C…) or, for direct messages, your member id (U…)."
        if errors:
            raise ValidationError(errors)
    channel.enabled = enabled
    if enabled and not was_enabled:
        channel.active_since = timezone.now()  # turning it on does not replay the inbox
        channel.consecutive_failures = 0
        channel.last_error = ""
    channel.save()
    return channel


def chat_channel_delete(*, actor: Person, channel: ChatChannel) -> None:
    from django.core.exceptions import PermissionDenied

    owner = channel.team_manager_id if channel.is_team_channel else channel.person_id
    if not (actor.pk == owner or (channel.is_team_channel and actor.is_staff)):
        raise PermissionDenied("Only the channel's owner removes it.")
    channel.delete()


def webhook_hint(channel: ChatChannel) -> str:
    """The webhook address with its secret part hidden, for pages and the API."""
    url = channel.webhook_url or ""
    if not url:
        return ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}/…{url[-4:]}"
