from django.conf import settings
from django.db import models
from django.utils import timezone


class CommitteeRoleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class CommitteeRole(models.Model):
    """A role on the Executive Strategy Committee: its title, remit, holder and portfolio."""

    title = models.CharField(max_length=120, unique=True, help_text='e.g. "Chief Revenue Officer: new ARR".')
    remit = models.TextField(blank=True, help_text="What the role answers for, in a few sentences.")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="committee_roles",
        help_text="The executive who holds the role.",
    )
    objectives = models.ManyToManyField(
        "goals.Goal", blank=True, related_name="committee_roles", help_text="Corporate objectives in its portfolio."
    )
    assumptions = models.ManyToManyField(
        "assumptions.Assumption", blank=True, related_name="committee_roles", help_text="Assumptions in its portfolio."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Where it shows in the committee's list.")
    # A role the committee no longer has keeps its seats, questions and track record.
    is_active = models.BooleanField("active", default=True)
    created = models.DateTimeField(default=timezone.now)

    objects = CommitteeRoleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class HighPerformerMark(models.Model):
    """One change of a person's high-performer mark: marked or unmarked, by whom, when and why."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="high_performer_marks")
    is_high_performer = models.BooleanField(help_text="The mark after this change.")
    reason = models.TextField()
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["person", "-created"])]

    def __str__(self) -> str:
        verb = "marked" if self.is_high_performer else "unmarked"
        return f"{self.person} {verb} high performer"
