"""Redis down, then back: a notification announced during the outage reaches a real worker (core.outbox)."""

import pytest
from celery import current_app

from core import outbox
from core.models import OutboxMessage
from goals import services
from goals.models import Goal, Status
from notifications.models import Notification
from notifications.tasks import notify_task
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

REFUSING_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_work_announced_while_the_broker_is_down_runs_once_it_is_back(celery_worker, people, cascade, mailoutbox):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.SUBMITTED)
    cascade.rep.refresh_from_db()
    conf = current_app.conf
    broker_url = conf.broker_url
    conf.broker_url = REFUSING_BROKER
    try:
        services.goal_approve(actor=people.manager, goal=cascade.rep)  # commits at once
    finally:
        conf.broker_url = broker_url
        outbox.broker_pause.end()

    message = OutboxMessage.objects.get(task_name=notify_task.name)
    assert message.attempts == 1
    assert not Notification.objects.exists()

    drained = outbox.drain(now=message.next_attempt_at)  # the beat's drain, once the row is due

    assert drained == {"due": 1, "published": 1, "waiting": 0}
    assert wait_for(lambda: Notification.objects.filter(recipient=people.rep, emailed_at__isnull=False).exists())
    assert [m.to for m in mailoutbox] == [[people.rep.email]]
