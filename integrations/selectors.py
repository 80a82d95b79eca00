"""Reads of metric feeds for the pages: a goal's feeds, a feed's readings, every feed's health (fixed queries)."""

from django.conf import settings
from django.db.models import Count, F, QuerySet

from integrations.models import CrmConnection, FeedReading, MetricFeed

RECENT_READINGS = 50


def goal_feeds(goal) -> list[MetricFeed]:
    """The goal's feeds, failing first (one query)."""
    return list(MetricFeed.objects.filter(goal=goal).order_by(F("failing_since").asc(nulls_last=True), "name", "pk"))


def recent_readings(feed: MetricFeed) -> list[FeedReading]:
    return list(FeedReading.objects.filter(feed=feed).order_by("-received_at", "-pk")[:RECENT_READINGS])


def connections_with_use() -> QuerySet[CrmConnection]:
    return CrmConnection.objects.annotate(feed_count=Count("feeds")).select_related("created_by").order_by("name")


def feeds_by_health(limit: int = 200) -> list[MetricFeed]:
    """Every feed (admins see all goals), failing first, then the most recently active."""
    return list(
        MetricFeed.objects.select_related("goal__owner", "goal__cycle", "connection").order_by(
            F("failing_since").asc(nulls_last=True), F("last_attempt_at").desc(nulls_last=True), "pk"
        )[:limit]
    )


def environment_credentials() -> dict[str, bool]:
    """Which CRMs have credentials in the environment (never the values)."""
    salesforce = settings.SALESFORCE_INSTANCE_URL and (
        settings.SALESFORCE_ACCESS_TOKEN or (settings.SALESFORCE_CLIENT_ID and settings.SALESFORCE_CLIENT_SECRET)
    )
    return {"Salesforce": bool(salesforce), "HubSpot": bool(settings.HUBSPOT_ACCESS_TOKEN)}
