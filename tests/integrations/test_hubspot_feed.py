"""HubSpot feeds search deals through hubspot-api-client against a local server that answers as HubSpot does."""

import datetime
from decimal import Decimal

import pytest

from goals.models import CheckIn
from integrations.models import CrmConnection, FeedKind, HubSpotMeasure
from integrations.services import feed_create, feed_fetch
from tests.fakes import hubspot
from tests.fakes.hubspot import SEARCH_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture
def connection(fake_hubspot, people):
    return CrmConnection.objects.create(
        provider="hubspot",
        name="HubSpot",
        instance_url=fake_hubspot.url,
        access_token="pat-na1-fake",
        created_by=people.staff,
    )


def deals_feed(people, cascade, connection, **fields):
    fields = {"hubspot_stages": "closedwon", "hubspot_measure": HubSpotMeasure.AMOUNT} | fields
    return feed_create(
        actor=people.manager,
        goal=cascade.manager,
        name="Closed-won deals",
        kind=FeedKind.HUBSPOT_DEALS,
        connection=connection,
        **fields,
    )


def test_the_amounts_of_matching_deals_are_summed_across_pages(fake_hubspot, connection, people, cascade):
    amounts = [1000] * 250 + ["2500.55", None]
    fake_hubspot.route("POST", SEARCH_PATH, hubspot.search_handler(amounts))
    feed = deals_feed(people, cascade, connection, hubspot_pipeline="default", hubspot_owner_id="51234")

    outcome = feed_fetch(feed.pk)

    assert outcome["outcome"] == "recorded"
    cascade.manager.refresh_from_db()
    assert cascade.manager.current == Decimal("252500.55")
    assert CheckIn.objects.get().source == "HubSpot: Closed-won deals"
    searches = fake_hubspot.received("POST", SEARCH_PATH)
    assert len(searches) == 2  # 200 deals a page
    first = searches[0]
    assert first.headers["authorization"] == "Bearer pat-na1-fake"
    filters = {item["propertyName"]: item for item in first.json()["filterGroups"][0]["filters"]}
    assert filters["dealstage"] == {"propertyName": "dealstage", "operator": "IN", "values": ["closedwon"]}
    assert filters["pipeline"]["value"] == "default"
    assert filters["hubspot_owner_id"]["value"] == "51234"
    cycle = cascade.manager.cycle
    closed = filters["closedate"]
    assert closed["operator"] == "BETWEEN"
    assert datetime.datetime.fromtimestamp(int(closed["value"]) / 1000, datetime.UTC).date() == cycle.start
    assert datetime.datetime.fromtimestamp(int(closed["highValue"]) / 1000, datetime.UTC).date() == cycle.end
    assert first.json()["limit"] == 200 and searches[1].json()["after"] == "200"


def test_counting_deals_reads_the_searchs_total(fake_hubspot, connection, people, cascade):
    fake_hubspot.route("POST", SEARCH_PATH, hubspot.search_handler([10] * 37))
    feed = deals_feed(people, cascade, connection, hubspot_measure=HubSpotMeasure.COUNT)

    feed_fetch(feed.pk)

    cascade.manager.refresh_from_db()
    assert cascade.manager.current == Decimal(37)
    assert len(fake_hubspot.received("POST", SEARCH_PATH)) == 1


def test_a_refused_token_is_a_failure_with_hubspots_message(fake_hubspot, connection, people, cascade):
    fake_hubspot.route(
        "POST",
        SEARCH_PATH,
        hubspot.error(401, "Authentication credentials not found.", "INVALID_AUTHENTICATION"),
    )
    feed = deals_feed(people, cascade, connection)

    feed_fetch(feed.pk)

    feed.refresh_from_db()
    assert feed.last_error == (
        "HubSpot refused the access token: Authentication credentials not found. (INVALID_AUTHENTICATION)."
    )
    assert not CheckIn.objects.exists()


def test_the_rate_limit_is_a_failure_retried_later(fake_hubspot, connection, people, cascade):
    fake_hubspot.route("POST", SEARCH_PATH, hubspot.error(429, "You have reached your secondly limit.", "RATE_LIMITS"))
    feed = deals_feed(people, cascade, connection)

    outcome = feed_fetch(feed.pk)

    assert outcome["outcome"] == "failed"
    feed.refresh_from_db()
    assert "rate limit" in feed.last_error
    assert feed.next_fetch_at is not None


def test_more_deals_than_the_search_returns_is_refused(fake_hubspot, connection, people, cascade):
    fake_hubspot.route("POST", SEARCH_PATH, (200, {"total": 12000, "results": []}))
    feed = deals_feed(people, cascade, connection)

    feed_fetch(feed.pk)

    feed.refresh_from_db()
    assert "12000 deals match" in feed.last_error


def test_an_unchanged_value_is_not_recorded_twice_the_same_day(fake_hubspot, connection, people, cascade, clock):
    fake_hubspot.route("POST", SEARCH_PATH, hubspot.search_handler([500, 500]))
    feed = deals_feed(people, cascade, connection)

    assert feed_fetch(feed.pk)["outcome"] == "recorded"
    clock.shift(datetime.timedelta(hours=2))
    assert feed_fetch(feed.pk)["outcome"] == "unchanged"
    clock.shift(datetime.timedelta(days=1))
    assert feed_fetch(feed.pk)["outcome"] == "recorded"

    assert CheckIn.objects.count() == 2
