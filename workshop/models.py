from django.conf import settings
from django.db import models
from django.utils import timezone

from goals.models import Status, Tier, Unit, Visibility


class DecisionKind(models.TextChoices):
    NOTE = "note", "Decision"
    MAPPING = "mapping", "Mapping"
    ALLOCATION = "allocation", "Target allocation"
    CLOSING = "closing", "Workshop closed"


class Decision(models.Model):
    """An entry of a cycle's workshop decision log: typed by an executive, or written by a workshop action."""

    cycle = models.ForeignKey("goals.Cycle", on_delete=models.CASCADE, related_name="workshop_decisions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="workshop_decisions")
    kind = models.CharField(max_length=16, choices=DecisionKind.choices, default=DecisionKind.NOTE)
    text = models.TextField()
    objective = models.ForeignKey(
        "goals.Goal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshop_decisions",
        help_text="The corporate objective the decision is about, if any.",
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["cycle", "created"])]

    def __str__(self) -> str:
        return self.text[:80]


class Baseline(models.Model):
    """The cascade of a cycle as agreed when its alignment workshop closed; later changes show as drift."""

    cycle = models.OneToOneField("goals.Cycle", on_delete=models.CASCADE, related_name="baseline")
    frozen_at = models.DateTimeField(default=timezone.now)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="frozen_baselines"
    )
    goal_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Baseline of {self.cycle}"


class BaselineGoal(models.Model):
    """One goal as it stood in a baseline; kept (by ``goal_pk``) even when the goal is later deleted."""

    baseline = models.ForeignKey(Baseline, on_delete=models.CASCADE, related_name="goals")
    goal = models.ForeignKey("goals.Goal", null=True, on_delete=models.SET_NULL, related_name="baseline_rows")
    goal_pk = models.BigIntegerField()
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    owner_name = models.CharField(max_length=300)
    parent_pk = models.BigIntegerField(null=True)
    tier = models.CharField(max_length=16, choices=Tier.choices)
    metric = models.CharField(max_length=80)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    target = models.DecimalField(max_digits=16, decimal_places=2)
    weight = models.DecimalField(max_digits=6, decimal_places=2)
    status = models.CharField(max_length=16, choices=Status.choices)
    visibility = models.CharField(max_length=16, choices=Visibility.choices)
    # Tree order at freezing time, so exports read top-down like the cascade did.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["baseline", "position"]
        constraints = [models.UniqueConstraint(fields=["baseline", "goal_pk"], name="one_baseline_row_per_goal")]
        indexes = [models.Index(fields=["baseline", "position"])]

    def __str__(self) -> str:
        return self.title
