from django.db import models
from django.utils import timezone


class ObjectiveSnapshot(models.Model):
    """One day's progress of a corporate objective: a point on the strategy room's chart.

    The beat keeps one row per objective and day (running it again that day overwrites the
    same row). Rolled-up progress counts company-visible goals only, so every viewer of the
    objective may see it.
    """

    objective = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="progress_snapshots")
    # Denormalised from the objective, so the room reads a cycle's snapshots without a join.
    cycle = models.ForeignKey("goals.Cycle", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    rolled_up_progress = models.FloatField()
    progress = models.FloatField(help_text="The objective's own progress (current against target).")
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["objective", "day"]
        indexes = [models.Index(fields=["cycle", "day"])]
        constraints = [
            models.UniqueConstraint(fields=["objective", "day"], name="one_progress_snapshot_per_objective_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.objective}: {self.rolled_up_progress:.0%} on {self.day}"
