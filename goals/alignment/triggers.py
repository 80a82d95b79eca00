"""Rescanning shortly after goals change, debounced, so flags resolve soon after their cause is fixed.

An incremental rescan scans the whole cycle again: a full scan of a 100,000-goal cycle
takes about a second (bench/RESULTS.md), and the rules that matter most after an edit
(a parent's target shortfall, the management chain) reach beyond the edited subtree.

Debouncing happens twice:

1. Per transaction: however many times ``goals_changed`` fires inside one transaction (a
   bulk import of thousands of goals), one callback per transaction is registered with
   ``transaction.on_commit``, collecting the cycles; it runs once the data is committed,
   never inside a half-finished write, and never when the transaction rolls back.
2. Per time window, with a broker: the callback enqueues ``scan_cycle_task`` with a
   countdown of ``ALIGNMENT_RESCAN_DELAY`` seconds only if no scan of that cycle is
   already waiting (a cache key, cleared when the scan starts).

With tasks run in-process (the embedded default) there is no window: the scan runs
right after the commit, at most once per transaction and cycle.
"""

import logging
import weakref
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from accounts.signals import reporting_line_changed
from core import outbox
from goals.alignment.rules import assumption_relation
from goals.models import Goal, Phase
from goals.signals import goals_changed

logger = logging.getLogger(__name__)


def rescan_key(cycle_id: int) -> str:
    """The cache key that says "a rescan of this cycle is already waiting"."""
    return f"alignment:rescan-pending:{cycle_id}"


def request_rescan(cycle_id: int) -> bool:
    """Scan ``cycle_id`` soon, unless a scan is already waiting; True when one was scheduled (or run)."""
    from goals.tasks import scan_cycle_task  # tasks import the scan, which imports this module's neighbours

    if outbox.runs_in_process(scan_cycle_task):
        outbox.send(scan_cycle_task, cycle_id)
        return True
    delay = settings.ALIGNMENT_RESCAN_DELAY
    try:
        already_waiting = not cache.add(rescan_key(cycle_id), "waiting", timeout=delay + 60)
    except Exception:
        # Redis (the cache) is down: a second scan costs a second, a missed one leaves stale flags.
        logger.warning("Could not check for a waiting rescan of cycle %s", cycle_id, exc_info=True)
        already_waiting = False
    if already_waiting:
        return False
    outbox.send(scan_cycle_task, cycle_id, countdown=delay)
    return True


class _RescanAfterCommit:
    """The one on_commit callback of a transaction: the cycles it changed, rescanned once it commits."""

    def __init__(self) -> None:
        self.cycle_ids: set[int] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True
        for cycle_id in sorted(self.cycle_ids):
            try:
                request_rescan(cycle_id)
            except Exception:
                # The change itself is committed: a failed rescan must not fail the request
                # that made it. The hourly scan catches up.
                logger.exception("Could not schedule the alignment rescan of cycle %s", cycle_id)


def rescan_after_commit(cycle_ids: Iterable[int | None]) -> None:
    """Rescan these cycles once the current transaction commits (at once outside a transaction)."""
    cycle_ids = {pk for pk in cycle_ids if pk is not None}
    if not cycle_ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        batch = _RescanAfterCommit()
        batch.cycle_ids = cycle_ids
        batch()
        return
    # Django drops its reference to the callback when the transaction (or the savepoint
    # that registered it) rolls back; the weak reference then dies with it, and the next
    # transaction registers a callback of its own.
    reference = getattr(connection, "_alignment_rescan_batch", None)
    batch = reference() if reference is not None else None
    if batch is None or batch.done:
        batch = _RescanAfterCommit()
        transaction.on_commit(batch, robust=True)
        connection._alignment_rescan_batch = weakref.ref(batch)
    batch.cycle_ids |= cycle_ids


def _on_goals_changed(sender, cycle_ids=(), **kwargs) -> None:
    rescan_after_commit(cycle_ids)


def _on_reporting_line_changed(sender, person, **kwargs) -> None:
    # Whose chain a goal's parent sits in changed for everyone under ``person``.
    moved = person.get_descendants(include_self=True).values("pk")
    rescan_after_commit(_cycles_of(Goal.objects.filter(owner__in=moved).exclude(cycle__phase=Phase.CLOSED)))


def _cycles_of(goals) -> set[int]:
    return set(goals.order_by().values_list("cycle_id", flat=True).distinct())


def _on_assumption_saved(sender, instance, **kwargs) -> None:
    rescan_after_commit(_cycles_of(Goal.objects.filter(assumptions=instance)))


def _on_assumption_links_changed(sender, instance, action, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if isinstance(instance, Goal):
        rescan_after_commit({instance.cycle_id})
    elif pk_set:
        rescan_after_commit(_cycles_of(Goal.objects.filter(pk__in=pk_set)))
    else:  # about to be cleared from the assumption's side: its goals are still linked
        rescan_after_commit(_cycles_of(Goal.objects.filter(assumptions=instance)))


def connect() -> None:
    """Listen to the cascade and to assumptions (found through ``Goal.assumptions``, never imported)."""
    from django.db.models.signals import m2m_changed, post_save

    goals_changed.connect(_on_goals_changed, dispatch_uid="alignment-rescan-on-goals-changed")
    reporting_line_changed.connect(_on_reporting_line_changed, dispatch_uid="alignment-rescan-on-reporting-line")
    relation = assumption_relation()
    if relation is None:
        return
    post_save.connect(_on_assumption_saved, sender=relation.related_model, dispatch_uid="alignment-rescan-assumption")
    m2m_changed.connect(
        _on_assumption_links_changed, sender=relation.through, dispatch_uid="alignment-rescan-assumption-links"
    )
