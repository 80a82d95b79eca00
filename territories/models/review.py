from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from territories.models.plan import TerritoryPlan


class VersionOutcome(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


class PlanVersion(models.Model):
    """A plan as the rep submitted it: every section frozen (``snapshot``), with what changed and the outcome."""

    plan = models.ForeignKey(TerritoryPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField(help_text="Every section as submitted (territories.sections.plan_snapshot).")
    note = models.TextField("what changed", blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=16, choices=VersionOutcome.choices, default=VersionOutcome.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_per_number")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class ReviewKind(models.TextChoices):
    COMMENT = "comment", "Comment"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


class PlanReview(models.Model):
    """A step of the manager's review: a comment (on a section or the whole plan), an approval or a return."""

    plan = models.ForeignKey(TerritoryPlan, on_delete=models.CASCADE, related_name="reviews")
    version = models.PositiveIntegerField(help_text="The version the entry was written on (0: before the first).")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=ReviewKind.choices, default=ReviewKind.COMMENT)
    section = models.CharField(max_length=20, blank=True, help_text="The section it is about; empty: the plan.")
    body = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["plan", "created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["comment", "returned"]) | ~Q(body=""), name="plan_review_comment_has_text"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.plan}"


class CheckOutcome(models.TextChoices):
    REVISED = "revised", "Revised: a new version went for review"
    UNCHANGED = "unchanged", "Still right: nothing to change"


class PlanCheck(models.Model):
    """The quarterly plan check: a prompt to look at the plan again and revise what changed."""

    plan = models.ForeignKey(TerritoryPlan, on_delete=models.CASCADE, related_name="checks")
    quarter = models.PositiveSmallIntegerField(help_text="The quarter of the cycle it opens (2, 3 or 4).")
    due_on = models.DateField(help_text="The first day of that quarter.")
    requested_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=CheckOutcome.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "quarter"]
        constraints = [models.UniqueConstraint(fields=["plan", "quarter"], name="one_plan_check_per_quarter")]

    def __str__(self) -> str:
        return f"Q{self.quarter} check of {self.plan}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None
