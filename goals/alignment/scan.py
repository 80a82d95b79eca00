"""The alignment scan: run every rule over a cycle and bring its flags in line with what they found.

Reconciling keeps history: a new cause opens a flag; a cause that persists keeps its
one open flag (its message and severity follow the numbers); a cause that went away
resolves its flag (``resolved_at``), which is never deleted; a cause that returns opens
a new flag. Scanning again without a change in between writes nothing, so the scan is
idempotent. Two scans of one cycle never run at once: each holds the cycle's scan lock
for its whole transaction, and the second then sees what the first wrote.
"""

import datetime
import logging
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.locks import advisory_lock
from goals import cache as goals_cache
from goals.alignment.rules import Finding, ScanScope, evaluate
from goals.models import AlignmentFlag, AlignmentSnapshot, Cycle, Goal, Visibility
from goals.signals import alignment_flags_opened

logger = logging.getLogger(__name__)

SCAN_LOCK = "goals.alignment.scan"
ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What one scan changed, and what stays open."""

    cycle_id: int
    opened: int
    updated: int
    resolved: int
    open_flags: int
    seconds: float

    @property
    def changed(self) -> bool:
        return bool(self.opened or self.updated or self.resolved)


def scan_cycle(cycle_id: int, *, now: datetime.datetime | None = None) -> ScanResult:
    """Scan one cycle and reconcile its flags; announce newly opened flags once the transaction commits.

    A goal deleted while the scan ran makes its new flag fail the foreign key check at
    commit; the scan then runs again (it is idempotent), and sees the goal gone.
    """
    attempt = 1
    while True:
        try:
            return _scan_cycle(cycle_id, now=now)
        except IntegrityError:
            if attempt == ATTEMPTS or transaction.get_connection().in_atomic_block:
                raise
            attempt += 1
            logger.info("A goal of cycle %s changed under the alignment scan; scanning again", cycle_id)


def _scan_cycle(cycle_id: int, *, now: datetime.datetime | None) -> ScanResult:
    started = time.monotonic()
    now = now or timezone.now()
    with advisory_lock(SCAN_LOCK, cycle_id):
        _without_parallel_workers()
        cycle = Cycle.objects.get(pk=cycle_id)
        findings = evaluate(ScanScope(cycle=cycle, now=now))
        already_open = {
            (goal_id, kind): (pk, severity, message)
            for pk, goal_id, kind, severity, message in AlignmentFlag.objects.open()
            .filter(cycle_id=cycle_id)
            .order_by()
            .values_list("id", "goal_id", "kind", "severity", "message")
        }

        gone = [pk for key, (pk, _, _) in already_open.items() if key not in findings]
        changed = [
            AlignmentFlag(pk=pk, severity=findings[key].severity, message=findings[key].message)
            for key, (pk, severity, message) in already_open.items()
            if key in findings and (findings[key].severity, findings[key].message) != (severity, message)
        ]
        new = [
            AlignmentFlag(
                goal_id=finding.goal_id,
                cycle_id=cycle_id,
                kind=finding.kind,
                severity=finding.severity,
                message=finding.message,
                detected_at=now,
            )
            for key, finding in findings.items()
            if key not in already_open
        ]

        if gone:
            AlignmentFlag.objects.filter(pk__in=gone).update(resolved_at=now)
        if changed:
            AlignmentFlag.objects.bulk_update(changed, ["severity", "message"], batch_size=1000)
        AlignmentFlag.objects.bulk_create(new, batch_size=2000)
        _record_snapshot(cycle, now, findings.values(), flags_changed=bool(gone or changed or new))
        if gone or changed or new:
            goals_cache.bump()  # flag badges and alignment health read the open flags

        opened_ids = [flag.pk for flag in new]
        if opened_ids:
            # robust: the flags are committed; a receiver that fails must not fail the scan (it logs).
            transaction.on_commit(
                lambda: alignment_flags_opened.send(sender=AlignmentFlag, flag_ids=opened_ids), robust=True
            )

    result = ScanResult(
        cycle_id=cycle_id,
        opened=len(new),
        updated=len(changed),
        resolved=len(gone),
        open_flags=len(findings),
        seconds=round(time.monotonic() - started, 3),
    )
    logger.info(
        "Alignment scan of %s: %d opened, %d updated, %d resolved, %d open (%.2fs)",
        cycle.name,
        result.opened,
        result.updated,
        result.resolved,
        result.open_flags,
        result.seconds,
    )
    return result


def _without_parallel_workers() -> None:
    """Keep the scan's queries on one PostgreSQL process, for the rest of its transaction.

    The scan is background work: parallel workers would take every core of the database
    server from the web requests, and on a busy 2-core server they made it slower, not
    faster (bench/RESULTS.md).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


def _record_snapshot(cycle: Cycle, now: datetime.datetime, findings: Iterable[Finding], *, flags_changed: bool) -> None:
    """Keep today's point of the trend current, and its ``taken_at`` the last time flags changed.

    After reconciling, the open flags are the findings, so they are counted here without a
    query. Writes nothing when the scan changed no flag and the counts are already today's.
    """
    by_kind = Counter(finding.kind for finding in findings if not finding.goal_is_private)
    open_by_kind = dict(sorted(by_kind.items()))
    day = timezone.localdate(now)
    snapshot = AlignmentSnapshot.objects.filter(cycle=cycle, day=day).first()
    if snapshot is not None and not flags_changed and snapshot.open_by_kind == open_by_kind:
        return
    figures = {
        "goals": Goal.objects.filter(cycle=cycle, visibility=Visibility.COMPANY).count(),
        "open_flags": sum(by_kind.values()),
        "open_by_kind": open_by_kind,
        "taken_at": now,
    }
    if snapshot is None:
        AlignmentSnapshot.objects.create(cycle=cycle, day=day, **figures)
        return
    for name, value in figures.items():
        setattr(snapshot, name, value)
    snapshot.save(update_fields=list(figures))
