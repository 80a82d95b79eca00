"""Metric feeds and chat channels of the demo company.

- Alex Rivera's new-ARR goal takes its value from a signed webhook (“Closed-won from the CRM”):
  its latest check-ins came through it, so the goal page shows sourced check-ins, and the
  feed's page shows how to push the next value (its secret is made fresh for each demo).
- Another team's manager goal has a webhook feed whose sender keeps pushing values Cascade
  refuses: it is failing, and the scan raises ``feed_failing`` on the goal.
- Alex has a Slack channel and Jordan Blake's team a Teams channel, both switched off and
  pointing at example addresses, so the chat settings page shows what a set-up looks like
  without posting anywhere.
"""

import datetime

from django.utils import timezone

from demo.organisation import Organisation
from goals.models import CheckIn, Cycle, Goal
from integrations.models import FeedKind, FeedReading, MetricFeed, ReadingState
from integrations.signing import new_secret
from notifications.models import ChatChannel, ChatProvider

SOURCED_CHECKINS = 3
EXAMPLE_SLACK_WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
EXAMPLE_TEAMS_WEBHOOK = (
    "https://example.webhook.office.com/webhookb2/00000000-0000-0000-0000-000000000000/IncomingWebhook/0/0"
)


def seed_integrations(org: Organisation, cycle: Cycle, now: datetime.datetime | None = None) -> MetricFeed | None:
    """Add the demo's feeds and chat channels; returns the webhook feed on the showcased rep's goal."""
    now = now or timezone.now()
    team = org.teams[0]
    rep = team.reps[0]
    goal = Goal.objects.filter(cycle=cycle, owner=rep, metric="new ARR").first()
    feed = None
    if goal is not None:
        feed = MetricFeed.objects.create(
            goal=goal,
            name="Closed-won from the CRM",
            kind=FeedKind.WEBHOOK,
            created_by=rep,
            webhook_secret=new_secret(),
            created=now - datetime.timedelta(days=60),
        )
        latest = list(CheckIn.objects.filter(goal=goal).order_by("-created", "-id")[:SOURCED_CHECKINS])
        CheckIn.objects.filter(pk__in=[checkin.pk for checkin in latest]).update(source=feed.source_label)
        FeedReading.objects.bulk_create(
            FeedReading(
                feed=feed,
                delivery_id=f"crm-sync-{checkin.created:%Y-%m-%d}",
                value=checkin.value,
                observed_at=checkin.created,
                received_at=checkin.created,
                state=ReadingState.RECORDED,
                checkin=checkin,
                attempts=1,
            )
            for checkin in latest
        )
        if latest:
            feed.last_success_at = feed.last_attempt_at = latest[0].created
            feed.last_value = latest[0].value
            feed.save(update_fields=["last_success_at", "last_attempt_at", "last_value"])

    if len(org.teams) > 1:
        other = Goal.objects.filter(cycle=cycle, owner=org.teams[1].manager, metric="new ARR").first()
        if other is not None:
            MetricFeed.objects.create(
                goal=other,
                name="Partner portal bookings",
                kind=FeedKind.WEBHOOK,
                created_by=org.teams[1].manager,
                webhook_secret=new_secret(),
                consecutive_failures=4,
                failing_since=now - datetime.timedelta(hours=30),
                last_attempt_at=now - datetime.timedelta(hours=2),
                last_error="A signed push was refused: value: A valid number is required.",
                created=now - datetime.timedelta(days=20),
            )

    ChatChannel.objects.create(
        person=rep, provider=ChatProvider.SLACK_WEBHOOK, webhook_url=EXAMPLE_SLACK_WEBHOOK, enabled=False
    )
    ChatChannel.objects.create(
        team_manager=team.manager, provider=ChatProvider.TEAMS_WEBHOOK, webhook_url=EXAMPLE_TEAMS_WEBHOOK, enabled=False
    )
    return feed
