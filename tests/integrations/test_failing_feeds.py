"""A failing source backs off, turns failing after a threshold, raises feed_failing, and recovers."""

import datetime
from decimal import Decimal

import pytest

from goals.alignment import scan_cycle
from goals.models import AlignmentFlag, FlagKind
from integrations.models import CrmConnection, FeedKind
from integrations.services import claim_due_feeds, feed_create, feed_fetch, retry_delay
from integrations.tasks import fetch_due_feeds_task
from tests.clock import TEST_NOW
from tests.factories import MetricFeedFactory
from tests.fakes import hubspot
from tests.fakes.hubspot import SEARCH_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(fake_hubspot, people, cascade):
    connection = CrmConnection.objects.create(
        provider="hubspot", name="HubSpot", instance_url=fake_hubspot.url, access_token="t", created_by=people.staff
    )
    return feed_create(
        actor=people.manager, goal=cascade.manager, name="Won deals", kind=FeedKind.HUBSPOT_DEALS, connection=connection
    )


def test_retries_back_off_exponentially_up_to_a_ceiling(settings):
    settings.FEED_RETRY_MAX_MINUTES = 60
    assert [retry_delay(n).total_seconds() / 60 for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_a_failing_source_is_retried_later_each_time_and_flagged_after_the_threshold(
    fake_hubspot, feed, clock, settings, django_capture_on_commit_callbacks
):
    settings.FEED_FAILING_AFTER = 3
    fake_hubspot.route("POST", SEARCH_PATH, hubspot.error(503, "Service unavailable", "SERVICE_UNAVAILABLE"))
    waits = []
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            feed_fetch(feed.pk)
        feed.refresh_from_db()
        waits.append(feed.next_fetch_at - TEST_NOW)
        assert claim_due_feeds() == []  # not due again until the back-off passes

    assert waits == [datetime.timedelta(minutes=1), datetime.timedelta(minutes=2), datetime.timedelta(minutes=4)]
    assert feed.consecutive_failures == 3
    assert feed.failing_since == TEST_NOW
    flag = AlignmentFlag.objects.open().get(goal=feed.goal, kind=FlagKind.FEED_FAILING)  # the rescan after commit
    assert flag.message == (
        f'The metric feed "Won deals" has been failing since {TEST_NOW:%-d %b %Y}: '
        "HubSpot answered HTTP 503: Service unavailable (SERVICE_UNAVAILABLE)."
    )
    assert flag.severity == "warning"


def test_the_flag_turns_critical_after_a_day_and_resolves_with_the_next_value(
    fake_hubspot, feed, clock, settings, django_capture_on_commit_callbacks
):
    settings.FEED_FAILING_AFTER = 1
    fake_hubspot.route("POST", SEARCH_PATH, hubspot.error(500, "Oops", "INTERNAL_ERROR"))
    feed_fetch(feed.pk)
    clock.shift(datetime.timedelta(days=2))
    scan_cycle(feed.goal.cycle_id)
    assert AlignmentFlag.objects.open().get(kind=FlagKind.FEED_FAILING).severity == "critical"

    fake_hubspot.route("POST", SEARCH_PATH, hubspot.search_handler([1500]))
    with django_capture_on_commit_callbacks(execute=True):
        assert feed_fetch(feed.pk)["outcome"] == "recorded"

    feed.refresh_from_db()
    assert feed.failing_since is None and feed.consecutive_failures == 0 and feed.last_error == ""
    assert not AlignmentFlag.objects.open().filter(kind=FlagKind.FEED_FAILING).exists()
    assert AlignmentFlag.objects.get(kind=FlagKind.FEED_FAILING).resolved_at is not None
    feed.goal.refresh_from_db()
    assert feed.goal.current == Decimal(1500)


def test_a_paused_or_dropped_feed_is_not_flagged(cascade, people):
    MetricFeedFactory(goal=cascade.rep, enabled=False, failing_since=TEST_NOW, last_error="Down.")
    dropped = MetricFeedFactory(goal=cascade.peer, failing_since=TEST_NOW, last_error="Down.")
    dropped.goal.status = "dropped"
    dropped.goal.save()

    scan_cycle(cascade.rep.cycle_id)

    assert not AlignmentFlag.objects.filter(kind=FlagKind.FEED_FAILING).exists()


def test_a_private_goals_flag_names_only_the_feed(cascade, people):
    goal = cascade.rep
    goal.visibility = "private"
    goal.save()
    MetricFeedFactory(goal=goal, name="My pipeline", failing_since=TEST_NOW, last_error="Refused.")

    scan_cycle(goal.cycle_id)

    flag = AlignmentFlag.objects.get(kind=FlagKind.FEED_FAILING)
    assert goal.title not in flag.message
    assert '"My pipeline"' in flag.message


def test_the_beat_claims_each_due_feed_once(fake_hubspot, feed, people, cascade):
    fake_hubspot.route("POST", SEARCH_PATH, hubspot.search_handler([10]))
    MetricFeedFactory(goal=cascade.rep, kind="hubspot_deals", next_fetch_at=TEST_NOW, connection=feed.connection)
    paused = MetricFeedFactory(goal=cascade.peer, kind="hubspot_deals", next_fetch_at=TEST_NOW, enabled=False)

    assert fetch_due_feeds_task.delay().get() == {"claimed": 2}
    assert fetch_due_feeds_task.delay().get() == {"claimed": 0}

    feed.refresh_from_db()
    assert feed.last_value == Decimal(10)
    assert feed.next_fetch_at == TEST_NOW + datetime.timedelta(minutes=feed.interval_minutes)
    paused.refresh_from_db()
    assert paused.last_attempt_at is None


def test_feeds_of_closed_cycles_are_not_fetched(feed):
    cycle = feed.goal.cycle
    cycle.phase = "closed"
    cycle.save()

    assert claim_due_feeds() == []


def test_the_beat_runs_the_feeds(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["fetch-metric-feeds"]["task"] == "integrations.tasks.fetch_due_feeds_task"
    assert schedule["record-pending-feed-readings"]["task"] == "integrations.tasks.record_pending_readings_task"
