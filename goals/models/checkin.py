from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.soft_delete import EveryRowManager, LiveManager
from goals.amounts import AMOUNT_ERROR_MESSAGES, negative_amount_error, validate_amount_size


class Confidence(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"


class CheckIn(models.Model):
    """A dated progress update on a goal: the history of its current value."""

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="checkins")
    value = models.DecimalField(
        max_digits=16, decimal_places=2, validators=[validate_amount_size], error_messages=AMOUNT_ERROR_MESSAGES
    )
    confidence = models.CharField(max_length=16, choices=Confidence.choices, default=Confidence.ON_TRACK)
    note = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checkins")
    deletion = models.ForeignKey(
        "goals.Deletion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # a partial index covers the few deleted rows
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)
    # Set when a metric feed (integrations/) wrote the value rather than a person typing it.
    source = models.CharField(
        max_length=120,
        blank=True,
        help_text="The metric feed the value came from (e.g. “HubSpot: closed-won deals”); blank when typed.",
    )

    objects = LiveManager()  # not deleted with its goal (or on its own)
    all_objects = EveryRowManager()

    class Meta:
        verbose_name = "check-in"
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["deletion"], condition=Q(deletion__isnull=False), name="checkin_deleted_idx"),
            models.Index(fields=["goal", "-created"]),
        ]

    def __str__(self) -> str:
        return f"{self.goal} = {self.value} ({self.get_confidence_display()})"

    def clean(self) -> None:
        if self.goal_id is None:
            return
        message = negative_amount_error(self.value, self.goal.unit, "check-in")
        if message:
            raise ValidationError({"value": message})
