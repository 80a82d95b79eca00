"""The pages of metric feeds: the goal page's card, adding and editing a feed, its page, and the admins' overview."""

import pytest

from integrations.models import CrmConnection, MetricFeed
from tests.clock import TEST_NOW
from tests.factories import GoalFactory, MetricFeedFactory
from tests.fakes import hubspot
from tests.fakes.hubspot import SEARCH_PATH

pytestmark = pytest.mark.django_db


def test_the_goal_page_shows_its_feeds_and_a_failing_ones_error(client, people, cascade):
    MetricFeedFactory(
        goal=cascade.rep, name="CRM sync", failing_since=TEST_NOW, consecutive_failures=4, last_error="Refused."
    )
    client.force_login(people.peer_rep)

    html = client.get(cascade.rep.get_absolute_url()).content.decode()

    assert "Metric feeds" in html and "CRM sync" in html
    assert "Failing since" in html and "Refused." in html
    assert "Add a metric feed" not in html  # a peer may not check in on Riley's goal


def test_a_rep_adds_a_webhook_feed_and_sees_how_to_sign_pushes(client, people, cascade):
    client.force_login(people.rep)
    form = client.get(f"/goals/{cascade.rep.pk}/feeds/new/").content.decode()
    assert 'value="webhook"' in form and 'value="hubspot_deals"' not in form  # reps push; managers query the CRM

    response = client.post(
        f"/goals/{cascade.rep.pk}/feeds/new/",
        {"name": "My sync", "kind": "webhook", "interval_minutes": 60, "hubspot_measure": "amount"},
    )

    feed = MetricFeed.objects.get()
    assert response.status_code == 302 and response.url == f"/feeds/{feed.pk}/"
    page = client.get(response.url).content.decode()
    assert feed.webhook_secret in page
    assert f"http://testserver/api/feeds/{feed.pk}/webhook/" in page
    assert "openssl dgst -sha256 -hmac" in page


def test_a_bad_source_is_shown_beside_its_field_and_nothing_is_saved(client, people, cascade, settings):
    settings.HUBSPOT_ACCESS_TOKEN = "pat"
    client.force_login(people.manager)

    response = client.post(
        f"/goals/{cascade.manager.pk}/feeds/new/",
        {
            "name": "Deals",
            "kind": "hubspot_deals",
            "hubspot_stages": " , ",
            "hubspot_measure": "amount",
            "interval_minutes": 60,
        },
    )

    assert response.status_code == 200
    assert "Name at least one deal stage" in response.content.decode()
    assert not MetricFeed.objects.exists()


def test_fetch_now_fetches_and_says_what_came(client, people, cascade, fake_hubspot):
    fake_hubspot.route("POST", SEARCH_PATH, hubspot.search_handler([1000, 2500]))
    connection = CrmConnection.objects.create(
        provider="hubspot", name="HubSpot", instance_url=fake_hubspot.url, access_token="t", created_by=people.staff
    )
    feed = MetricFeedFactory(
        goal=cascade.manager, kind="hubspot_deals", connection=connection, created_by=people.manager
    )
    client.force_login(people.manager)

    html = client.post(f"/feeds/{feed.pk}/fetch/", follow=True).content.decode()

    assert "Fetched 3500.00 (recorded)" in html
    assert "Check-in" in html


def test_pausing_and_removing_from_the_feed_page(client, people, cascade):
    feed = MetricFeedFactory(goal=cascade.rep, name="Sync")
    client.force_login(people.manager)

    client.post(f"/feeds/{feed.pk}/toggle/")
    feed.refresh_from_db()
    assert feed.enabled is False
    assert client.post(f"/feeds/{feed.pk}/delete/").url == cascade.rep.get_absolute_url()
    assert not MetricFeed.objects.exists()


def test_a_peer_cannot_change_a_feed(client, people, cascade):
    feed = MetricFeedFactory(goal=cascade.rep)
    client.force_login(people.peer_rep)

    assert client.post(f"/feeds/{feed.pk}/toggle/").status_code == 403
    assert client.get(f"/feeds/{feed.pk}/edit/").status_code == 403
    assert "Show the signing secret" not in client.get(f"/feeds/{feed.pk}/").content.decode()


def test_a_private_goals_feed_does_not_exist_for_outsiders(client, people, cycle):
    feed = MetricFeedFactory(goal=GoalFactory(cycle=cycle, owner=people.rep, visibility="private"))
    client.force_login(people.other_rep)

    assert client.get(f"/feeds/{feed.pk}/").status_code == 404


def test_editing_a_feed_keeps_its_kind(client, people, cascade):
    feed = MetricFeedFactory(goal=cascade.rep, name="Old name")
    client.force_login(people.rep)

    client.post(
        f"/feeds/{feed.pk}/edit/",
        {"name": "New name", "kind": "hubspot_deals", "interval_minutes": 60, "hubspot_measure": "amount"},
    )

    feed.refresh_from_db()
    assert feed.name == "New name" and feed.kind == "webhook"


def test_admins_store_a_connection_whose_secret_never_shows_again(client, people):
    client.force_login(people.staff)
    response = client.post(
        "/integrations/connections/new/",
        {"provider": "hubspot", "name": "HubSpot prod", "access_token": "pat-na1-very-secret"},
    )
    assert response.status_code == 302

    connection = CrmConnection.objects.get()
    assert connection.access_token == "pat-na1-very-secret"
    page = client.get(f"/integrations/connections/{connection.pk}/").content.decode()
    overview = client.get("/integrations/").content.decode()
    assert "pat-na1-very-secret" not in page + overview
    assert "HubSpot prod" in overview


def test_the_integrations_page_is_for_admins(client, people):
    client.force_login(people.manager)

    assert client.get("/integrations/").status_code == 403
    assert "/integrations/" not in client.get("/").content.decode()
