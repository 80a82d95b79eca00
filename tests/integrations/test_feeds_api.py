"""/api/feeds/: who may attach, see, change and fetch a goal's metric feeds; CRM connections for admins."""

import pytest
from django.db import connection as db_connection

from goals.models import CheckIn
from integrations.models import CrmConnection, FeedReading, MetricFeed
from tests.factories import GoalFactory, MetricFeedFactory

pytestmark = pytest.mark.django_db


def test_a_rep_attaches_a_webhook_feed_and_gets_its_secret_once(api_as, people, cascade):
    response = api_as(people.rep).post(
        "/api/feeds/", {"goal": cascade.rep.pk, "name": "My CRM sync", "kind": "webhook"}, format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["webhook_secret"].startswith("cwh_")
    assert body["webhook_url"].endswith(f"/api/feeds/{body['id']}/webhook/")
    assert body["source_label"] == "Webhook: My CRM sync"
    assert "webhook_secret" not in api_as(people.rep).get(f"/api/feeds/{body['id']}/").json()


def test_the_secret_is_stored_encrypted(api_as, people, cascade):
    api_as(people.rep).post("/api/feeds/", {"goal": cascade.rep.pk, "name": "Sync", "kind": "webhook"}, format="json")
    feed = MetricFeed.objects.get()

    with db_connection.cursor() as cursor:
        cursor.execute("SELECT webhook_secret FROM integrations_metricfeed WHERE id = %s", [feed.pk])
        stored = cursor.fetchone()[0]

    assert stored.startswith("fernet:")
    assert feed.webhook_secret not in stored


def test_a_rep_may_not_set_up_a_crm_feed(api_as, people, cascade, settings):
    settings.HUBSPOT_ACCESS_TOKEN = "pat"
    response = api_as(people.rep).post(
        "/api/feeds/", {"goal": cascade.rep.pk, "name": "Deals", "kind": "hubspot_deals"}, format="json"
    )

    assert response.status_code == 400
    assert "managers and admins" in response.json()["kind"][0]


def test_a_crm_feed_needs_credentials_somewhere(api_as, people, cascade):
    response = api_as(people.manager).post(
        "/api/feeds/",
        {"goal": cascade.manager.pk, "name": "Q", "kind": "salesforce_soql", "soql": "SELECT COUNT() FROM Lead"},
        format="json",
    )

    assert response.status_code == 400
    assert "No Salesforce credentials" in response.json()["connection"][0]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "salesforce_soql", "soql": ""}, "soql"),
        ({"kind": "salesforce_soql", "soql": "DELETE FROM Lead"}, "soql"),
        ({"kind": "salesforce_report", "report_id": "hello"}, "report_id"),
        ({"kind": "hubspot_deals", "hubspot_stages": " , "}, "hubspot_stages"),
        ({"kind": "hubspot_deals", "interval_minutes": 1}, "interval_minutes"),
        ({"kind": "smoke_signals"}, "kind"),
    ],
)
def test_bad_source_settings_get_a_field_message(api_as, people, cascade, settings, fields, field):
    settings.SALESFORCE_INSTANCE_URL, settings.SALESFORCE_ACCESS_TOKEN = "https://acme.my.salesforce.com", "t"
    settings.HUBSPOT_ACCESS_TOKEN = "pat"
    response = api_as(people.manager).post(
        "/api/feeds/", {"goal": cascade.manager.pk, "name": "Feed"} | fields, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()


def test_a_peer_may_not_attach_a_feed_to_someone_elses_goal(api_as, people, cascade):
    response = api_as(people.peer_rep).post(
        "/api/feeds/", {"goal": cascade.rep.pk, "name": "Mine now", "kind": "webhook"}, format="json"
    )

    assert response.status_code == 403


def test_a_private_goal_is_no_goal_to_outsiders(api_as, people, cycle):
    hidden = GoalFactory(cycle=cycle, owner=people.rep, visibility="private")
    MetricFeedFactory(goal=hidden)

    response = api_as(people.other_rep).post(
        "/api/feeds/", {"goal": hidden.pk, "name": "x", "kind": "webhook"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["goal"] == ["There is no goal with that id."]
    assert api_as(people.other_rep).get("/api/feeds/").json()["count"] == 0
    assert api_as(people.manager).get("/api/feeds/").json()["count"] == 1


def test_feeds_filter_by_goal_and_failing(api_as, people, cascade):
    from tests.clock import TEST_NOW

    MetricFeedFactory(goal=cascade.rep, failing_since=TEST_NOW)
    MetricFeedFactory(goal=cascade.peer)

    everyone = api_as(people.peer_rep)
    assert everyone.get("/api/feeds/?failing=true").json()["count"] == 1
    assert everyone.get(f"/api/feeds/?goal={cascade.peer.pk}").json()["count"] == 1


def test_pausing_renaming_and_removing_a_feed(api_as, people, cascade, webhook_feed, push):
    push(webhook_feed, {"value": 10, "delivery_id": "a"})
    manager = api_as(people.manager)

    paused = manager.patch(f"/api/feeds/{webhook_feed.pk}/", {"enabled": False, "name": "Renamed"}, format="json")
    assert paused.status_code == 200
    assert paused.json()["enabled"] is False and paused.json()["name"] == "Renamed"
    assert (
        api_as(people.peer_rep).patch(f"/api/feeds/{webhook_feed.pk}/", {"name": "x"}, format="json").status_code == 403
    )

    assert manager.delete(f"/api/feeds/{webhook_feed.pk}/").status_code == 204
    assert CheckIn.objects.get().source == "Webhook: Closed-won bookings"  # the history stays


def test_the_goal_and_kind_of_a_feed_do_not_change(api_as, people, webhook_feed, cascade):
    response = api_as(people.rep).patch(
        f"/api/feeds/{webhook_feed.pk}/", {"goal": cascade.peer.pk, "kind": "hubspot_deals"}, format="json"
    )

    webhook_feed.refresh_from_db()
    assert response.status_code == 200
    assert webhook_feed.goal == cascade.rep and webhook_feed.kind == "webhook"


def test_rotating_the_secret_retires_the_old_one(api_as, people, webhook_feed, push):
    response = api_as(people.rep).post(f"/api/feeds/{webhook_feed.pk}/rotate-secret/")

    assert response.status_code == 200
    new_secret = response.json()["webhook_secret"]
    assert push(webhook_feed, {"value": 1, "delivery_id": "old"}).status_code == 401
    assert push(webhook_feed, {"value": 1, "delivery_id": "new"}, secret=new_secret).status_code == 201


def test_readings_list_what_the_feed_delivered(api_as, people, webhook_feed, push):
    push(webhook_feed, {"value": 10, "delivery_id": "a"})
    push(webhook_feed, {"value": 20, "delivery_id": "b"})

    readings = api_as(people.peer_rep).get(f"/api/feeds/{webhook_feed.pk}/readings/").json()

    assert [item["delivery_id"] for item in readings["results"]] == ["b", "a"]
    assert all(item["state"] == "recorded" and item["checkin"] for item in readings["results"])


def test_fetching_a_webhook_feed_is_bad_input(api_as, people, webhook_feed):
    response = api_as(people.rep).post(f"/api/feeds/{webhook_feed.pk}/fetch/")

    assert response.status_code == 400
    assert "pushed" in response.json()["kind"][0]


def test_the_feeds_list_costs_a_fixed_number_of_queries(api_as, people, cascade, django_assert_max_num_queries):
    for goal in (cascade.rep, cascade.peer, cascade.manager):
        MetricFeedFactory.create_batch(3, goal=goal)
    client = api_as(people.manager)
    client.get("/api/feeds/")

    with django_assert_max_num_queries(4):
        assert client.get("/api/feeds/").json()["count"] == 9


def test_admins_store_crm_connections_and_never_read_the_secrets_back(api_as, people):
    response = api_as(people.staff).post(
        "/api/crm-connections/",
        {"provider": "hubspot", "name": "HubSpot", "access_token": "pat-na1-secret"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert "access_token" not in body and body["has_access_token"] is True
    assert CrmConnection.objects.get().access_token == "pat-na1-secret"
    assert api_as(people.manager).get("/api/crm-connections/").status_code == 403

    kept = api_as(people.staff).patch(f"/api/crm-connections/{body['id']}/", {"access_token": ""}, format="json")
    assert kept.status_code == 200
    assert CrmConnection.objects.get().access_token == "pat-na1-secret"


def test_a_salesforce_connection_must_be_https_with_credentials(api_as, people):
    response = api_as(people.staff).post(
        "/api/crm-connections/",
        {"provider": "salesforce", "name": "SF", "instance_url": "http://acme.my.salesforce.com"},
        format="json",
    )

    assert response.status_code == 400
    assert {"instance_url", "access_token"} <= set(response.json())


def test_a_connection_in_use_is_not_removed(api_as, people, cascade):
    connection = CrmConnection.objects.create(provider="hubspot", name="H", access_token="t", created_by=people.staff)
    MetricFeedFactory(goal=cascade.manager, kind="hubspot_deals", connection=connection)

    assert api_as(people.staff).delete(f"/api/crm-connections/{connection.pk}/").status_code == 409
    assert FeedReading.objects.count() == 0
