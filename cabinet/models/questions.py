from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def awaiting_decision(self):
        return self.filter(published_at__isnull=True)


class CommitteeQuestion(models.Model):
    """Something the Executive Strategy Committee decides, e.g. "Revise the churn assumption".

    The committee's decision (one of the question's options) is published once; the
    Shadow Cabinet's seats record their recommendations before that. Later either side
    records the outcome: which option proved right, and why.
    """

    cycle = models.ForeignKey("goals.Cycle", on_delete=models.PROTECT, related_name="committee_questions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="The background: what is at stake, what the numbers say.")
    role = models.ForeignKey(
        "cabinet.CommitteeRole",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text="The committee role whose portfolio it falls in, if one.",
    )
    objectives = models.ManyToManyField("goals.Goal", blank=True, related_name="committee_questions")
    assumptions = models.ManyToManyField("assumptions.Assumption", blank=True, related_name="committee_questions")
    due_date = models.DateField(help_text="When the committee decides.")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    # The committee's decision, published once.
    decision = models.ForeignKey(
        "cabinet.QuestionOption", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_rationale = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    # The outcome, recorded later by either side: the option that proved right (none: neither call was).
    outcome = models.ForeignKey(
        "cabinet.QuestionOption", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_explanation = models.TextField(blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["cycle", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cabinet:question", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_outcome(self) -> bool:
        return self.outcome_at is not None


class QuestionOption(models.Model):
    """One of the calls a committee question can end in, e.g. "Revise it" or "Keep it"."""

    question = models.ForeignKey(CommitteeQuestion, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "label"], name="question_option_labels_differ")]

    def __str__(self) -> str:
        return self.label


class ShadowRecommendation(models.Model):
    """A shadow seat's call on a committee question, with its reasoning, recorded before the decision is published."""

    question = models.ForeignKey(CommitteeQuestion, on_delete=models.CASCADE, related_name="recommendations")
    seat = models.ForeignKey("cabinet.ShadowSeat", on_delete=models.PROTECT, related_name="recommendations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(QuestionOption, on_delete=models.PROTECT, related_name="recommendations")
    reasoning = models.TextField()
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question", "created", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "seat"], name="one_recommendation_per_seat")]

    def __str__(self) -> str:
        return f"{self.author} recommends {self.option} on {self.question}"
