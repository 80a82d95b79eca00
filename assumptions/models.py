from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from mptt.models import MPTTModel, TreeForeignKey


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

# What an owner may set an assumption to by hand; challenged follows from open challenges.
OWNER_SETTABLE_STATUSES = (
    AssumptionStatus.ACTIVE,
    AssumptionStatus.UNDER_REVIEW,
    AssumptionStatus.UPHELD,
    AssumptionStatus.REVISED,
    AssumptionStatus.RETIRED,
)


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class AssumptionQuerySet(models.QuerySet):
    def with_challenge_counts(self):
        return self.annotate(
            open_challenge_count=Count("challenges", filter=Q(challenges__status=ChallengeStatus.OPEN), distinct=True),
            challenge_count=Count("challenges", distinct=True),
        )


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
    revision = models.PositiveIntegerField(default=1, help_text="Number of the latest revision.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = AssumptionQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "statement"]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self) -> str:
        return self.statement

    def get_absolute_url(self) -> str:
        return reverse("assumptions:detail", args=[self.pk])

    @property
    def is_at_risk(self) -> bool:
        return self.status in AT_RISK_STATUSES


class AssumptionRevision(models.Model):
    """One change to an assumption: who made it, when, why, and each field's old and new value.

    ``changes`` maps a field name to ``[old, new]`` (goals as lists of goal ids);
    revision 1 records the assumption as it was written, with ``changes`` holding ``[None, value]``.
    """

    assumption = models.ForeignKey(Assumption, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    changes = models.JSONField(default=dict)
    note = models.CharField(max_length=300, blank=True)
    challenge = models.ForeignKey(
        "Challenge", null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )

    class Meta:
        ordering = ["assumption", "-number"]
        constraints = [models.UniqueConstraint(fields=["assumption", "number"], name="one_revision_per_number")]

    def __str__(self) -> str:
        return f"{self.assumption} r{self.number}"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class ChallengeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ChallengeStatus.OPEN)

    def with_endorsement_count(self):
        return self.annotate(endorsement_count=Count("endorsements", distinct=True))


class Challenge(models.Model):
    """A person's argument, with market evidence, that an assumption no longer holds."""

    assumption = models.ForeignKey(Assumption, on_delete=models.CASCADE, related_name="challenges")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="challenges")
    claim = models.CharField(max_length=300)
    evidence = models.TextField("market evidence or trend", blank=True)
    course_correction = models.TextField(
        blank=True, help_text="What should change in the goals resting on the assumption, in words."
    )
    status = models.CharField(max_length=16, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN)
    response = models.TextField(blank=True)
    outcome = models.CharField(
        max_length=16,
        choices=AssumptionStatus.choices,
        blank=True,
        help_text="The assumption's status the resolution led to.",
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["assumption", "status"]), models.Index(fields=["author", "status"])]

    def __str__(self) -> str:
        return self.claim

    def get_absolute_url(self) -> str:
        return reverse("assumptions:challenge", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == ChallengeStatus.OPEN


class Endorsement(models.Model):
    """One person's vote for a challenge."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="endorsements")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["challenge", "person"], name="one_endorsement_per_person")]

    def __str__(self) -> str:
        return f"{self.person} endorses {self.challenge}"


class ChangeRequestStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"  # part of an open challenge
    PENDING = "pending", "Awaiting the goal's owner"  # the challenge was accepted
    APPLIED = "applied", "Applied"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"  # the challenge was declined
    SUPERSEDED = "superseded", "Superseded"  # another course correction changed the goal's target first


class ChangeRequest(models.Model):
    """A course correction a challenge proposes for one goal, e.g. a lower target.

    It waits as ``proposed`` while the challenge is open; accepting the challenge makes it
    ``pending`` for the goal's owner or manager, who applies or declines it. Applying one
    target change supersedes the others still open on the same goal: their numbers were
    proposed against a target that is gone.
    """

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="change_requests")
    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="change_requests")
    proposed_target = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.PROPOSED)
    previous_target = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["goal", "status"])]

    def __str__(self) -> str:
        return f"Change to {self.goal}"

    def get_absolute_url(self) -> str:
        return reverse("assumptions:change-request", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == ChangeRequestStatus.PENDING

    @property
    def target_before(self):
        """The target this change starts from: the one it replaced (applied or superseded), else the goal's now."""
        return self.previous_target if self.previous_target is not None else self.goal.target


class Comment(MPTTModel):
    """A reply in a challenge's thread; replies nest under the comment they answer.

    Each top-level comment starts its own tree, so the thread reads in
    (tree_id, lft) order: first comments by time, each followed by its replies.
    A removed comment keeps its place (and its replies) with its text blanked.
    """

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="comments")
    parent = TreeForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="challenge_comments")
    body = models.TextField(max_length=4000)
    created = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.author} on {self.challenge}: {self.body[:40]}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
