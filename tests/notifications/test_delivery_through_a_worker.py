"""Notifications delivered by a real Celery worker (Redis in the PostgreSQL run, memory otherwise)."""

import datetime

import pytest
from django.utils import timezone

from goals import services
from goals.models import Goal, Status
from notifications.models import Kind, Notification
from notifications.tasks import send_checkin_reminders_task
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_approving_a_goal_is_delivered_by_the_worker(celery_worker, people, cascade, mailoutbox):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.SUBMITTED)
    cascade.rep.refresh_from_db()

    services.goal_approve(actor=people.manager, goal=cascade.rep)  # commits at once: the task goes to the broker

    assert wait_for(lambda: Notification.objects.filter(recipient=people.rep, emailed_at__isnull=False).exists())
    notification = Notification.objects.get(recipient=people.rep)
    assert notification.kind == Kind.GOAL_APPROVED
    assert [m.to for m in mailoutbox] == [[people.rep.email]]


def test_the_worker_sends_check_in_reminders(celery_worker, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(last_checkin_at=timezone.now() - datetime.timedelta(days=30))

    result = send_checkin_reminders_task.delay().get(timeout=30)

    assert result["goals_reminded"] >= 1
    assert Notification.objects.filter(recipient=people.rep, kind=Kind.CHECKIN_REMINDER).exists()
    assert Notification.objects.filter(recipient=people.manager, kind=Kind.CHECKIN_OVERDUE).exists()
