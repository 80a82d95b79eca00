"""Metric feeds over the API: CRUD at /api/feeds/, verbs as actions, and the signed webhook anyone may push to."""

import json

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.permissions import RulesPermission
from core.api.views import ServiceActionMixin
from core.exceptions import StateConflict
from goals.models.goal import visible_goal_q
from integrations import services, signing
from integrations.api.serializers import (
    CrmConnectionSerializer,
    FeedReadingSerializer,
    FetchQueuedSerializer,
    FetchResultSerializer,
    MetricFeedCreatedSerializer,
    MetricFeedSerializer,
    MetricFeedUpdateSerializer,
    WebhookErrorSerializer,
    WebhookPushSerializer,
    WebhookResultSerializer,
    WebhookSecretSerializer,
)
from integrations.models import CrmConnection, FeedKind, FeedReading, MetricFeed, ReadingState

MANAGE = "integrations.change_metricfeed"
MANAGE_MESSAGE = "Only the goal's owner, their managers and admins change its feeds."


class MetricFeedFilter(filters.FilterSet):
    failing = filters.BooleanFilter(field_name="failing_since", lookup_expr="isnull", exclude=True)
    kind = filters.ChoiceFilter(choices=FeedKind.choices)

    class Meta:
        model = MetricFeed
        fields = ["goal", "kind", "enabled", "failing"]


@extend_schema_view(
    list=extend_schema(summary="Metric feeds of the goals I may see", description="`?failing=true` lists the failing."),
    retrieve=extend_schema(summary="One metric feed, with its health"),
    create=extend_schema(
        summary="Attach a metric feed to a goal",
        description="Who may check in on the goal may attach a feed; CRM feeds (Salesforce, HubSpot) also need "
        "someone who manages people, or an admin. A webhook feed's `webhook_secret` is in this response only "
        "(and in rotate-secret/). A CRM feed fetches at once on the next beat, then every `interval_minutes`.",
        request=MetricFeedSerializer,
        responses={201: MetricFeedCreatedSerializer},
    ),
    update=extend_schema(summary="Change a feed's name, source or schedule", request=MetricFeedUpdateSerializer),
    partial_update=extend_schema(summary="Change some of a feed's settings; `enabled` pauses or resumes it"),
    destroy=extend_schema(summary="Remove a feed (the check-ins it wrote stay)"),
)
class MetricFeedViewSet(ServiceActionMixin, viewsets.ModelViewSet):
    serializer_class = MetricFeedSerializer
    filterset_class = MetricFeedFilter
    permission_classes = [RulesPermission]
    object_permission_required = dict.fromkeys(
        ("update", "partial_update", "destroy", "fetch", "rotate_secret"), MANAGE
    )
    permission_messages = dict.fromkeys(object_permission_required, MANAGE_MESSAGE)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MetricFeed.objects.none()
        return (
            MetricFeed.objects.filter(visible_goal_q(self.request.user, prefix="goal__"))
            .select_related("goal__cycle", "goal__owner", "connection")
            .order_by("goal_id", "name", "pk")
        )

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return MetricFeedUpdateSerializer
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        data = self.validated_input(MetricFeedSerializer)
        goal = data.pop("goal")
        if not request.user.has_perm("goals.view_goal", goal):
            raise ValidationError({"goal": "There is no goal with that id."})
        data.pop("enabled", None)
        feed = services.feed_create(actor=request.user, goal=goal, **data)
        response = self.object_response(
            feed, status_code=status.HTTP_201_CREATED, serializer_class=MetricFeedCreatedSerializer
        )
        if feed.is_webhook:
            response.data["webhook_secret"] = feed.webhook_secret
        return response

    def update(self, request, *args, partial=False, **kwargs):
        feed = self.get_object()
        serializer = self.get_serializer(feed, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        enabled = changes.pop("enabled", None)
        if changes:
            services.feed_update(actor=request.user, feed=feed, **changes)
        if enabled is not None and enabled != feed.enabled:
            services.feed_set_enabled(actor=request.user, feed=feed, enabled=enabled)
        return self.object_response(feed)

    def perform_destroy(self, instance):
        services.feed_delete(actor=self.request.user, feed=instance)

    @extend_schema(
        summary="Fetch a CRM feed now",
        description="With a worker (Redis) the fetch is queued: 202 with the task id. When tasks run in-process, "
        "it runs at once: 200 with what happened. A source's failure is an outcome, not an error.",
        request=None,
        responses={200: FetchResultSerializer, 202: FetchQueuedSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def fetch(self, request, pk=None):
        outcome = services.feed_fetch_request(actor=request.user, feed=self.get_object())
        if "task_id" in outcome:
            return Response(outcome, status=status.HTTP_202_ACCEPTED)
        return Response(outcome["result"])

    @extend_schema(summary="Give a webhook feed a new signing secret", request=None, responses=WebhookSecretSerializer)
    @action(detail=True, methods=["post"], url_path="rotate-secret", filterset_class=None)
    def rotate_secret(self, request, pk=None):
        secret = services.feed_rotate_secret(actor=request.user, feed=self.get_object())
        return Response({"webhook_secret": secret})

    @extend_schema(
        summary="The values a feed delivered, newest first",
        description="Each reading says whether it was recorded as a check-in (and which), is pending, or was "
        "superseded by a newer value.",
        responses=FeedReadingSerializer(many=True),
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def readings(self, request, pk=None):
        feed = self.get_object()
        page = self.paginate_queryset(FeedReading.objects.filter(feed=feed).order_by("-received_at", "-pk"))
        return self.get_paginated_response(FeedReadingSerializer(page, many=True).data)


def _refused(status_code: int, message: str) -> Response:
    return Response({"detail": message}, status=status_code)


class FeedWebhookView(APIView):
    """``POST /api/feeds/{id}/webhook/``: a signed value from any system becomes a check-in on the feed's goal."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["feeds"],
        summary="Push a value to a webhook feed (signed, no session or token)",
        description="Sign `<timestamp>.<raw body>` with the feed's secret (HMAC-SHA256, hex) and send "
        "`X-Cascade-Timestamp: <unix seconds>` and `X-Cascade-Signature: sha256=<hex>`. A push is accepted within "
        "`FEED_WEBHOOK_TOLERANCE` seconds (300) of its timestamp. The same `delivery_id` twice records once: the "
        "second answer is 200 with `duplicate: true`. 201: recorded as a check-in; 202: kept, to be recorded "
        "shortly (the goal was busy).",
        auth=[],
        request=WebhookPushSerializer,
        parameters=[
            OpenApiParameter(signing.TIMESTAMP_HEADER, str, OpenApiParameter.HEADER, required=True),
            OpenApiParameter(signing.SIGNATURE_HEADER, str, OpenApiParameter.HEADER, required=True),
            OpenApiParameter(signing.DELIVERY_HEADER, str, OpenApiParameter.HEADER, required=False),
        ],
        responses={
            201: WebhookResultSerializer,
            200: WebhookResultSerializer,
            202: WebhookResultSerializer,
            400: OpenApiResponse(description="A body that is not JSON, or a value that is not a number."),
            401: OpenApiResponse(WebhookErrorSerializer, description="Unsigned, badly signed, or too old."),
            404: OpenApiResponse(WebhookErrorSerializer, description="No webhook feed with this id."),
            409: OpenApiResponse(WebhookErrorSerializer, description="Paused feed, closed cycle, or a reused id."),
        },
    )
    def post(self, request, pk: int):
        now = timezone.now()
        feed = MetricFeed.objects.select_related("goal__cycle").filter(pk=pk, kind=FeedKind.WEBHOOK).first()
        if feed is None:
            return _refused(404, "There is no webhook feed with this id.")
        body = request.body
        try:
            signing.verify(
                secret=feed.webhook_secret,
                timestamp=request.headers.get(signing.TIMESTAMP_HEADER),
                signed=request.headers.get(signing.SIGNATURE_HEADER),
                body=body,
                now=now,
            )
        except signing.WebhookRefused as refusal:
            MetricFeed.objects.filter(pk=feed.pk).update(last_refusal=refusal.message[:300], last_refused_at=now)
            return _refused(refusal.status, refusal.message)
        # Signed by the feed's sender from here on: what is wrong now is theirs to fix, and counts as a failure.
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self._bad_push(
                feed, now, {"detail": 'The body is not JSON: send {"value": ..., "delivery_id": ...}.'}
            )
        if not isinstance(payload, dict):
            return self._bad_push(feed, now, {"detail": "The body must be a JSON object with a value."})
        push = WebhookPushSerializer(data=payload)
        if not push.is_valid():
            return self._bad_push(feed, now, push.errors)
        data = push.validated_data
        delivery_id = (data.get("delivery_id") or request.headers.get(signing.DELIVERY_HEADER) or "").strip()
        if not delivery_id:
            return self._bad_push(
                feed,
                now,
                {"delivery_id": [f"Give each push a unique delivery_id (or the {signing.DELIVERY_HEADER} header)."]},
            )
        if not feed.enabled:
            return _refused(409, "This feed is paused; resume it in Cascade to push values again.")
        if feed.goal.cycle.is_closed:
            return _refused(409, f"{feed.goal.cycle.name} is closed: its goals take no more values.")
        from integrations.sources import CENT

        try:
            reading, created = services.reading_receive(
                feed=feed,
                delivery_id=delivery_id[:100],
                value=data["value"].quantize(CENT),
                observed_at=data.get("observed_at") or now,
                note=data.get("note", ""),
                now=now,
            )
        except StateConflict as conflict:
            return _refused(409, conflict.message)
        if created:
            reading = services.reading_record(reading.pk, now=now)
        code = status.HTTP_200_OK
        if created:
            code = status.HTTP_202_ACCEPTED if reading.state == ReadingState.PENDING else status.HTTP_201_CREATED
        return Response({"reading": FeedReadingSerializer(reading).data, "duplicate": not created}, status=code)

    @staticmethod
    def _bad_push(feed: MetricFeed, now, errors: dict) -> Response:
        field, first = next(iter(errors.items()))
        message = first if isinstance(first, str) else " ".join(str(item) for item in first)
        said = message if field == "detail" else f"{field}: {message}"
        services.feed_push_refused(feed.pk, f"A signed push was refused: {said}", now)
        return Response(errors, status=status.HTTP_400_BAD_REQUEST)


@extend_schema_view(
    list=extend_schema(summary="CRM connections (admins)"),
    retrieve=extend_schema(summary="One CRM connection (admins; secrets are never returned)"),
    create=extend_schema(summary="Store a CRM connection, its secrets encrypted (admins)"),
    update=extend_schema(summary="Change a CRM connection; blank secrets keep the stored ones (admins)"),
    partial_update=extend_schema(summary="Change some of a CRM connection (admins)"),
    destroy=extend_schema(summary="Remove a CRM connection no feed uses (admins)"),
)
class CrmConnectionViewSet(ServiceActionMixin, viewsets.ModelViewSet):
    serializer_class = CrmConnectionSerializer
    permission_classes = [RulesPermission]
    permission_required = dict.fromkeys(
        ("list", "retrieve", "create", "update", "partial_update", "destroy"), "integrations.manage_crm_connections"
    )
    permission_messages = dict.fromkeys(permission_required, "Only administrators manage CRM connections.")

    def get_queryset(self):
        return CrmConnection.objects.select_related("created_by").order_by("provider", "name")

    def create(self, request, *args, **kwargs):
        connection = services.connection_save(actor=request.user, **self.validated_input(CrmConnectionSerializer))
        return self.object_response(connection, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        connection = self.get_object()
        serializer = self.get_serializer(connection, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.connection_save(actor=request.user, connection=connection, **serializer.validated_data)
        return self.object_response(connection)

    def perform_destroy(self, instance):
        services.connection_delete(actor=self.request.user, connection=instance)
