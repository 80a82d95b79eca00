from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.encryption import EncryptedTextField


class Kind(models.TextChoices):
    """What a notification is about; each kind can be muted by the person it would reach."""

    CHALLENGE_OPENED = "challenge_opened", "A challenge on my assumption"
    REPLY = "reply", "A reply to my challenge or comment"
    CHALLENGE_RESOLVED = "challenge_resolved", "My challenge accepted or declined"
    GOAL_APPROVED = "goal_approved", "My goal approved"
    GOAL_RETURNED = "goal_returned", "My goal returned"
    GOAL_FLAGGED = "goal_flagged", "An alignment flag on my goal"
    GOAL_COMMENTED = "goal_commented", "A comment on my goal"
    CHECKIN_REMINDER = "checkin_reminder", "A check-in I owe"
    CHECKIN_OVERDUE = "checkin_overdue", "Check-ins overdue in my team"
    CHANGE_REQUESTED = "change_requested", "A change request on my goal"
    CHANGE_REQUEST_DECIDED = "change_request_decided", "My change request applied or declined"
    CABINET_SEAT_OFFERED = "cabinet_seat_offered", "A Shadow Cabinet seat offered to me"
    CABINET_AGENDA = "cabinet_agenda", "A cabinet meeting's agenda published"
    CABINET_DECISION = "cabinet_decision", "The committee's decision on a question I answered"
    CABINET_ACTION_DUE = "cabinet_action_due", "A cabinet action item of mine due"
    TERRITORY_PLAN_SUBMITTED = "plan_submitted", "A territory plan submitted for my review"
    TERRITORY_PLAN_REVIEWED = "plan_reviewed", "Comments and reviews on a territory plan"
    PLAN_CHECK_DUE = "plan_check_due", "A quarterly plan check"
    GOAL_DELETED = "goal_deleted", "My goal deleted, moved up or restored"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_person(self, person):
        return self.filter(recipient=person)


class Notification(models.Model):
    """Something that happened to a person's goals, assumptions or arguments, in their inbox."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True, help_text="Where the notification leads, a path on this site.")
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Names the event, so that a task run twice (acks_late) delivers it once.
    dedupe_key = models.CharField(max_length=200)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created", "-id"], name="notification_inbox"),
            models.Index(
                fields=["recipient", "-created"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
        ]
        constraints = [
            # Key first: delivery looks events up by key, for every recipient at once.
            models.UniqueConstraint(fields=["dedupe_key", "recipient"], name="one_notification_per_event_and_person")
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class MutedKind(models.Model):
    """A kind of notification a person chose not to receive (neither in the inbox nor by email)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_kinds")
    kind = models.CharField(max_length=32, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="mute_a_kind_once")]

    def __str__(self) -> str:
        return f"{self.person} muted {self.get_kind_display()}"


class CheckinReminderState(models.Model):
    """How far a goal's check-in reminders have gone since its last activity, so each interval reminds once."""

    goal = models.OneToOneField("goals.Goal", on_delete=models.CASCADE, related_name="+", primary_key=True)
    # The last check-in (or the creation) the reminders count from; a new check-in starts over.
    activity_at = models.DateTimeField()
    intervals_reminded = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"goal {self.goal_id}: {self.intervals_reminded} interval(s) reminded since {self.activity_at:%Y-%m-%d}"


# --- chat channels (notifications/chat.py) ----------------------------------------------


class ChatProvider(models.TextChoices):
    SLACK_WEBHOOK = "slack_webhook", "Slack incoming webhook"
    SLACK_APP = "slack_app", "Slack app (bot token)"
    TEAMS_WEBHOOK = "teams_webhook", "Microsoft Teams incoming webhook"


class ChatChannel(models.Model):
    """Where notifications are posted in Slack or Microsoft Teams, beside email: a person's own, or a team's.

    A team channel belongs to a manager and serves the people reporting directly to them who
    have no channel of their own; a channel is read by the whole team, so what it posts names
    the person and the kinds of news, never a goal's title (see notifications/chat.py).
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="chat_channel"
    )
    team_manager = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="team_chat_channel",
        help_text="The manager whose direct reports the channel serves.",
    )
    provider = models.CharField(max_length=16, choices=ChatProvider.choices)
    # Secrets, stored encrypted: anyone with a Slack or Teams webhook address can post to the channel.
    webhook_url = EncryptedTextField("webhook address", blank=True)
    slack_token = EncryptedTextField("Slack bot token", blank=True)
    slack_channel = models.CharField(
        "Slack channel or member id",
        max_length=40,
        blank=True,
        help_text="With a bot token: a channel id (C…) or, for direct messages, a member id (U…).",
    )
    enabled = models.BooleanField(default=True)
    # Notifications from before this moment are not posted (turning a channel on does not replay the inbox).
    active_since = models.DateTimeField(default=timezone.now)
    last_delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, team_manager__isnull=True)
                | Q(person__isnull=True, team_manager__isnull=False),
                name="chat_channel_is_a_persons_or_a_teams",
            )
        ]

    def __str__(self) -> str:
        owner = f"{self.person}" if self.person_id else f"{self.team_manager}'s team"
        return f"{self.get_provider_display()} for {owner}"

    @property
    def is_team_channel(self) -> bool:
        return self.team_manager_id is not None


class ChatDelivery(models.Model):
    """A notification posted to a chat channel: written with the post, so a notification is posted once."""

    channel = models.ForeignKey(ChatChannel, on_delete=models.CASCADE, related_name="deliveries")
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "notification"], name="post_a_notification_once_per_channel")
        ]

    def __str__(self) -> str:
        return f"notification {self.notification_id} posted to channel {self.channel_id}"
