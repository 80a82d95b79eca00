from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from goals.models import Confidence, Goal
from integrations.models import CrmConnection, FeedReading, MetricFeed
from integrations.sources import LARGEST

HEALTH_FIELDS = [
    "is_failing",
    "failing_since",
    "consecutive_failures",
    "last_error",
    "last_attempt_at",
    "last_success_at",
    "last_value",
    "next_fetch_at",
    "last_refusal",
    "last_refused_at",
]


class MetricFeedSerializer(serializers.ModelSerializer):
    goal = serializers.PrimaryKeyRelatedField(queryset=Goal.objects.all(), help_text="The goal whose value it feeds.")
    connection = serializers.PrimaryKeyRelatedField(
        queryset=CrmConnection.objects.all(),
        required=False,
        allow_null=True,
        help_text="A stored CRM connection; null uses the credentials in the environment. Not for webhooks.",
    )
    is_failing = serializers.BooleanField(read_only=True)
    source_label = serializers.CharField(read_only=True, help_text="What its check-ins say they came from.")
    webhook_url = serializers.SerializerMethodField(help_text="Where a webhook feed takes signed pushes.")

    class Meta:
        model = MetricFeed
        fields = [
            "id",
            "goal",
            "name",
            "kind",
            "enabled",
            "connection",
            "soql",
            "report_id",
            "report_aggregate",
            "hubspot_pipeline",
            "hubspot_stages",
            "hubspot_owner_id",
            "hubspot_measure",
            "interval_minutes",
            "source_label",
            "webhook_url",
            *HEALTH_FIELDS,
            "created_by",
            "created",
        ]
        read_only_fields = ["source_label", "webhook_url", *HEALTH_FIELDS, "created_by", "created"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_webhook_url(self, feed) -> str | None:
        if not feed.is_webhook:
            return None
        request = self.context.get("request")
        path = reverse("feed-webhook", args=[feed.pk])
        return request.build_absolute_uri(path) if request is not None else path


class MetricFeedUpdateSerializer(MetricFeedSerializer):
    goal = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta(MetricFeedSerializer.Meta):
        read_only_fields = [*MetricFeedSerializer.Meta.read_only_fields, "goal", "kind"]


class MetricFeedCreatedSerializer(MetricFeedSerializer):
    webhook_secret = serializers.CharField(
        read_only=True, help_text="A webhook feed's signing secret: shown here and on rotate-secret/ only."
    )

    class Meta(MetricFeedSerializer.Meta):
        fields = [*MetricFeedSerializer.Meta.fields, "webhook_secret"]


class WebhookSecretSerializer(serializers.Serializer):
    webhook_secret = serializers.CharField(help_text="The new signing secret; the old one no longer works.")


class FetchResultSerializer(serializers.Serializer):
    feed = serializers.IntegerField()
    outcome = serializers.CharField(
        help_text="recorded (a new check-in), unchanged, pending (kept, to be recorded), superseded, failed, paused"
    )
    value = serializers.CharField(required=False)
    error = serializers.CharField(required=False)
    failures = serializers.IntegerField(required=False)
    reading = serializers.IntegerField(required=False)


class FetchQueuedSerializer(serializers.Serializer):
    task_id = serializers.CharField()
    delayed = serializers.BooleanField(
        help_text="True when the broker could not be reached: the fetch waits and runs when the worker is back."
    )


class FeedReadingSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedReading
        fields = [
            "id",
            "feed",
            "delivery_id",
            "value",
            "note",
            "observed_at",
            "received_at",
            "state",
            "checkin",
            "attempts",
            "error",
        ]
        read_only_fields = fields


class WebhookPushSerializer(serializers.Serializer):
    """What a system pushes to a webhook feed (signed: see the README's "Metric feeds and chat")."""

    value = serializers.DecimalField(
        max_digits=24,
        decimal_places=8,
        help_text="The goal's new current value (a number or a numeric string; kept to the cent).",
    )
    delivery_id = serializers.CharField(
        max_length=100,
        required=False,
        help_text="The sender's unique id for this push: a push repeated with the same id records nothing new. "
        "May be sent as the X-Cascade-Delivery header instead.",
    )
    observed_at = serializers.DateTimeField(
        required=False, help_text="When the source measured the value (ISO 8601); defaults to now."
    )
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    confidence = serializers.ChoiceField(
        choices=Confidence.choices, required=False, help_text="Unused: sourced check-ins keep the goal's confidence."
    )

    def validate_value(self, value):
        if abs(value) > LARGEST:
            raise serializers.ValidationError(f"The value must lie between -{LARGEST} and {LARGEST}.")
        return value


class WebhookResultSerializer(serializers.Serializer):
    reading = FeedReadingSerializer()
    duplicate = serializers.BooleanField(help_text="True when this delivery id was received before.")


class WebhookErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class CrmConnectionSerializer(serializers.ModelSerializer):
    client_secret = serializers.CharField(
        write_only=True, required=False, allow_blank=True, help_text="Write-only; blank on a change keeps it."
    )
    access_token = serializers.CharField(
        write_only=True, required=False, allow_blank=True, help_text="Write-only; blank on a change keeps it."
    )
    has_client_secret = serializers.SerializerMethodField()
    has_access_token = serializers.SerializerMethodField()

    class Meta:
        model = CrmConnection
        fields = [
            "id",
            "provider",
            "name",
            "instance_url",
            "client_id",
            "client_secret",
            "access_token",
            "has_client_secret",
            "has_access_token",
            "created_by",
            "created",
        ]
        read_only_fields = ["created_by", "created"]

    def get_has_client_secret(self, connection) -> bool:
        return bool(connection.client_secret)

    def get_has_access_token(self, connection) -> bool:
        return bool(connection.access_token)
