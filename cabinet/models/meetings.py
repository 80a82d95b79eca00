from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class CabinetMeeting(models.Model):
    """A meeting of the Shadow Cabinet: an agenda drawn from the strategy room, then minutes and action items."""

    cycle = models.ForeignKey("goals.Cycle", on_delete=models.PROTECT, related_name="cabinet_meetings")
    title = models.CharField(max_length=200)
    scheduled_for = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True, help_text="A room or a video link.")
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-scheduled_for", "-id"]
        indexes = [models.Index(fields=["cycle", "scheduled_for"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cabinet:meeting", args=[self.pk])

    @property
    def status(self) -> str:
        if self.minutes_at:
            return "held"
        return "agenda_published" if self.agenda_published_at else "scheduled"

    def get_status_display(self) -> str:
        return {"held": "Minutes recorded", "agenda_published": "Agenda published", "scheduled": "Scheduled"}[
            self.status
        ]


class AgendaKind(models.TextChoices):
    OFF_PACE = "off_pace", "Objective off pace"
    ASSUMPTION = "assumption", "Assumption under challenge"
    DECISION_DUE = "decision_due", "Decision due"
    OTHER = "other", "Other business"


class AgendaItem(models.Model):
    """One point of a meeting's agenda, drawn from the strategy room or typed."""

    meeting = models.ForeignKey(CabinetMeeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=AgendaKind.choices, default=AgendaKind.OTHER)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    objective = models.ForeignKey("goals.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    assumption = models.ForeignKey(
        "assumptions.Assumption", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    question = models.ForeignKey(
        "cabinet.CommitteeQuestion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.title


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)


class ActionItem(models.Model):
    """Something a cabinet meeting agreed someone would do, by a date."""

    meeting = models.ForeignKey(CabinetMeeting, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cabinet_action_items")
    due_date = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner", "done_at", "due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
