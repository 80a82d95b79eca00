"""The demo company has a webhook feed with sourced check-ins, a failing feed flagged, and example chat channels."""

import json
from decimal import Decimal

import pytest

from demo.builder import build_demo_company
from goals.models import AlignmentFlag, CheckIn, FlagKind
from integrations.models import MetricFeed
from integrations.signing import signature
from notifications.models import ChatChannel
from tests.clock import TEST_NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_demo_company()


def test_alex_riveras_goal_shows_sourced_checkins_and_a_push_moves_it(demo, client):
    feed = MetricFeed.objects.get(name="Closed-won from the CRM")
    goal = feed.goal
    assert goal.owner.username == "alex.rivera"
    assert CheckIn.objects.filter(goal=goal, source="Webhook: Closed-won from the CRM").count() == 3
    client.force_login(goal.owner.manager)
    assert "via Webhook: Closed-won from the CRM" in client.get(goal.get_absolute_url()).content.decode()

    new_value = goal.current + Decimal(25_000)
    body = json.dumps({"value": str(new_value), "delivery_id": "demo-push-1"}).encode()
    timestamp = int(TEST_NOW.timestamp())
    response = client.post(
        f"/api/feeds/{feed.pk}/webhook/",
        data=body,
        content_type="application/json",
        HTTP_X_CASCADE_TIMESTAMP=str(timestamp),
        HTTP_X_CASCADE_SIGNATURE=signature(feed.webhook_secret, timestamp, body),
    )

    assert response.status_code == 201
    before = goal.progress
    goal.refresh_from_db()
    assert goal.current == new_value and goal.progress > before
    assert CheckIn.objects.filter(goal=goal).order_by("-created", "-id").first().source == feed.source_label


def test_the_failing_feed_is_flagged(demo):
    feed = MetricFeed.objects.get(name="Partner portal bookings")

    flag = AlignmentFlag.objects.open().get(goal=feed.goal, kind=FlagKind.FEED_FAILING)
    assert "Partner portal bookings" in flag.message and flag.severity == "critical"


def test_the_chat_channels_are_examples_switched_off(demo):
    channels = ChatChannel.objects.all()

    assert len(channels) == 2
    assert not any(channel.enabled for channel in channels)
    assert {channel.person.username for channel in channels if channel.person} == {"alex.rivera"}
