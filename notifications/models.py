from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


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
