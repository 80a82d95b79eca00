"""The transactional outbox: work announced to Celery is never lost to a broker that is down.

Every place that hands work to a worker calls ``send`` (or ``send_on_commit``) instead of
``task.delay``:

- With a broker (REDIS_URL set), ``send`` writes an ``OutboxMessage`` row in the caller's
  transaction: the task is announced if, and only if, the change that asked for it commits.
  Once the transaction commits, the row is published with a short connect timeout and no
  retries, and deleted. When the broker cannot be reached the request goes on at once: the
  row stays, this process leaves the broker alone for ``BROKER_PAUSE`` seconds (other
  requests do not wait on it either), and ``core.tasks.drain_outbox`` on the beat publishes
  what is left, with a growing pause between attempts.
- With tasks in-process (the embedded default, no REDIS_URL), there is no outbox: ``send``
  runs the task at once, as ``task.delay`` did, and ``send_on_commit`` once the transaction
  commits, as ``transaction.on_commit(lambda: task.delay(...))`` did.

A task published twice (the row's deletion failed after the broker took it) runs twice:
tasks are idempotent (docs/stack-notes.md, Celery), so that costs time, never data.
"""

import datetime
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from celery import Task, current_app
from django.db import transaction
from django.utils import timezone

from core.models import OutboxMessage
from core.pause import ServicePause

logger = logging.getLogger(__name__)

# Seconds to wait for the broker to accept a connection: a request never waits longer on it.
CONNECT_TIMEOUT = 0.5
# After a failed publish, this process leaves the broker alone for this many seconds.
BROKER_PAUSE = 30.0
# The drain leaves a fresh row this long to the request that wrote it (it publishes right after its commit).
DRAIN_GRACE = datetime.timedelta(seconds=60)
# Pause between the drain's attempts at one row: 30 s, doubling, at most 10 minutes.
RETRY_FIRST = 30
RETRY_MAX = 600
DRAIN_BATCH = 500

QUEUED = "queued"  # the broker has it
DELAYED = "delayed"  # waiting in the outbox for the broker to come back
PENDING = "pending"  # written in a transaction that has not committed yet
RAN = "ran"  # ran in this process (tasks in-process)

broker_pause = ServicePause(BROKER_PAUSE)


@dataclass(slots=True)
class Sent:
    """What became of a task handed to ``send``: its id, and whether a worker will see it soon."""

    task_id: str
    state: str
    result: Any = None
    message_ids: list[int] = field(default_factory=list)

    @property
    def delayed(self) -> bool:
        """True when the broker could not be reached: the task runs once the worker is back."""
        return self.state == DELAYED


def runs_in_process(task: Task) -> bool:
    """True in the embedded default: tasks run in this process and nothing is queued."""
    return bool(task.app.conf.task_always_eager)


def send(task: Task, *args, countdown: int | None = None) -> Sent:
    """Announce ``task(*args)``: with a broker, once the current transaction commits; in-process, now."""
    if runs_in_process(task):
        result = task.delay(*args)
        return Sent(task_id=result.id, state=RAN, result=result.result)
    now = timezone.now()
    message = OutboxMessage.objects.create(
        task_id=str(uuid.uuid4()),
        task_name=task.name,
        args=list(args),
        not_before=now + datetime.timedelta(seconds=countdown) if countdown else None,
        next_attempt_at=now + DRAIN_GRACE,
    )
    sent = Sent(task_id=message.task_id, state=PENDING, message_ids=[message.pk])
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _publish_sent(sent), robust=True)
    else:
        _publish_sent(sent)
    return sent


def send_on_commit(task: Task, *args, countdown: int | None = None) -> None:
    """Announce ``task(*args)`` once the current transaction commits, in-process too."""
    if runs_in_process(task):
        transaction.on_commit(lambda: task.delay(*args))
        return
    send(task, *args, countdown=countdown)


def _publish_sent(sent: Sent) -> None:
    sent.state = QUEUED if publish(sent.message_ids) else DELAYED


def broker_paused() -> bool:
    """True while this process leaves the broker alone after a failed publish."""
    return broker_pause.is_on()


def publish(message_ids: list[int], *, from_drain: bool = False) -> bool:
    """Hand these rows to the broker and delete them; False (rows kept) when it cannot be reached."""
    if not message_ids:
        return True
    if broker_paused() and not from_drain:
        _record_failure(message_ids, "the broker was unreachable a moment ago")
        return False
    app = current_app  # config.celery's app; in a worker test, the test's own app and queue

    try:
        with app.connection_for_write(connect_timeout=CONNECT_TIMEOUT) as connection:
            _check_reachable(app, connection)
            for message in OutboxMessage.objects.filter(pk__in=message_ids).order_by("pk"):
                app.send_task(
                    message.task_name,
                    args=message.args,
                    task_id=message.task_id,
                    eta=message.not_before if message.not_before and message.not_before > timezone.now() else None,
                    connection=connection,
                    retry=False,
                )
                OutboxMessage.objects.filter(pk=message.pk).delete()
    except Exception as error:
        broker_pause.start()
        logger.warning("The broker is unreachable; %d task(s) wait in the outbox: %s", len(message_ids), error)
        _record_failure(message_ids, str(error))
        return False
    broker_pause.end()
    return True


def _check_reachable(app, connection) -> None:
    """Fail within ``CONNECT_TIMEOUT`` when the broker is down (kombu's own connect retries for seconds)."""
    if connection.transport_cls not in ("redis", "rediss"):
        connection.ensure_connection(max_retries=1, timeout=CONNECT_TIMEOUT)
        return
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    client = redis.Redis.from_url(
        app.conf.broker_url,
        socket_connect_timeout=CONNECT_TIMEOUT,
        socket_timeout=CONNECT_TIMEOUT,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        client.ping()
    finally:
        client.close()


def _record_failure(message_ids: list[int], error: str) -> None:
    now = timezone.now()
    for message in OutboxMessage.objects.filter(pk__in=message_ids).only("pk", "attempts"):
        attempts = message.attempts + 1
        wait = min(RETRY_MAX, RETRY_FIRST * 2 ** (attempts - 1))
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=attempts, next_attempt_at=now + datetime.timedelta(seconds=wait), last_error=error[:1000]
        )


def drain(now: datetime.datetime | None = None) -> dict:
    """Publish the rows whose next attempt is due (the beat's ``drain_outbox``); stops at the first failure."""
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(next_attempt_at__lte=now).order_by("pk").values_list("pk", flat=True)[:DRAIN_BATCH]
    )
    published = publish(due, from_drain=True)
    return {"due": len(due), "published": len(due) if published else 0, "waiting": OutboxMessage.objects.count()}
