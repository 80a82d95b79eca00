from django.conf import settings
from django.db import models


class PendingGoal(models.Model):
    """A drafted goal waiting for its place in the cascade, so that one shift of the tree places many.

    ``goal_create`` queues the checked goal here (committed at once), then takes its tree's
    lock; whoever holds the lock places every goal waiting for that tree with a single
    space-making update (goals/placement.py). The row is removed once its writer has read
    the outcome.
    """

    # The tree it was queued for; it is placed by its parent's tree at the time, which may have changed.
    tree_id = models.PositiveIntegerField()
    parent = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The goal's fields as Django's serializer writes them, so fields added to Goal travel too.
    data = models.TextField()
    assumption_ids = models.JSONField(default=list)
    goal = models.OneToOneField("goals.Goal", null=True, on_delete=models.CASCADE, related_name="+")
    # True when a shared placement failed: the writer then places its own goal alone.
    alone = models.BooleanField(default=False)
    queued = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["tree_id"], condition=models.Q(goal__isnull=True), name="pending_goal_waiting")]

    def __str__(self) -> str:
        return f"Goal waiting in tree {self.tree_id}"
