from django.db import models
from django.db.models import Q
from django.utils import timezone


class FlagKind(models.TextChoices):
    ORPHAN = "orphan", "Orphan"
    CROSS_CYCLE = "cross_cycle", "Parent in another cycle"
    TIER_SKIP = "tier_skip", "Tier skipped"
    TIER_INVERTED = "tier_inverted", "Tier inverted"
    OUTSIDE_CHAIN = "outside_chain", "Parent outside the management chain"
    TARGET_SHORTFALL = "target_shortfall", "Target shortfall"
    STALE_PROGRESS = "stale_progress", "Stale progress"
    ASSUMPTION_AT_RISK = "assumption_at_risk", "Assumption at risk"


class Severity(models.TextChoices):
    INFO = "info", "Info"
    WARNING = "warning", "Warning"
    CRITICAL = "critical", "Critical"


class AlignmentFlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def resolved(self):
        return self.filter(resolved_at__isnull=False)


class AlignmentFlag(models.Model):
    """A finding of the alignment scan about one goal, open until its cause is fixed."""

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="flags")
    # Denormalised from the goal so that health reports group a cycle's flags without a join.
    cycle = models.ForeignKey("goals.Cycle", on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=32, choices=FlagKind.choices)
    severity = models.CharField(max_length=16, choices=Severity.choices, default=Severity.WARNING)
    message = models.CharField(max_length=500)
    detected_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = AlignmentFlagQuerySet.as_manager()

    class Meta:
        ordering = ["-detected_at", "-id"]
        indexes = [
            models.Index(fields=["cycle", "resolved_at"]),
            models.Index(fields=["goal", "resolved_at"]),
        ]
        constraints = [
            # One open flag per cause; history accumulates as resolved rows.
            models.UniqueConstraint(
                fields=["goal", "kind"], condition=Q(resolved_at__isnull=True), name="one_open_flag_per_goal_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
