"""/api/notifications/: my own notifications only; read one, read all."""

import pytest
from django.utils import timezone

from notifications.models import Notification
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_anonymous_callers_are_refused(anonymous):
    assert anonymous.get("/api/notifications/").status_code == 401


def test_the_list_holds_only_my_notifications(api_as, people):
    mine = NotificationFactory(recipient=people.rep, actor=people.manager)
    NotificationFactory(recipient=people.peer_rep)

    body = api_as(people.rep).get("/api/notifications/").json()

    assert body["count"] == 1
    [item] = body["results"]
    assert item["id"] == mine.pk and item["actor"] == people.manager.pk
    assert set(item) == {"id", "kind", "actor", "title", "body", "url", "created", "read_at", "is_read"}


def test_unread_filters_the_list(api_as, people):
    NotificationFactory(recipient=people.rep, title="new")
    NotificationFactory(recipient=people.rep, title="old", read_at=timezone.now())

    unread = api_as(people.rep).get("/api/notifications/?unread=true").json()["results"]
    read = api_as(people.rep).get("/api/notifications/?unread=false").json()["results"]

    assert [n["title"] for n in unread] == ["new"] and [n["title"] for n in read] == ["old"]


def test_reading_one_marks_it_read(api_as, people):
    notification = NotificationFactory(recipient=people.rep)

    response = api_as(people.rep).post(f"/api/notifications/{notification.pk}/read/")

    assert response.status_code == 200 and response.json()["is_read"] is True
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_404(api_as, people):
    theirs = NotificationFactory(recipient=people.peer_rep)

    assert api_as(people.rep).get(f"/api/notifications/{theirs.pk}/").status_code == 404
    assert api_as(people.rep).post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    assert api_as(people.staff).post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_read_all_marks_every_one_of_mine(api_as, people):
    NotificationFactory.create_batch(4, recipient=people.rep)
    NotificationFactory(recipient=people.peer_rep)

    response = api_as(people.rep).post("/api/notifications/read-all/")

    assert response.status_code == 200 and response.json() == {"marked_read": 4}
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_notifications_cannot_be_written_through_the_api(api_as, people):
    notification = NotificationFactory(recipient=people.rep)
    client = api_as(people.rep)

    assert client.post("/api/notifications/", {"title": "x"}, format="json").status_code == 405
    assert client.delete(f"/api/notifications/{notification.pk}/").status_code == 405
