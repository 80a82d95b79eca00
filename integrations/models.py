"""Metric feeds: where a goal's current value comes from when nobody types it.

A ``MetricFeed`` belongs to one goal and pulls a number from a CRM (a Salesforce SOQL
aggregate or report, HubSpot deals) on the beat, or takes numbers pushed to its signed
webhook. Every value it gets is kept first as a ``FeedReading`` and then written as a
check-in tagged with the feed (``CheckIn.source``), so a value is never lost between
the two. ``CrmConnection`` holds CRM credentials, encrypted (core/encryption.py); a feed
without one uses the credentials in the environment.

The alignment scan reads ``Goal.metric_feeds`` (``enabled``, ``failing_since``, ``name``,
``last_error``) for its ``feed_failing`` rule; goals does not import this app.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.encryption import EncryptedTextField


class Provider(models.TextChoices):
    SALESFORCE = "salesforce", "Salesforce"
    HUBSPOT = "hubspot", "HubSpot"


class CrmConnection(models.Model):
    """Credentials for one CRM account, stored encrypted; CRM feeds fetch through one (or the environment's)."""

    provider = models.CharField(max_length=16, choices=Provider.choices)
    name = models.CharField(max_length=80, unique=True, help_text="How people pick it, e.g. “Salesforce production”.")
    instance_url = models.URLField(
        "instance or API address",
        blank=True,
        help_text="Salesforce: your My Domain address, e.g. https://acme.my.salesforce.com. "
        "HubSpot: leave blank for https://api.hubapi.com.",
    )
    client_id = models.CharField(
        "consumer key",
        max_length=255,
        blank=True,
        help_text="Salesforce connected app's consumer key, for the client-credentials flow.",
    )
    client_secret = EncryptedTextField("consumer secret", blank=True)
    access_token = EncryptedTextField(
        blank=True,
        help_text="Salesforce: an access token (instead of a consumer key and secret). "
        "HubSpot: the private app's access token.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_check_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["provider", "name"]
        verbose_name = "CRM connection"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_environment(cls, provider: str) -> "CrmConnection":
        """The credentials in the environment (SALESFORCE_*, HUBSPOT_*), as an unsaved connection."""
        if provider == Provider.SALESFORCE:
            return cls(
                provider=provider,
                name="Salesforce (environment)",
                instance_url=settings.SALESFORCE_INSTANCE_URL,
                client_id=settings.SALESFORCE_CLIENT_ID,
                client_secret=settings.SALESFORCE_CLIENT_SECRET,
                access_token=settings.SALESFORCE_ACCESS_TOKEN,
            )
        return cls(
            provider=provider,
            name="HubSpot (environment)",
            instance_url=settings.HUBSPOT_API_URL,
            access_token=settings.HUBSPOT_ACCESS_TOKEN,
        )


class FeedKind(models.TextChoices):
    SALESFORCE_SOQL = "salesforce_soql", "Salesforce SOQL aggregate"
    SALESFORCE_REPORT = "salesforce_report", "Salesforce report"
    HUBSPOT_DEALS = "hubspot_deals", "HubSpot deals"
    WEBHOOK = "webhook", "Signed webhook"


PROVIDER_OF_KIND = {
    FeedKind.SALESFORCE_SOQL: Provider.SALESFORCE,
    FeedKind.SALESFORCE_REPORT: Provider.SALESFORCE,
    FeedKind.HUBSPOT_DEALS: Provider.HUBSPOT,
}
PULLED_KINDS = tuple(PROVIDER_OF_KIND)


class HubSpotMeasure(models.TextChoices):
    AMOUNT = "amount", "Sum of the deals' amounts"
    COUNT = "count", "Number of deals"


class MetricFeedQuerySet(models.QuerySet):
    def pulled(self):
        return self.filter(kind__in=PULLED_KINDS)

    def due(self, now):
        """Pulled feeds whose next fetch has come, on goals whose cycle is not closed."""
        return (
            self.pulled()
            .filter(enabled=True, next_fetch_at__lte=now)
            .exclude(goal__cycle__phase="closed")
            .exclude(goal__status="dropped")
        )

    def failing(self):
        return self.filter(failing_since__isnull=False)


class MetricFeed(models.Model):
    """A source of a goal's current value: a CRM query fetched on the beat, or a signed webhook."""

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="metric_feeds")
    name = models.CharField(max_length=80, help_text="Shown beside each check-in it writes, e.g. “Closed-won deals”.")
    kind = models.CharField(max_length=24, choices=FeedKind.choices)
    enabled = models.BooleanField(default=True, help_text="A paused feed fetches nothing and refuses pushes.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Check-ins the feed writes are posted in this person's name (and with their rights).",
    )

    # Where CRM feeds fetch from: a stored connection, or (none) the environment's credentials.
    connection = models.ForeignKey(CrmConnection, null=True, blank=True, on_delete=models.PROTECT, related_name="feeds")
    soql = models.TextField(
        "SOQL query",
        blank=True,
        help_text="An aggregate query returning one number, e.g. SELECT SUM(Amount) total FROM Opportunity "
        "WHERE IsWon = true AND CloseDate = THIS_FISCAL_YEAR AND OwnerId = '005...'.",
    )
    report_id = models.CharField(
        "report id", max_length=18, blank=True, help_text="The Salesforce report's id (starts with 00O)."
    )
    report_aggregate = models.CharField(
        "report summary",
        max_length=120,
        blank=True,
        help_text="Which grand total of the report, e.g. s!AMOUNT or RowCount; blank takes the first.",
    )
    hubspot_pipeline = models.CharField("pipeline", max_length=64, blank=True, help_text="Blank: every pipeline.")
    hubspot_stages = models.CharField(
        "deal stages",
        max_length=200,
        blank=True,
        default="closedwon",
        help_text="Comma-separated internal stage ids, e.g. closedwon.",
    )
    hubspot_owner_id = models.CharField("deal owner id", max_length=32, blank=True, help_text="Blank: every owner.")
    hubspot_measure = models.CharField(
        "measure", max_length=16, choices=HubSpotMeasure.choices, default=HubSpotMeasure.AMOUNT
    )
    interval_minutes = models.PositiveIntegerField(
        "fetch every (minutes)",
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(7 * 24 * 60)],
    )

    webhook_secret = EncryptedTextField(blank=True)

    # The feed's health, kept by the services.
    next_fetch_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    # Deliveries refused before they were authenticated (bad signature, stale timestamp): shown, never counted.
    last_refusal = models.CharField(max_length=300, blank=True)
    last_refused_at = models.DateTimeField(null=True, blank=True)

    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    objects = MetricFeedQuerySet.as_manager()

    class Meta:
        ordering = ["goal_id", "name", "id"]
        indexes = [models.Index(fields=["goal", "enabled"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("integrations:feed", args=[self.pk])

    @property
    def provider(self) -> str | None:
        return PROVIDER_OF_KIND.get(self.kind)

    @property
    def is_pulled(self) -> bool:
        return self.kind in PULLED_KINDS

    @property
    def is_webhook(self) -> bool:
        return self.kind == FeedKind.WEBHOOK

    @property
    def is_failing(self) -> bool:
        return self.failing_since is not None

    @property
    def source_label(self) -> str:
        """What a check-in it writes says it came from."""
        provider = {FeedKind.WEBHOOK: "Webhook"}.get(self.kind) or Provider(self.provider).label
        return f"{provider}: {self.name}"[:120]

    @property
    def webhook_path(self) -> str:
        return reverse("feed-webhook", args=[self.pk])


class ReadingState(models.TextChoices):
    PENDING = "pending", "Waiting to be recorded"
    RECORDED = "recorded", "Recorded as a check-in"
    SUPERSEDED = "superseded", "Older than a value already recorded"


class FeedReading(models.Model):
    """One value a feed delivered, kept before it becomes a check-in, so none is lost in between."""

    feed = models.ForeignKey(MetricFeed, on_delete=models.CASCADE, related_name="readings")
    # The sender's id for the delivery (webhooks), or the fetch's time (pulled feeds): one reading each.
    delivery_id = models.CharField(max_length=100)
    value = models.DecimalField(max_digits=16, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    observed_at = models.DateTimeField(help_text="When the source measured the value.")
    received_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=16, choices=ReadingState.choices, default=ReadingState.PENDING)
    checkin = models.OneToOneField(
        "goals.CheckIn", null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_reading"
    )
    attempts = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "delivery_id"], name="one_reading_per_feed_delivery"),
        ]
        indexes = [
            models.Index(fields=["state", "received_at"], condition=Q(state="pending"), name="pending_readings"),
        ]

    def __str__(self) -> str:
        return f"{self.feed}: {self.value} ({self.get_state_display()})"
