from django.db import models
from django.utils import timezone


class AlignmentSnapshot(models.Model):
    """One day's count of a cycle's open alignment flags: a point on the alignment health trend.

    The scan keeps one row per cycle and day up to date, so the trend stays small however
    often it runs. It counts flags on company-visible goals only, so every viewer may see it.
    """

    cycle = models.ForeignKey("goals.Cycle", on_delete=models.CASCADE, related_name="alignment_snapshots")
    day = models.DateField()
    goals = models.PositiveIntegerField(help_text="Company-visible goals in the cycle that day.")
    open_flags = models.PositiveIntegerField()
    open_by_kind = models.JSONField(default=dict, help_text="Open flags per kind, e.g. {'orphan': 3}.")
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cycle", "day"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "day"], name="one_alignment_snapshot_per_cycle_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.open_flags} open flags on {self.day}"
