from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications import chat, services
from notifications.api.serializers import (
    ChatChannelSerializer,
    ChatTestResultSerializer,
    NotificationSerializer,
    ReadAllResultSerializer,
)
from notifications.models import ChatChannel, Kind, Notification
from notifications.selectors import inbox


class NotificationFilter(filters.FilterSet):
    unread = filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label="true: only unread; false: only read"
    )
    kind = filters.ChoiceFilter(choices=Kind.choices)

    class Meta:
        model = Notification
        fields = ["unread", "kind"]


@extend_schema_view(
    list=extend_schema(summary="My notifications, newest first"),
    retrieve=extend_schema(summary="One of my notifications"),
)
class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's own notifications; anyone else's are 404."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no signed-in person
            return Notification.objects.none()
        return inbox(self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer, summary="Mark one notification read")
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = services.notification_mark_read(actor=request.user, notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=ReadAllResultSerializer, summary="Mark all my notifications read")
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked_read": services.notifications_mark_all_read(actor=request.user)})


@extend_schema_view(
    list=extend_schema(summary="My chat channels (mine, and my team's if I manage people)"),
    retrieve=extend_schema(summary="One of my chat channels"),
    create=extend_schema(
        summary="Post my notifications (or my team's) to Slack or Microsoft Teams",
        description="One channel per person and one per team (the caller's direct reports); creating again "
        "changes it. Webhook addresses must point at Slack's or Microsoft's hosts; secrets are stored encrypted "
        "and never returned.",
    ),
    update=extend_schema(summary="Change a chat channel"),
    partial_update=extend_schema(summary="Change some of a chat channel (e.g. enabled: false)"),
    destroy=extend_schema(summary="Remove a chat channel"),
)
class ChatChannelViewSet(viewsets.ModelViewSet):
    """The caller's own chat channel and their team's; anyone else's are 404."""

    serializer_class = ChatChannelSerializer
    filterset_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ChatChannel.objects.none()
        person = self.request.user
        return ChatChannel.objects.filter(Q(person=person) | Q(team_manager=person)).order_by("pk")

    def _save(self, channel, data):
        scope = data.pop("scope", "person")
        fields = {key: data[key] for key in ("webhook_url", "slack_token", "slack_channel", "enabled") if key in data}
        provider = data.get("provider") or (channel.provider if channel else "")
        return chat.chat_channel_save(
            actor=self.request.user, channel=channel, team=scope == "team", provider=provider, **fields
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        channel = self._save(None, dict(serializer.validated_data))
        return Response(self.get_serializer(channel).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        channel = self.get_object()
        serializer = self.get_serializer(channel, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("scope", None)
        data.setdefault("enabled", channel.enabled)
        data.setdefault("slack_channel", channel.slack_channel)
        return Response(self.get_serializer(self._save(channel, data)).data)

    def perform_destroy(self, instance):
        chat.chat_channel_delete(actor=self.request.user, channel=instance)

    @extend_schema(summary="Send a test message to this channel", request=None, responses=ChatTestResultSerializer)
    @action(detail=True, methods=["post"])
    def test(self, request, pk=None):
        try:
            chat.send_test(self.get_object())
        except chat.ChatDeliveryFailed as error:
            return Response({"delivered": False, "error": str(error)})
        return Response({"delivered": True})
