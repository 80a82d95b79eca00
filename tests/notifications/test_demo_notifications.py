"""The demo company comes with believable notifications, seeded without a burst of email."""

import pytest

from accounts.models import Person
from demo.builder import build_demo_company
from notifications.models import Kind, Notification
from notifications.reminders import send_checkin_reminders

# Committed for real, so the scan's announcements run when they would in seed_demo.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_seeds_notifications_without_sending_email(mailoutbox):
    build_demo_company()

    rep = Person.objects.get(username="alex.rivera")
    manager = Person.objects.get(username="jordan.blake")
    mine = Notification.objects.filter(recipient=rep)
    assert mine.filter(kind=Kind.GOAL_APPROVED).exists()
    assert mine.filter(read_at__isnull=True).exists()
    assert Notification.objects.filter(read_at__isnull=False).exists()
    assert Notification.objects.filter(recipient=manager).exists()
    assert Notification.objects.filter(kind=Kind.GOAL_FLAGGED).exists()
    assert Notification.objects.filter(kind=Kind.CHECKIN_REMINDER).exists()
    assert Notification.objects.filter(kind=Kind.CHECKIN_OVERDUE).exists()
    assert mailoutbox == []
    # Today's reminders went out with the seed: the first beat run adds nothing.
    assert send_checkin_reminders()["delivered"] == 0
