"""Placing drafted goals in the cascade together: one shift of the tree for every goal waiting on it.

Inserting one goal into a nested-set tree moves every goal to its right (tens of thousands
of rows in a 100,000-goal company), and writers into one tree queue on its lock: twenty
people drafting at once wait for twenty shifts, one after the other. Here a writer queues
its goal (a ``PendingGoal`` row, committed at once, after every check has passed) and then
takes the tree's lock. Whoever gets the lock places every goal then waiting for that tree
with one update (``core.bulk_tree.insert_leaves``), so the writers who queued while it
worked find their goals placed when their turn comes, and leave at once. Goals whose parent
holds room (goals/room.py) need no update at all; a parent out of room gets more with the
shift that places its goals.

Only the place in the tree is shared: each goal is saved with its own ``save()`` (receivers,
the audit trail's actor), and everything the single path does (roll-ups, the
``goals_changed`` announcement) happens for the whole batch in the same transaction. If a
shared placement fails, the batch's goals are marked to be placed alone, so one bad goal
never holds back the others.

Used by ``goals.services.goal_create`` on PostgreSQL outside any enclosing transaction (the
queued row must be visible to another writer); everywhere else goals are placed one at a time.
"""

import logging
from datetime import timedelta

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.models import Person
from core.bulk_tree import insert_leaves
from core.exceptions import StateConflict
from core.locks import mptt_tree_lock
from goals.models import Goal, PendingGoal
from goals.room import room_for_children

logger = logging.getLogger(__name__)

# A batch larger than this is split, so one transaction stays short.
MAX_BATCH = 200
FORGOTTEN_AFTER = timedelta(hours=1)


def can_share_placement() -> bool:
    """Queued placement needs PostgreSQL and no enclosing transaction (another writer must see the queue)."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def place_goal(*, goal: Goal, actor: Person, assumption_ids: list[int]) -> Goal:
    """Queue ``goal`` (checked, unsaved, with a parent) and return it saved in its place."""
    fields = [field.name for field in Goal._meta.concrete_fields if not field.primary_key]
    waiting = PendingGoal.objects.create(
        tree_id=goal.parent.tree_id,
        parent_id=goal.parent_id,
        actor=actor,
        data=serializers.serialize("json", [goal], fields=fields),
        assumption_ids=list(assumption_ids),
    )
    try:
        while True:
            with mptt_tree_lock(Goal, [waiting.parent_id]):
                if not PendingGoal.objects.filter(pk=waiting.pk).exists():  # deleted with its parent
                    raise ValidationError({"parent": "The parent goal was deleted while this goal waited for it."})
                waiting.refresh_from_db()
                if waiting.goal_id is None and not waiting.alone:
                    _place_waiting(_locked_tree(waiting))
                    waiting.refresh_from_db()
            if waiting.goal_id is not None:
                return Goal.objects.get(pk=waiting.goal_id)
            if waiting.alone:
                return _place_alone(waiting)
            # The parent moved to another tree while we waited: take that tree's lock next time.
    finally:
        PendingGoal.objects.filter(pk=waiting.pk).delete()


def _locked_tree(waiting: PendingGoal) -> int:
    return Goal.objects.filter(pk=waiting.parent_id).values_list("tree_id", flat=True).get()


def _place_waiting(tree_id: int) -> None:
    """Under the tree's lock: place every goal waiting for this tree with one shift."""
    # By the parent's tree now, not the one queued for: a parent may have moved to another tree.
    batch = list(
        PendingGoal.objects.filter(parent__tree_id=tree_id, goal__isnull=True, alone=False)
        .select_related("actor")
        .order_by("pk")[:MAX_BATCH]
    )
    # Rows whose writer never came back for them (a process that died) are tidied away later.
    PendingGoal.objects.filter(goal__isnull=False, queued__lt=timezone.now() - FORGOTTEN_AFTER).delete()
    if not batch:
        return
    try:
        with transaction.atomic():
            shifted = _insert(batch)
        if shifted:
            transaction.on_commit(_request_vacuum, robust=True)
    except (DatabaseError, StateConflict, ValueError) as error:
        logger.warning("Placing %d queued goals together failed (%s); each is placed alone", len(batch), error)
        PendingGoal.objects.filter(pk__in=[waiting.pk for waiting in batch]).update(alone=True)


def _request_vacuum() -> None:
    from goals.tasks import request_goal_table_vacuum

    request_goal_table_vacuum()


def _insert(batch: list[PendingGoal]) -> int:
    """Place the batch; returns how many parents needed the tree shifted to make space."""
    from goals.rollup import refresh_rollups_upward
    from goals.services import announce_goals

    parents = Goal.objects.in_bulk({waiting.parent_id for waiting in batch})
    goals = []
    for waiting in batch:
        goal = next(serializers.deserialize("json", waiting.data)).object
        if goal.parent_id not in parents:
            raise StateConflict("The parent goal was deleted while the goal waited.")
        # The audit trail (django-simple-history, when installed) records who drafted it, not who placed it.
        goal._history_user = waiting.actor
        goals.append((goal, parents[goal.parent_id]))
    shifted = insert_leaves(Goal, goals, room_for=room_for_children)
    for waiting, (goal, _) in zip(batch, goals, strict=True):
        if waiting.assumption_ids:
            goal.assumptions.set(waiting.assumption_ids)
        waiting.goal = goal
    PendingGoal.objects.bulk_update(batch, ["goal"])
    refresh_rollups_upward(goal.pk for goal, _ in goals)
    announce_goals(goal for goal, _ in goals)
    return shifted


def _place_alone(waiting: PendingGoal) -> Goal:
    """The single path: this goal alone, with django-mptt's own insert, under the tree's lock."""
    from goals.rollup import refresh_rollups_upward
    from goals.services import announce_goals

    goal = next(serializers.deserialize("json", waiting.data)).object
    with mptt_tree_lock(Goal, [goal.parent_id]):
        goal.parent = Goal.objects.get(pk=goal.parent_id)
        goal._history_user = waiting.actor
        goal.save()
        if waiting.assumption_ids:
            goal.assumptions.set(waiting.assumption_ids)
        refresh_rollups_upward([goal.pk])
        announce_goals([goal])
    return goal
