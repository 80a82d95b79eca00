from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Granularity(models.TextChoices):
    QUARTER = "quarter", "Quarters"
    MONTH = "month", "Months"


class PhasingMethod(models.TextChoices):
    EVEN = "even", "Evenly"
    SEASONAL = "seasonal", "By a seasonality profile"
    PRIOR_CYCLE = "prior_cycle", "As last cycle's actuals"
    TYPED = "typed", "Typed per period"
    PARENT = "parent", "As its parent goal"


class GoalPhasing(models.Model):
    """How a goal's target is split into the periods of its cycle; its ``periods`` hold the split."""

    goal = models.OneToOneField("goals.Goal", on_delete=models.CASCADE, related_name="phasing")
    granularity = models.CharField(max_length=16, choices=Granularity.choices, default=Granularity.QUARTER)
    method = models.CharField(max_length=16, choices=PhasingMethod.choices)
    source = models.CharField(
        max_length=200, blank=True, help_text='Where the shape came from, e.g. "FY2026 actuals of new ARR".'
    )
    # The planned change (target - baseline) when the goal was phased: periods scale with later target changes.
    phased_total = models.DecimalField(max_digits=16, decimal_places=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "goal phasing"

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_method_display().lower()} by {self.get_granularity_display().lower()}"


class GoalPeriod(models.Model):
    """One period (a quarter or a month of the cycle) of a phased goal: its weight in the goal's target.

    A period stores the shape, not the amount: ``weight`` as typed (an amount, a profile
    weight, 1 for an even split), and the shares derived from the weights, which the pace
    computation reads in SQL. Amounts come from the goal's current target, so they always
    add up to it (goals.quotas.periods.period_amounts).
    """

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="periods")
    index = models.PositiveSmallIntegerField()
    start = models.DateField()
    end = models.DateField()
    weight = models.DecimalField(max_digits=22, decimal_places=6)
    share_before = models.FloatField(help_text="Share of the target phased into the periods before this one, 0..1.")
    share = models.FloatField(help_text="Share of the target phased into this period, 0..1.")

    class Meta:
        ordering = ["goal", "index"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "index"], name="one_goal_period_per_index"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="goal_period_ends_after_it_starts"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="goal_period_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.goal} #{self.index + 1} ({self.start} to {self.end})"
