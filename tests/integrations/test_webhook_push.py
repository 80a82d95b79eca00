"""A signed push to a webhook feed becomes a sourced check-in; bad pushes get a clear 400/401/404/409."""

import datetime
import json
from decimal import Decimal

import pytest

from goals.models import CheckIn
from integrations.models import FeedReading, ReadingState
from tests.clock import TEST_NOW

pytestmark = pytest.mark.django_db


def test_a_signed_push_moves_the_goal_and_shows_as_a_sourced_checkin(webhook_feed, push, client, people):
    response = push(webhook_feed, {"value": "50000", "delivery_id": "crm-sync-1", "note": "Nightly sync"})

    assert response.status_code == 201, response.content
    goal = webhook_feed.goal
    goal.refresh_from_db()
    assert goal.current == Decimal(50_000)
    assert goal.progress == pytest.approx(0.25)
    checkin = CheckIn.objects.get(goal=goal)
    assert checkin.source == "Webhook: Closed-won bookings"
    assert checkin.author == people.rep
    assert response.json()["reading"]["checkin"] == checkin.pk

    client.force_login(people.manager)
    page = client.get(goal.get_absolute_url()).content.decode()
    assert "via Webhook: Closed-won bookings" in page
    api = client.get(f"/api/goals/{goal.pk}/checkins/").json()
    assert api["results"][0]["source"] == "Webhook: Closed-won bookings"


def test_the_same_delivery_twice_records_one_checkin(webhook_feed, push):
    first = push(webhook_feed, {"value": 1200, "delivery_id": "d-1"})
    again = push(webhook_feed, {"value": 1200, "delivery_id": "d-1"})

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert CheckIn.objects.filter(goal=webhook_feed.goal).count() == 1


def test_a_delivery_id_reused_for_another_value_is_a_conflict(webhook_feed, push):
    push(webhook_feed, {"value": 1200, "delivery_id": "d-1"})
    response = push(webhook_feed, {"value": 9999, "delivery_id": "d-1"})

    assert response.status_code == 409
    assert "already received" in response.json()["detail"]
    assert CheckIn.objects.filter(goal=webhook_feed.goal).count() == 1


def test_the_delivery_id_may_come_as_a_header(webhook_feed, push):
    response = push(webhook_feed, {"value": 10}, HTTP_X_CASCADE_DELIVERY="header-id")

    assert response.status_code == 201
    assert FeedReading.objects.get().delivery_id == "header-id"


def test_an_unsigned_push_is_refused_with_what_to_send(webhook_feed, client):
    response = client.post(
        f"/api/feeds/{webhook_feed.pk}/webhook/", data={"value": 1, "delivery_id": "x"}, content_type="application/json"
    )

    assert response.status_code == 401
    assert "X-Cascade-Signature" in response.json()["detail"]
    assert not CheckIn.objects.exists()


def test_a_wrong_signature_is_refused_shown_on_the_feed_but_not_counted_as_a_failure(webhook_feed, push):
    response = push(webhook_feed, {"value": 1, "delivery_id": "x"}, secret="cwh_someone-else")

    assert response.status_code == 401
    assert "signature does not match" in response.json()["detail"]
    webhook_feed.refresh_from_db()
    assert webhook_feed.last_refusal.startswith("The signature does not match")
    assert webhook_feed.last_refused_at == TEST_NOW
    assert webhook_feed.consecutive_failures == 0
    assert not CheckIn.objects.exists()


def test_a_push_signed_too_long_ago_is_refused_as_a_possible_replay(webhook_feed, push):
    response = push(webhook_feed, {"value": 1, "delivery_id": "x"}, timestamp=int(TEST_NOW.timestamp()) - 301)

    assert response.status_code == 401
    assert "301 seconds" in response.json()["detail"]


def test_a_timestamp_that_is_not_a_number_is_bad_input(webhook_feed, client):
    response = client.post(
        f"/api/feeds/{webhook_feed.pk}/webhook/",
        data=b"{}",
        content_type="application/json",
        HTTP_X_CASCADE_TIMESTAMP="yesterday",
        HTTP_X_CASCADE_SIGNATURE="sha256=00",
    )

    assert response.status_code == 400
    assert "Unix time" in response.json()["detail"]


def test_a_signed_body_that_is_not_json_is_refused_and_counted(webhook_feed, push):
    response = push(webhook_feed, None, raw=b"value=12")

    assert response.status_code == 400
    assert "not JSON" in response.json()["detail"]
    webhook_feed.refresh_from_db()
    assert webhook_feed.consecutive_failures == 1
    assert "not JSON" in webhook_feed.last_error


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"value": "lots", "delivery_id": "a"}, "value"),
        ({"delivery_id": "a"}, "value"),
        ({"value": "1e20", "delivery_id": "a"}, "value"),
        ({"value": 5}, "delivery_id"),
        ({"value": 5, "delivery_id": "a", "observed_at": "last tuesday"}, "observed_at"),
    ],
)
def test_bad_values_get_a_400_naming_the_field(webhook_feed, push, payload, field):
    response = push(webhook_feed, payload)

    assert response.status_code == 400
    assert field in response.json()
    assert not CheckIn.objects.exists()


def test_a_json_list_is_not_a_push(webhook_feed, push):
    response = push(webhook_feed, None, raw=json.dumps([1, 2]).encode())

    assert response.status_code == 400


def test_pushing_to_a_feed_that_does_not_exist_or_is_not_a_webhook_is_404(webhook_feed, push):
    from tests.factories import MetricFeedFactory

    crm_feed = MetricFeedFactory(goal=webhook_feed.goal, kind="hubspot_deals", webhook_secret="")
    webhook_feed.pk += 1000
    assert push(webhook_feed, {"value": 1, "delivery_id": "x"}).status_code == 404
    assert push(crm_feed, {"value": 1, "delivery_id": "x"}).status_code == 404


def test_a_paused_feed_refuses_pushes(webhook_feed, push):
    webhook_feed.enabled = False
    webhook_feed.save()

    response = push(webhook_feed, {"value": 1, "delivery_id": "x"})

    assert response.status_code == 409
    assert "paused" in response.json()["detail"]


def test_a_closed_cycle_takes_no_more_values(webhook_feed, push):
    cycle = webhook_feed.goal.cycle
    cycle.phase = "closed"
    cycle.save()

    response = push(webhook_feed, {"value": 1, "delivery_id": "x"})

    assert response.status_code == 409
    assert "closed" in response.json()["detail"]


def test_a_late_older_value_is_kept_but_does_not_move_the_goal_back(webhook_feed, push):
    push(webhook_feed, {"value": 900, "delivery_id": "new", "observed_at": TEST_NOW.isoformat()})
    late = push(webhook_feed, {"value": 300, "delivery_id": "old", "observed_at": "2020-01-01T00:00:00Z"})

    assert late.status_code == 201
    assert late.json()["reading"]["state"] == ReadingState.SUPERSEDED
    webhook_feed.goal.refresh_from_db()
    assert webhook_feed.goal.current == Decimal(900)
    assert CheckIn.objects.count() == 1


def test_a_value_that_cannot_be_recorded_yet_is_kept_and_recorded_later(webhook_feed, push, people):
    from integrations.services import record_pending_readings

    # The rep who set the feed up moved to another team: their rights on the goal are gone for now.
    rep = people.rep
    rep.manager = people.other_manager
    rep.save()
    goal = webhook_feed.goal
    goal.owner = people.peer_rep
    goal.save()

    response = push(webhook_feed, {"value": 777, "delivery_id": "kept"})

    assert response.status_code == 202
    reading = FeedReading.objects.get()
    assert reading.state == ReadingState.PENDING
    assert "Check-ins are posted by" in reading.error
    assert not CheckIn.objects.exists()

    goal.owner = rep
    goal.save()
    assert record_pending_readings(now=TEST_NOW) == 0  # it waits a minute before trying again
    assert record_pending_readings(now=TEST_NOW + datetime.timedelta(minutes=5)) == 1
    reading.refresh_from_db()
    assert reading.state == ReadingState.RECORDED
    goal.refresh_from_db()
    assert goal.current == Decimal(777)


def test_a_refused_signed_push_says_which_field_on_the_feed(webhook_feed, push):
    push(webhook_feed, {"value": "lots", "delivery_id": "a"})

    webhook_feed.refresh_from_db()
    assert webhook_feed.last_error == "A signed push was refused: value: A valid number is required."
