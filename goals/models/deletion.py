from django.conf import settings
from django.db import models
from django.utils import timezone


class ChildrenChoice(models.TextChoices):
    """What happens to a deleted goal's sub-goals: the person deleting it says."""

    MOVE_UP = "move_up", "Move them up to its parent"
    DELETE = "delete", "Delete them too"


class Deletion(models.Model):
    """One act of deleting a goal: what went with it, who did it, until when it can be undone.

    Deleting is soft: the goal (with its sub-goals, when they go too), their check-ins and
    comments stay in the database marked with this deletion, out of every list, tree, count,
    roll-up and scan. The deleted goal is detached from the cascade into a tree of its own,
    so django-mptt's nested sets of the live cascade never contain a deleted node; ``parent``
    remembers where it hung, ``moved_up`` which sub-goals were moved up to that parent, and a
    restore puts everything back.
    """

    goal = models.ForeignKey(
        "goals.Goal", null=True, on_delete=models.SET_NULL, related_name="+", help_text="The goal deleted."
    )
    goal_title = models.CharField(max_length=200)  # kept for the list of deletions should the goal be purged
    cycle = models.ForeignKey("goals.Cycle", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now, db_index=True)
    children = models.CharField(max_length=16, choices=ChildrenChoice.choices, blank=True)
    parent = models.ForeignKey(
        "goals.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="Where it hung."
    )
    moved_up = models.JSONField(default=list, blank=True, help_text="Ids of the sub-goals moved up to the parent.")
    goal_count = models.PositiveIntegerField(default=1)
    checkin_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    undo_until = models.DateTimeField(help_text="Until then the person who deleted it may undo it; admins any time.")
    restored_at = models.DateTimeField(null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["restored_at", "created"])]

    def __str__(self) -> str:
        return f"Deleted “{self.goal_title}”"

    @property
    def is_restored(self) -> bool:
        return self.restored_at is not None

    def undoable_at(self, moment) -> bool:
        return not self.is_restored and moment <= self.undo_until
