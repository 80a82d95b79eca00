from django.db import models
from django.utils import timezone


class Outcome(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    MISSED = "missed", "Missed"


class GoalScore(models.Model):
    """A goal's result, recorded when its cycle closed: final value, attainment, score and a retrospective."""

    goal = models.OneToOneField("goals.Goal", on_delete=models.CASCADE, related_name="score")
    baseline = models.DecimalField(max_digits=16, decimal_places=2)
    target = models.DecimalField(max_digits=16, decimal_places=2)
    final_value = models.DecimalField(max_digits=16, decimal_places=2)
    attainment = models.DecimalField(
        max_digits=10, decimal_places=4, help_text="(final - baseline) / (target - baseline), at least 0, not capped."
    )
    score = models.DecimalField(max_digits=5, decimal_places=4, help_text="Attainment capped at 1.2.")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    # What the goal gained in each month of the cycle (as decimal strings), read from its check-ins;
    # empty when it had none. The next cycle's seasonality profiles add these up.
    month_actuals = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    retrospective = models.TextField(blank=True, max_length=2000)
    retrospective_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["outcome"])]

    def __str__(self) -> str:
        return f"{self.goal}: {self.attainment:.0%} ({self.get_outcome_display().lower()})"
