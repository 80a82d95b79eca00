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
    FEED_FAILING = "feed_failing", "Metric feed failing"
    BEHIND_PACE = "behind_pace", "Behind pace"


# What the goal's owner (or their manager) can do about each kind of flag.
FLAG_REMEDIES = {
    FlagKind.ORPHAN: "Link the goal to a parent goal so it counts toward a corporate objective.",
    FlagKind.CROSS_CYCLE: "Link the goal to a parent in its own cycle, or carry the parent over into this cycle.",
    FlagKind.TIER_SKIP: "Link the goal to a goal one tier up (for a rep, a manager's goal) rather than skipping tiers.",
    FlagKind.TIER_INVERTED: "Move the goal above the goals it now sits under: a parent should be a tier higher.",
    FlagKind.OUTSIDE_CHAIN: "Link the goal to a goal of your own manager's chain, or ask them to adopt it.",
    FlagKind.TARGET_SHORTFALL: "Raise the sub-goals' targets or allocate the target among them so they add up.",
    FlagKind.STALE_PROGRESS: "Post a check-in with the current value and your confidence.",
    FlagKind.ASSUMPTION_AT_RISK: "Read the challenge on the assumption and decide whether the goal should change.",
    FlagKind.FEED_FAILING: "Open the goal's metric feed, fix its source or credentials, and fetch again (or check in).",
    FlagKind.BEHIND_PACE: "Plan how to close the gap this period, or agree a new phasing or target with your manager.",
}


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

    @property
    def remedy(self) -> str:
        return FLAG_REMEDIES[self.kind]
