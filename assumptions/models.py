from django.conf import settings
from django.db import models


class AssumptionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CHALLENGED = "challenged", "Challenged"
    UNDER_REVIEW = "under_review", "Under review"
    UPHELD = "upheld", "Upheld"
    REVISED = "revised", "Revised"
    RETIRED = "retired", "Retired"


# The alignment scan flags goals resting on an assumption in one of these states.
AT_RISK_STATUSES = (
    AssumptionStatus.CHALLENGED,
    AssumptionStatus.UNDER_REVIEW,
    AssumptionStatus.REVISED,
    AssumptionStatus.RETIRED,
)


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Assumption(models.Model):
    """A documented belief behind the strategy, e.g. "mid-market churn stays under 8%"."""

    cycle = models.ForeignKey("goals.Cycle", on_delete=models.PROTECT, related_name="assumptions")
    statement = models.CharField(max_length=300)
    rationale = models.TextField(blank=True)
    evidence = models.TextField("evidence and sources", blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_assumptions")
    confidence = models.CharField(max_length=16, choices=Confidence.choices, default=Confidence.MEDIUM)
    status = models.CharField(max_length=16, choices=AssumptionStatus.choices, default=AssumptionStatus.ACTIVE)
    goals = models.ManyToManyField("goals.Goal", blank=True, related_name="assumptions")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "statement"]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self) -> str:
        return self.statement
