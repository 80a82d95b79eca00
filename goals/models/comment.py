from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.soft_delete import EveryRowManager, LiveManager


class GoalComment(models.Model):
    """A remark on a goal by someone who can see it: a question, a nudge, context for a change."""

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="goal_comments")
    body = models.TextField(max_length=4000)
    deletion = models.ForeignKey(
        "goals.Deletion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # a partial index covers the few deleted rows
    )
    created = models.DateTimeField(default=timezone.now)

    objects = LiveManager()  # not deleted with its goal (or on its own)
    all_objects = EveryRowManager()

    class Meta:
        ordering = ["created", "id"]
        indexes = [
            models.Index(fields=["deletion"], condition=Q(deletion__isnull=False), name="goalcomment_deleted_idx"),
            models.Index(fields=["goal", "created"]),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.goal}: {self.body[:40]}"
