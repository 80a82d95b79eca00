from rest_framework import serializers

from notifications.models import ChatChannel, Notification


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "actor", "title", "body", "url", "created", "read_at", "is_read"]
        read_only_fields = fields


class ReadAllResultSerializer(serializers.Serializer):
    marked_read = serializers.IntegerField()


class ChatChannelSerializer(serializers.ModelSerializer):
    scope = serializers.ChoiceField(
        choices=[("person", "My own channel"), ("team", "My team's channel")],
        write_only=True,
        required=False,
        default="person",
        help_text="person: the caller's own; team: for the caller's direct reports without a channel of their own.",
    )
    webhook_url = serializers.CharField(
        write_only=True, required=False, allow_blank=True, help_text="Write-only; blank on a change keeps it."
    )
    slack_token = serializers.CharField(
        write_only=True, required=False, allow_blank=True, help_text="Write-only; blank on a change keeps it."
    )
    webhook_hint = serializers.SerializerMethodField(help_text="The webhook's host and last characters.")
    has_slack_token = serializers.SerializerMethodField()
    is_team_channel = serializers.BooleanField(read_only=True)

    class Meta:
        model = ChatChannel
        fields = [
            "id",
            "scope",
            "person",
            "team_manager",
            "is_team_channel",
            "provider",
            "webhook_url",
            "webhook_hint",
            "slack_token",
            "has_slack_token",
            "slack_channel",
            "enabled",
            "active_since",
            "last_delivered_at",
            "last_error",
            "consecutive_failures",
        ]
        read_only_fields = [
            "person",
            "team_manager",
            "active_since",
            "last_delivered_at",
            "last_error",
            "consecutive_failures",
        ]

    def get_webhook_hint(self, channel) -> str:
        from notifications.chat import webhook_hint

        return webhook_hint(channel)

    def get_has_slack_token(self, channel) -> bool:
        return bool(channel.slack_token)


class ChatTestResultSerializer(serializers.Serializer):
    delivered = serializers.BooleanField()
    error = serializers.CharField(required=False)
