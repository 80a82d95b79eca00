"""The outbox (core.outbox): work announced while the broker is down waits in the database, and nothing hangs."""

import datetime

import pytest
from celery import current_app
from django.db import transaction
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage
from core.tasks import drain_outbox
from goals import services
from goals.models import Goal, Status
from goals.tasks import scan_cycle_task
from notifications.models import Notification
from notifications.tasks import notify_task

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: the connection is refused at once, as when Redis is stopped.
REFUSING_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_down():
    """Tasks go to a broker (REDIS_URL set) that refuses connections."""
    conf = current_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, REFUSING_BROKER
    outbox.broker_pause.end()
    yield
    conf.task_always_eager, conf.broker_url = saved
    outbox.broker_pause.end()


@pytest.fixture
def memory_broker():
    """Tasks go to kombu's in-memory broker; ``received()`` reads what reached the default queue."""
    conf = current_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, "memory://"
    outbox.broker_pause.end()

    def received() -> list[tuple[str, list]]:
        found = []
        with current_app.connection_for_read() as connection:
            queue = connection.SimpleQueue(conf.task_default_queue)
            while queue.qsize():
                message = queue.get(timeout=1)
                found.append((message.headers["task"], message.payload[0]))
                message.ack()
            queue.close()
        return found

    received()  # an earlier test's leftovers
    yield received
    conf.task_always_eager, conf.broker_url = saved
    outbox.broker_pause.end()


def test_in_process_a_task_runs_at_once_and_nothing_is_stored(cycle):
    sent = outbox.send(scan_cycle_task, cycle.pk)

    assert sent.state == outbox.RAN
    assert sent.result["cycle_id"] == cycle.pk
    assert not OutboxMessage.objects.exists()


def test_in_process_send_on_commit_waits_for_the_commit(cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outbox.send_on_commit(scan_cycle_task, cycle.pk)

    assert len(callbacks) == 1
    assert not OutboxMessage.objects.exists()


def test_with_the_broker_down_the_task_waits_in_the_outbox(broker_down, cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = outbox.send(scan_cycle_task, cycle.pk, countdown=45)
        assert sent.state == outbox.PENDING  # nothing leaves before the commit

    assert sent.delayed
    message = OutboxMessage.objects.get()
    assert (message.task_name, message.args, message.task_id) == (
        "goals.tasks.scan_cycle_task",
        [cycle.pk],
        sent.task_id,
    )
    assert message.not_before == timezone.now() + datetime.timedelta(seconds=45)
    assert message.attempts == 1
    assert "Connection refused" in message.last_error
    assert message.next_attempt_at == timezone.now() + datetime.timedelta(seconds=outbox.RETRY_FIRST)


def test_a_rolled_back_change_announces_nothing(broker_down, cycle):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.send(scan_cycle_task, cycle.pk)
        raise RuntimeError("the change failed")

    assert not OutboxMessage.objects.exists()


def test_after_one_refusal_requests_leave_the_broker_alone(
    broker_down, cycle, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send(scan_cycle_task, cycle.pk)
    tried = []
    monkeypatch.setattr(outbox, "_check_reachable", lambda *args: tried.append(args))

    with django_capture_on_commit_callbacks(execute=True):
        second = outbox.send(scan_cycle_task, cycle.pk)

    assert second.delayed
    assert tried == []
    assert OutboxMessage.objects.count() == 2


def test_the_drain_backs_off_while_the_broker_stays_down(broker_down, cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send(scan_cycle_task, cycle.pk)  # the first refusal: the next attempt in 30 s
    waits = []
    for _ in range(6):
        outbox.drain(now=OutboxMessage.objects.get().next_attempt_at)
        waits.append(round((OutboxMessage.objects.get().next_attempt_at - timezone.now()).total_seconds()))

    assert waits == [60, 120, 240, 480, 600, 600]
    assert OutboxMessage.objects.get().attempts == 7


def test_once_the_broker_is_back_the_drain_publishes_and_forgets(
    broker_down, cycle, django_capture_on_commit_callbacks, memory_broker
):
    current_app.conf.broker_url = REFUSING_BROKER
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send(scan_cycle_task, cycle.pk)
    current_app.conf.broker_url = "memory://"  # the broker is back
    message = OutboxMessage.objects.get()
    assert memory_broker() == []

    drained = drain_outbox.run()  # the beat's task, run on a worker

    assert drained == {"due": 0, "published": 0, "waiting": 1}  # not due yet: it backs off
    drained = outbox.drain(now=message.next_attempt_at)
    assert drained == {"due": 1, "published": 1, "waiting": 0}
    assert memory_broker() == [("goals.tasks.scan_cycle_task", [cycle.pk])]


def test_with_a_broker_up_the_task_is_published_after_the_commit(
    memory_broker, cycle, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = outbox.send(scan_cycle_task, cycle.pk)

    assert sent.state == outbox.QUEUED
    assert not OutboxMessage.objects.exists()
    assert memory_broker() == [("goals.tasks.scan_cycle_task", [cycle.pk])]


def test_a_notification_is_kept_while_the_broker_is_down(
    broker_down, people, cascade, django_capture_on_commit_callbacks
):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.SUBMITTED)
    cascade.rep.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.goal_approve(actor=people.manager, goal=cascade.rep)

    cascade.rep.refresh_from_db()
    assert cascade.rep.status == Status.APPROVED
    message = OutboxMessage.objects.get(task_name=notify_task.name)
    assert message.args[0][0][0] == "goal_status_changed"
    assert not Notification.objects.exists()  # delivered once the worker is back, not lost


@pytest.mark.django_db(transaction=True)
def test_scan_now_with_the_broker_down_says_it_is_queued(broker_down, client, people, cycle):
    client.force_login(people.cro)

    response = client.post(f"/alignment/{cycle.pk}/scan/", follow=True)  # committed at once, as served

    assert response.status_code == 200
    assert "queued; it will run when the worker is back" in response.content.decode()
    assert OutboxMessage.objects.filter(task_name=scan_cycle_task.name, args=[cycle.pk]).exists()


@pytest.mark.django_db(transaction=True)
def test_fetch_now_with_the_broker_down_says_it_is_queued(broker_down, client, people, cascade):
    from integrations.models import CrmConnection
    from integrations.tasks import fetch_feed_task
    from tests.factories import MetricFeedFactory

    connection = CrmConnection.objects.create(
        provider="hubspot", name="HubSpot", instance_url="http://127.0.0.1:9", access_token="t", created_by=people.staff
    )
    feed = MetricFeedFactory(
        goal=cascade.manager, kind="hubspot_deals", connection=connection, created_by=people.manager
    )
    client.force_login(people.manager)

    html = client.post(f"/feeds/{feed.pk}/fetch/", follow=True).content.decode()

    assert "The fetch is queued; it will run when the worker is back." in html
    assert OutboxMessage.objects.filter(task_name=fetch_feed_task.name, args=[feed.pk]).exists()
