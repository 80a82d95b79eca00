"""Models shared by every app: the transactional outbox of Celery tasks (core.outbox)."""

from django.db import models


class OutboxMessage(models.Model):
    """A task announced to Celery, written in the transaction that asked for it.

    The row is deleted once the broker has the task; a row left behind (the broker was down,
    the process died after the commit) is published by ``core.tasks.drain_outbox`` on the beat.
    """

    # The Celery task id, chosen here: a page can name the task before the broker has it.
    task_id = models.CharField(max_length=36, unique=True)
    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    # The task must not run before this moment (a countdown asked for when it was sent).
    not_before = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)}"
