"""The inbox, the preferences page, the header badge and the home section."""

import pytest
from django.utils import timezone

from notifications.models import Kind, MutedKind, Notification
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_the_inbox_needs_signing_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_inbox_lists_my_notifications_and_nobody_elses(client, people):
    NotificationFactory(recipient=people.rep, title="Morgan West approved your goal “Riley new ARR”")
    NotificationFactory(recipient=people.peer_rep, title="Private to Pat")
    client.force_login(people.rep)

    html = client.get("/notifications/").content.decode()

    assert "Morgan West approved your goal “Riley new ARR”" in html
    assert "Private to Pat" not in html
    assert "Unread: " in html


def test_unread_only_shows_only_unread(client, people):
    NotificationFactory(recipient=people.rep, title="Still new")
    NotificationFactory(recipient=people.rep, title="Seen before", read_at=timezone.now())
    client.force_login(people.rep)

    html = client.get("/notifications/?show=unread").content.decode()

    assert "Still new" in html and "Seen before" not in html


def test_clicking_through_marks_it_read_and_goes_where_it_leads(client, people, cascade):
    notification = NotificationFactory(recipient=people.rep, url=cascade.rep.get_absolute_url())
    client.force_login(people.rep)

    response = client.get(f"/notifications/{notification.pk}/open/")

    assert response.status_code == 302 and response["Location"] == cascade.rep.get_absolute_url()
    notification.refresh_from_db()
    assert notification.is_read


def test_a_link_off_the_site_is_never_followed(client, people):
    notification = NotificationFactory(recipient=people.rep, url="https://evil.example/")
    client.force_login(people.rep)

    response = client.get(f"/notifications/{notification.pk}/open/")

    assert response["Location"] == "/notifications/"


def test_someone_elses_notification_does_not_exist_for_me(client, people):
    theirs = NotificationFactory(recipient=people.peer_rep)
    client.force_login(people.rep)

    assert client.get(f"/notifications/{theirs.pk}/open/").status_code == 404
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_one_read_with_htmx_swaps_the_item(client, people):
    notification = NotificationFactory(recipient=people.rep, title="Flag on your goal")
    client.force_login(people.rep)

    response = client.post(f"/notifications/{notification.pk}/read/", HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200 and f'id="notification-{notification.pk}"' in html
    assert "Mark read" not in html
    assert 'id="notifications-link"' in html and 'hx-swap-oob="true"' in html  # the header count refreshes
    notification.refresh_from_db()
    assert notification.is_read


def test_marking_a_notification_read_needs_a_post(client, people):
    notification = NotificationFactory(recipient=people.rep)
    client.force_login(people.rep)

    assert client.get(f"/notifications/{notification.pk}/read/").status_code == 405


def test_mark_all_read_marks_only_mine(client, people):
    NotificationFactory.create_batch(3, recipient=people.rep)
    NotificationFactory(recipient=people.peer_rep)
    client.force_login(people.rep)

    response = client.post("/notifications/read-all/", follow=True)

    assert "Marked 3 notifications read." in response.content.decode()
    assert not Notification.objects.filter(recipient=people.rep, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=people.peer_rep, read_at__isnull=True).count() == 1


def test_the_inbox_pages_through_many_notifications(client, people):
    NotificationFactory.create_batch(35, recipient=people.rep)
    client.force_login(people.rep)

    first = client.get("/notifications/").content.decode()
    second = client.get("/notifications/?page=2").content.decode()

    assert "Page 1 of 2" in first and first.count('class="list-item inbox__item') == 30
    assert second.count('class="list-item inbox__item') == 5


def test_the_inbox_costs_a_fixed_number_of_queries(client, people, django_assert_max_num_queries):
    NotificationFactory.create_batch(30, recipient=people.rep, actor=people.manager)
    client.force_login(people.rep)

    with django_assert_max_num_queries(8):
        assert client.get("/notifications/").status_code == 200


def test_an_empty_inbox_says_so(client, people):
    client.force_login(people.rep)
    assert "No notifications yet" in client.get("/notifications/").content.decode()


def test_the_header_shows_the_unread_count_on_every_page(client, people):
    NotificationFactory.create_batch(2, recipient=people.rep)
    NotificationFactory(recipient=people.rep, read_at=timezone.now())
    client.force_login(people.rep)

    html = client.get("/approvals/").content.decode()

    assert '<span class="count count--alert">2<span class="visually-hidden"> unread</span></span>' in html


def test_the_home_page_lists_unread_notifications(client, people):
    notification = NotificationFactory(recipient=people.rep, title="Pat Peer commented on your goal “Riley new ARR”")
    client.force_login(people.rep)

    html = client.get("/").content.decode()

    assert "Unread notifications" in html
    assert "Pat Peer commented on your goal “Riley new ARR”" in html
    assert f"/notifications/{notification.pk}/open/" in html


def test_the_preferences_page_mutes_the_unticked_kinds(client, people):
    client.force_login(people.rep)
    page = client.get("/notifications/settings/").content.decode()
    assert '<label for="id_wanted_0"' in page and "A challenge on my assumption" in page

    wanted = [kind for kind in Kind.values if kind not in (Kind.GOAL_FLAGGED, Kind.CHECKIN_REMINDER)]
    response = client.post("/notifications/settings/", {"wanted": wanted}, follow=True)

    assert "Your notification settings are saved." in response.content.decode()
    assert set(MutedKind.objects.filter(person=people.rep).values_list("kind", flat=True)) == {
        Kind.GOAL_FLAGGED,
        Kind.CHECKIN_REMINDER,
    }
    client.post("/notifications/settings/", {"wanted": Kind.values})
    assert not MutedKind.objects.filter(person=people.rep).exists()


def test_an_unknown_kind_is_an_error_beside_the_field(client, people):
    client.force_login(people.rep)

    response = client.post("/notifications/settings/", {"wanted": ["goal_flagged", "nonsense"]})

    assert response.status_code == 200
    assert "nonsense is not one of the available choices" in response.content.decode()
    assert not MutedKind.objects.exists()
