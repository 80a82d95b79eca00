from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from core.history import AuditedHistory


class Phase(models.TextChoices):
    PLANNING = "planning", "Planning"
    WORKSHOP = "workshop", "Alignment workshop"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


PHASE_ORDER = [Phase.PLANNING, Phase.WORKSHOP, Phase.ACTIVE, Phase.CLOSED]


class Cycle(models.Model):
    """A planning period (e.g. FY2027) that every goal belongs to."""

    name = models.CharField(max_length=40, unique=True)
    start = models.DateField()
    end = models.DateField()
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.PLANNING)
    checkin_interval_days = models.PositiveSmallIntegerField(
        "check-in interval (days)", default=14, help_text="A goal with no check-in for longer is stale."
    )
    created = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory(audited_fields=("name", "start", "end", "phase", "checkin_interval_days"))

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="cycle_ends_after_it_starts"),
            models.CheckConstraint(condition=Q(checkin_interval_days__gte=1), name="cycle_checkin_interval_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED

    def previous(self) -> "Cycle | None":
        """The cycle that ended last before this one started (for prior-cycle attainment)."""
        return Cycle.objects.filter(end__lte=self.start).order_by("-end").first()

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The cycle must end after it starts."})
