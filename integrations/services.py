"""Everything that changes a metric feed, a CRM connection or a reading.

Values reach a goal in two steps, so none is lost: a value is first kept as a
``FeedReading`` (its own short transaction: a pushed value is stored before the sender
hears 201/202), then recorded as a check-in through ``goals.services.checkin_create`` in the
name of the person who set the feed up. If recording fails (a lock, a database hiccup, the
person lost their rights), the reading stays pending and is retried by the beat
(``record_pending_readings``) and at every later value; a value older than one already
recorded is kept but does not move the goal back.

A feed that fails (a CRM error, a pushed value it cannot record) counts failures in a
row: its next fetch backs off (1, 2, 4 ... minutes, at most ``FEED_RETRY_MAX_MINUTES``), and
after ``FEED_FAILING_AFTER`` failures it is *failing* (``failing_since``), which the
alignment scan turns into a ``feed_failing`` flag. The next value it records clears it.
"""

import datetime
import logging
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from accounts.models import Person
from core import outbox
from core.exceptions import StateConflict
from core.permissions import require_perm
from goals.alignment.triggers import request_rescan
from goals.models import Confidence, Goal
from goals.services import checkin_create
from integrations import signing
from integrations.models import (
    PROVIDER_OF_KIND,
    CrmConnection,
    FeedKind,
    FeedReading,
    HubSpotMeasure,
    MetricFeed,
    Provider,
    ReadingState,
)
from integrations.sources import SourceError, fetch_value

logger = logging.getLogger(__name__)

# Fields of a feed its managers set; the rest is the feed's health, kept here.
FEED_SOURCE_FIELDS = {
    "connection",
    "soql",
    "report_id",
    "report_aggregate",
    "hubspot_pipeline",
    "hubspot_stages",
    "hubspot_owner_id",
    "hubspot_measure",
    "interval_minutes",
}
FEED_EDITABLE_FIELDS = {"name", *FEED_SOURCE_FIELDS}
CONNECTION_FIELDS = {"provider", "name", "instance_url", "client_id", "client_secret", "access_token"}
# A pulled value equal to the goal's current one is recorded again only after this long,
# so the history shows the feed is alive without a point every fetch.
UNCHANGED_VALUE_RECORDED_AFTER = datetime.timedelta(days=1)
MANAGE_MESSAGE = "Only the goal's owner, their managers and admins change its feeds."


# --- CRM connections (staff) ------------------------------------------------------------


def connection_save(*, actor: Person, connection: CrmConnection | None = None, **fields: Any) -> CrmConnection:
    """Create or change a CRM connection; a secret left blank on a change keeps the stored one."""
    require_perm(actor, "integrations.manage_crm_connections", None, "Only administrators manage CRM connections.")
    unknown = set(fields) - CONNECTION_FIELDS
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set here."))
    if connection is None:
        connection = CrmConnection(created_by=actor)
    elif "provider" in fields and fields["provider"] != connection.provider and connection.feeds.exists():
        raise ValidationError({"provider": "Feeds fetch through this connection; it cannot change CRM."})
    for field, value in fields.items():
        if field in ("client_secret", "access_token") and not value and connection.pk:
            continue  # blank means "keep what is stored": secrets are never shown again
        setattr(connection, field, value or "")
    errors = {}
    if connection.provider == Provider.SALESFORCE:
        if not connection.instance_url:
            errors["instance_url"] = "Give your Salesforce My Domain address, e.g. https://acme.my.salesforce.com."
        elif not connection.instance_url.startswith("https://"):
            errors["instance_url"] = "Salesforce is reached over HTTPS: the address starts with https://."
        if not ((connection.client_id and connection.client_secret) or connection.access_token):
            errors["access_token"] = "Give a consumer key and secret, or an access token."
        elif connection.client_id and not connection.client_secret and not connection.access_token:
            errors["client_secret"] = "A consumer key needs its consumer secret."
    elif connection.provider == Provider.HUBSPOT and not connection.access_token:
        errors["access_token"] = "Give the HubSpot private app's access token."
    if errors:
        raise ValidationError(errors)
    connection.full_clean()
    connection.save()
    return connection


def connection_delete(*, actor: Person, connection: CrmConnection) -> None:
    require_perm(actor, "integrations.manage_crm_connections", None, "Only administrators manage CRM connections.")
    if connection.feeds.exists():
        raise StateConflict(f"{connection.feeds.count()} feed(s) fetch through {connection.name}: move them first.")
    connection.delete()


# --- feeds ------------------------------------------------------------------------------


def _validate_source(actor: Person, feed: MetricFeed) -> None:
    errors: dict[str, str] = {}
    provider = PROVIDER_OF_KIND.get(feed.kind)
    if provider is not None:
        if not actor.has_perm("integrations.query_crm", None):
            errors["kind"] = (
                "Feeds that query the CRM are set up by managers and admins; push your numbers through a signed "
                "webhook, or ask your manager."
            )
        if feed.connection_id is not None and feed.connection.provider != provider:
            errors["connection"] = f"{feed.connection.name} is a {feed.connection.get_provider_display()} connection."
        if feed.connection_id is None and not _environment_has(provider):
            errors["connection"] = (
                f"No {Provider(provider).label} credentials are set in the environment: pick a stored connection."
            )
    if feed.kind == FeedKind.SALESFORCE_SOQL:
        soql = " ".join(feed.soql.split())
        if not soql:
            errors["soql"] = "Write the aggregate query, e.g. SELECT SUM(Amount) total FROM Opportunity WHERE ..."
        elif not soql.upper().startswith("SELECT "):
            errors["soql"] = "A SOQL query starts with SELECT."
        feed.soql = feed.soql.strip()
    if feed.kind == FeedKind.SALESFORCE_REPORT:
        feed.report_id = feed.report_id.strip()
        if not feed.report_id:
            errors["report_id"] = "Give the report's id: the part of its address that starts with 00O."
        elif not (feed.report_id.startswith("00O") and len(feed.report_id) in (15, 18) and feed.report_id.isalnum()):
            errors["report_id"] = "A report id has 15 or 18 letters and digits and starts with 00O."
    if feed.kind == FeedKind.HUBSPOT_DEALS:
        stages = [stage.strip() for stage in feed.hubspot_stages.split(",") if stage.strip()]
        if not stages:
            errors["hubspot_stages"] = "Name at least one deal stage, e.g. closedwon."
        feed.hubspot_stages = ",".join(stages)
        if feed.hubspot_measure not in HubSpotMeasure.values:
            errors["hubspot_measure"] = "Sum the amounts or count the deals."
    if feed.kind not in FeedKind.values:
        errors["kind"] = "Choose Salesforce (a query or a report), HubSpot deals, or a signed webhook."
    if errors:
        raise ValidationError(errors)


def _environment_has(provider: str) -> bool:
    if provider == Provider.SALESFORCE:
        return bool(
            settings.SALESFORCE_INSTANCE_URL
            and (
                settings.SALESFORCE_ACCESS_TOKEN
                or (settings.SALESFORCE_CLIENT_ID and settings.SALESFORCE_CLIENT_SECRET)
            )
        )
    return bool(settings.HUBSPOT_ACCESS_TOKEN)


def feed_create(*, actor: Person, goal: Goal, name: str, kind: str, now=None, **source: Any) -> MetricFeed:
    """Attach a feed to ``goal``; a webhook feed gets its signing secret, a CRM feed fetches at once."""
    if goal.cycle.is_closed:
        raise StateConflict(f"{goal.cycle.name} is closed: its goals take no more values.")
    require_perm(
        actor, "integrations.add_feed_to_goal", goal, "Feeds are set up by the goal's owner, their managers or admins."
    )
    unknown = set(source) - FEED_SOURCE_FIELDS
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set here."))
    now = now or timezone.now()
    feed = MetricFeed(goal=goal, name=(name or "").strip(), kind=kind, created_by=actor, **source)
    _validate_source(actor, feed)
    if feed.is_webhook:
        feed.webhook_secret = signing.new_secret()
    else:
        feed.next_fetch_at = now
    feed.full_clean(exclude=["goal", "created_by"])
    feed.save()
    return feed


def feed_update(*, actor: Person, feed: MetricFeed, **changes: Any) -> MetricFeed:
    require_perm(
        actor, "integrations.change_metricfeed", feed, "Only those who may check in on the goal change its feeds."
    )
    unknown = set(changes) - FEED_EDITABLE_FIELDS
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be changed."))
    for field, value in changes.items():
        setattr(feed, field, value.strip() if field == "name" and isinstance(value, str) else value)
    if set(changes) & FEED_SOURCE_FIELDS:
        _validate_source(actor, feed)
        if feed.is_pulled:
            feed.next_fetch_at = timezone.now()  # try the new settings now rather than after the back-off
    feed.full_clean(exclude=["goal", "created_by"])
    feed.save()
    return feed


def feed_set_enabled(*, actor: Person, feed: MetricFeed, enabled: bool) -> MetricFeed:
    """Pause or resume a feed; a paused feed is not counted as failing."""
    require_perm(
        actor, "integrations.change_metricfeed", feed, "Only those who may check in on the goal change its feeds."
    )
    feed.enabled = enabled
    fields = ["enabled", "updated"]
    if enabled and feed.is_pulled:
        feed.next_fetch_at = timezone.now()
        fields.append("next_fetch_at")
    feed.save(update_fields=fields)
    _rescan_after_commit(feed)
    return feed


def feed_rotate_secret(*, actor: Person, feed: MetricFeed) -> str:
    """A new signing secret for a webhook feed; the old one stops working at once. Returns the new one."""
    require_perm(
        actor, "integrations.change_metricfeed", feed, "Only those who may check in on the goal change its feeds."
    )
    if not feed.is_webhook:
        raise ValidationError({"kind": "Only webhook feeds have a signing secret."})
    feed.webhook_secret = signing.new_secret()
    feed.save(update_fields=["webhook_secret", "updated"])
    return feed.webhook_secret


def feed_delete(*, actor: Person, feed: MetricFeed) -> None:
    """Remove a feed; the check-ins it wrote stay, still saying where they came from."""
    require_perm(
        actor, "integrations.change_metricfeed", feed, "Only those who may check in on the goal change its feeds."
    )
    was_failing = feed.is_failing
    cycle_id = feed.goal.cycle_id
    feed.delete()
    if was_failing:
        transaction.on_commit(lambda: request_rescan(cycle_id))


# --- health -----------------------------------------------------------------------------


def retry_delay(failures: int) -> datetime.timedelta:
    """How long a feed waits after ``failures`` failures in a row: 1, 2, 4 ... minutes, capped."""
    minutes = min(2 ** max(failures - 1, 0), settings.FEED_RETRY_MAX_MINUTES)
    return datetime.timedelta(minutes=minutes)


def _rescan_after_commit(feed: MetricFeed) -> None:
    cycle_id = feed.goal.cycle_id
    transaction.on_commit(lambda: request_rescan(cycle_id))


def _feed_failed(feed_id: int, error: str, now: datetime.datetime) -> MetricFeed:
    with transaction.atomic():
        feed = MetricFeed.objects.select_for_update(of=("self",)).select_related("goal").get(pk=feed_id)
        feed.consecutive_failures += 1
        feed.last_error = error[:300]
        feed.last_attempt_at = now
        fields = ["consecutive_failures", "last_error", "last_attempt_at"]
        if feed.is_pulled:
            feed.next_fetch_at = now + retry_delay(feed.consecutive_failures)
            fields.append("next_fetch_at")
        if feed.failing_since is None and feed.consecutive_failures >= settings.FEED_FAILING_AFTER:
            feed.failing_since = now
            fields.append("failing_since")
            _rescan_after_commit(feed)
        feed.save(update_fields=fields)
    logger.info("Metric feed %s failed (%s in a row): %s", feed_id, feed.consecutive_failures, error)
    return feed


def _feed_succeeded(feed: MetricFeed, value: Decimal, now: datetime.datetime) -> None:
    """Record a good value's effect on the feed's health (inside the caller's transaction)."""
    if feed.failing_since is not None:
        _rescan_after_commit(feed)
    feed.consecutive_failures = 0
    feed.failing_since = None
    feed.last_error = ""
    feed.last_attempt_at = now
    feed.last_success_at = now
    feed.last_value = value
    fields = ["consecutive_failures", "failing_since", "last_error", "last_attempt_at", "last_success_at", "last_value"]
    if feed.is_pulled:
        feed.next_fetch_at = now + datetime.timedelta(minutes=feed.interval_minutes)
        fields.append("next_fetch_at")
    feed.save(update_fields=fields)


# --- pulling ----------------------------------------------------------------------------


def claim_due_feeds(now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    """The ids of pulled feeds due now, each claimed (its next fetch moved on) so two beats never fetch it twice."""
    now = now or timezone.now()
    lease = now + datetime.timedelta(seconds=settings.FEED_FETCH_TIMEOUT * 4 + 60)
    claimed = []
    for feed_id, due_at in (
        MetricFeed.objects.due(now).order_by("next_fetch_at").values_list("pk", "next_fetch_at")[:limit]
    ):
        # Conditional update: only one claimer sees its row change.
        if MetricFeed.objects.filter(pk=feed_id, next_fetch_at=due_at).update(next_fetch_at=lease):
            claimed.append(feed_id)
    return claimed


def feed_fetch(feed_id: int, *, now: datetime.datetime | None = None) -> dict:
    """Fetch a pulled feed's value and record it; returns what happened (never raises for a source's failure)."""
    now = now or timezone.now()
    feed = MetricFeed.objects.select_related("goal__cycle", "connection", "created_by").filter(pk=feed_id).first()
    if feed is None or not feed.is_pulled:
        return {"feed": feed_id, "outcome": "gone"}
    if not feed.enabled:
        return {"feed": feed_id, "outcome": "paused"}
    if feed.goal.cycle.is_closed:
        _feed_failed(feed.pk, f"{feed.goal.cycle.name} is closed: the goal takes no more values.", now)
        return {"feed": feed_id, "outcome": "failed", "error": "closed"}
    try:
        value = fetch_value(feed)  # HTTP, outside any transaction
    except SourceError as error:
        feed = _feed_failed(feed.pk, error.message, now)
        return {"feed": feed_id, "outcome": "failed", "error": error.message, "failures": feed.consecutive_failures}
    except Exception as error:  # a client's own bug must not stop the beat or lose the feed's state
        logger.exception("Metric feed %s: unexpected error from the source client", feed_id)
        feed = _feed_failed(feed.pk, f"Unexpected error from the source: {type(error).__name__}.", now)
        return {"feed": feed_id, "outcome": "failed", "error": type(error).__name__}

    goal = feed.goal
    recently_recorded = goal.last_checkin_at is not None and now - goal.last_checkin_at < UNCHANGED_VALUE_RECORDED_AFTER
    if value == goal.current and recently_recorded:
        with transaction.atomic():
            _feed_succeeded(feed, value, now)
        return {"feed": feed_id, "outcome": "unchanged", "value": str(value)}
    reading, _ = reading_receive(feed=feed, delivery_id=f"fetch:{now.isoformat()}", value=value, observed_at=now)
    reading = reading_record(reading.pk, now=now)
    return {"feed": feed_id, "outcome": reading.state, "value": str(value), "reading": reading.pk}


# --- readings ---------------------------------------------------------------------------


def reading_receive(
    *,
    feed: MetricFeed,
    delivery_id: str,
    value: Decimal,
    observed_at: datetime.datetime,
    note: str = "",
    now: datetime.datetime | None = None,
) -> tuple[FeedReading, bool]:
    """Keep a value a feed delivered (once per delivery id); returns the reading and whether it is new.

    The same delivery id with another value is a conflict: the sender reused an id.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            reading = FeedReading.objects.create(
                feed=feed, delivery_id=delivery_id, value=value, observed_at=observed_at, note=note, received_at=now
            )
        return reading, True
    except IntegrityError:
        reading = FeedReading.objects.get(feed=feed, delivery_id=delivery_id)
        if reading.value != value:
            raise StateConflict(
                f"Delivery {delivery_id!r} was already received with the value {reading.value}; "
                "send a new delivery id for a new value."
            ) from None
        return reading, False


def reading_record(reading_id: int, *, now: datetime.datetime | None = None) -> FeedReading:
    """Write a pending reading as a check-in (once: the row is claimed first); a failure leaves it pending."""
    now = now or timezone.now()
    error = ""
    with transaction.atomic():
        reading = (
            FeedReading.objects.select_for_update(of=("self",))
            .select_related("feed__goal__cycle", "feed__goal__owner", "feed__created_by")
            .get(pk=reading_id)
        )
        if reading.state != ReadingState.PENDING:
            return reading
        feed, goal = reading.feed, reading.feed.goal
        newer = (
            FeedReading.objects.filter(feed=feed, state=ReadingState.RECORDED, observed_at__gt=reading.observed_at)
            .exclude(pk=reading.pk)
            .exists()
        )
        if newer:
            reading.state = ReadingState.SUPERSEDED
            reading.save(update_fields=["state"])
            return reading
        reading.attempts += 1
        try:
            with transaction.atomic():
                checkin = checkin_create(
                    actor=feed.created_by,
                    goal=goal,
                    value=reading.value,
                    confidence=goal.confidence or Confidence.ON_TRACK,
                    note=reading.note,
                    source=feed.source_label,
                )
        except (PermissionDenied, StateConflict) as refusal:
            error = f"Could not record {reading.value}: {refusal}"
        except ValidationError as invalid:
            error = f"Could not record {reading.value}: {'; '.join(invalid.messages)}"
        except DatabaseError as failure:
            error = f"Could not record {reading.value} yet ({type(failure).__name__}); it will be retried."
        if error:
            reading.error = error[:300]
            reading.save(update_fields=["attempts", "error"])
        else:
            reading.state = ReadingState.RECORDED
            reading.checkin = checkin
            reading.error = ""
            reading.save(update_fields=["state", "checkin", "attempts", "error"])
            _feed_succeeded(feed, reading.value, now)
    if error:
        _feed_failed(reading.feed_id, error, now)
    return reading


def record_pending_readings(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Retry the readings that could not be recorded yet, oldest first; returns how many were recorded."""
    now = now or timezone.now()
    recorded = 0
    pending = FeedReading.objects.filter(state=ReadingState.PENDING).order_by("received_at", "pk")
    for reading_id, attempts, received_at in pending.values_list("pk", "attempts", "received_at")[:limit]:
        if attempts and now - received_at < retry_delay(attempts):
            continue  # back off: 1, 2, 4 ... minutes after it arrived
        if reading_record(reading_id, now=now).state == ReadingState.RECORDED:
            recorded += 1
    return recorded


def feed_fetch_request(*, actor: Person, feed: MetricFeed) -> dict:
    """ "Fetch now": in this process when tasks run in-process (the result), else on a worker (the task id)."""
    from integrations.tasks import fetch_feed_task

    require_perm(
        actor, "integrations.change_metricfeed", feed, "Only those who may check in on the goal fetch its feeds."
    )
    if not feed.is_pulled:
        raise ValidationError({"kind": "A webhook feed is not fetched: its values are pushed to it."})
    if not feed.enabled:
        raise StateConflict("The feed is paused: resume it first.")
    if outbox.runs_in_process(fetch_feed_task):
        return {"result": feed_fetch(feed.pk)}
    sent = outbox.send(fetch_feed_task, feed.pk)
    return {"task_id": sent.task_id, "delayed": sent.delayed}


def feed_push_refused(feed_id: int, error: str, now: datetime.datetime | None = None) -> MetricFeed:
    """A correctly signed push Cascade could not take (not JSON, no number): the sender's bug, counted as a failure."""
    return _feed_failed(feed_id, error, now or timezone.now())
