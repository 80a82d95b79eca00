"""Running the alignment scan on demand: the "Scan now" button and ``POST /api/cycles/{id}/scan/``."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from accounts.models import Person
from core import outbox
from goals.alignment.scan import ScanResult, scan_cycle
from goals.models import Cycle
from goals.tasks import scan_cycle_task


@dataclass(frozen=True, slots=True)
class ScanRequest:
    """A scan asked for: its result when it ran here, or the id of the task that will run it.

    ``delayed``: the broker could not be reached; the scan waits in the outbox for the worker.
    """

    cycle_id: int
    result: ScanResult | None = None
    task_id: str | None = None
    delayed: bool = False


def alignment_scan_request(*, actor: Person, cycle: Cycle) -> ScanRequest:
    """Scan ``cycle`` now: in this process when tasks run in-process, else on a worker (the reply is immediate)."""
    if not actor.has_perm("goals.run_alignment_scan", cycle):
        raise PermissionDenied("Only executives and admins run the alignment scan.")
    if scan_cycle_task.app.conf.task_always_eager:
        return ScanRequest(cycle_id=cycle.pk, result=scan_cycle(cycle.pk))
    sent = outbox.send(scan_cycle_task, cycle.pk)
    return ScanRequest(cycle_id=cycle.pk, task_id=sent.task_id, delayed=sent.delayed)
