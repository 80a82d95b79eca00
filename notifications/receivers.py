"""Signals in, tasks out: a transaction's announced events become one ``notify_task`` once it commits.

The receivers do no work of their own: the task runs on a worker (or in-process in the
embedded mode, right after the commit), never inside the request's transaction, and a
rolled-back change notifies nobody.
"""

import logging
import weakref

from django.db import transaction

from assumptions.signals import (
    challenge_opened,
    challenge_resolved,
    change_request_decided,
    change_request_opened,
    comment_posted,
)
from core import outbox
from goals.signals import alignment_flags_opened, goal_commented, goal_deleted, goal_status_changed
from notifications.delivery import is_paused

logger = logging.getLogger(__name__)

# One task per this many flags: a first scan of a big cycle opens thousands at once.
FLAGS_PER_TASK = 2000
EVENTS_PER_TASK = 500


class _NotifyAfterCommit:
    """The one on_commit callback of a transaction: its events, handed to one task once it commits.

    One task per transaction means one email per person for a bulk approval of 50 goals.
    """

    def __init__(self) -> None:
        self.events: list[list] = []
        self.done = False

    def __call__(self) -> None:
        from notifications.tasks import notify_task

        self.done = True
        for start in range(0, len(self.events), EVENTS_PER_TASK):
            try:
                outbox.send(notify_task, self.events[start : start + EVENTS_PER_TASK])
            except Exception:
                # The change is committed: a broker that is down (or, in-process, a mail server)
                # must not fail the request that made it.
                logger.exception("Could not deliver notifications for %s", [event for event, _ in self.events])


def enqueue(event: str, **payload) -> None:
    """Deliver ``event`` (``notifications.events``) once the current transaction commits (at once outside one)."""
    if is_paused():
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        batch = _NotifyAfterCommit()
        batch.events.append([event, payload])
        batch()
        return
    # As in goals/alignment/triggers.py: Django drops the callback when the transaction (or
    # the savepoint that registered it) rolls back, and the weak reference dies with it.
    reference = getattr(connection, "_notifications_batch", None)
    batch = reference() if reference is not None else None
    if batch is None or batch.done:
        batch = _NotifyAfterCommit()
        transaction.on_commit(batch)
        connection._notifications_batch = weakref.ref(batch)
    batch.events.append([event, payload])


def _on_goal_status_changed(sender, goal, old_status, new_status, actor, reason="", **kwargs) -> None:
    enqueue(
        "goal_status_changed",
        goal_id=goal.pk,
        new_status=str(new_status),
        actor_id=actor.pk if actor is not None else None,
        reason=reason or "",
        changed_at=goal.updated.isoformat() if goal.updated else "",
    )


def _on_alignment_flags_opened(sender, flag_ids, **kwargs) -> None:
    flag_ids = sorted(flag_ids)
    for start in range(0, len(flag_ids), FLAGS_PER_TASK):
        enqueue("alignment_flags_opened", flag_ids=flag_ids[start : start + FLAGS_PER_TASK])


def _on_goal_commented(sender, comment, **kwargs) -> None:
    enqueue("goal_commented", comment_id=comment.pk)


def _on_challenge_opened(sender, challenge, **kwargs) -> None:
    enqueue("challenge_opened", challenge_id=challenge.pk)


def _on_challenge_resolved(sender, challenge, actor=None, **kwargs) -> None:
    enqueue("challenge_resolved", challenge_id=challenge.pk, actor_id=actor.pk if actor is not None else None)


def _on_comment_posted(sender, comment, **kwargs) -> None:
    enqueue("comment_posted", comment_id=comment.pk)


def _on_change_request_opened(sender, change_request, **kwargs) -> None:
    enqueue("change_request_opened", change_request_id=change_request.pk)


def _on_change_request_decided(sender, change_request, actor=None, **kwargs) -> None:
    enqueue(
        "change_request_decided", change_request_id=change_request.pk, actor_id=actor.pk if actor is not None else None
    )


def _on_goal_deleted(sender, deletion, restored=False, **kwargs) -> None:
    if deletion.goal_count:
        enqueue("goal_deleted", deletion_id=deletion.pk, restored=bool(restored))


def connect() -> None:
    goal_status_changed.connect(_on_goal_status_changed, dispatch_uid="notify-goal-status-changed")
    alignment_flags_opened.connect(_on_alignment_flags_opened, dispatch_uid="notify-alignment-flags-opened")
    goal_commented.connect(_on_goal_commented, dispatch_uid="notify-goal-commented")
    goal_deleted.connect(_on_goal_deleted, dispatch_uid="notify-goal-deleted")
    challenge_opened.connect(_on_challenge_opened, dispatch_uid="notify-challenge-opened")
    challenge_resolved.connect(_on_challenge_resolved, dispatch_uid="notify-challenge-resolved")
    comment_posted.connect(_on_comment_posted, dispatch_uid="notify-comment-posted")
    change_request_opened.connect(_on_change_request_opened, dispatch_uid="notify-change-request-opened")
    change_request_decided.connect(_on_change_request_decided, dispatch_uid="notify-change-request-decided")
