"""CSV imports too large for a web request: queued as an ``ImportJob``, run by a worker, progress shown.

The API and the import page send a file of more than ``settings.IMPORT_SYNC_MAX_ROWS`` rows
here (smaller ones import at once, as before). A worker runs the same import, all rows or
none with every bad row reported, and the job keeps its outcome; while it runs, its progress
(the phase and rows done) sits in the cache, where the job's page and API read it.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone

from accounts.models import Person
from core import outbox
from core.api.exceptions import validation_error_detail
from core.exceptions import ImportRejected, StateConflict
from goals.imports import goals_import
from goals.models import Cycle, ImportJob, ImportKind, ImportStatus

# A worker that died mid-import left its job "running"; after this long another worker takes it over.
STALE_AFTER_SECONDS = 3600


def rows_in(text: str) -> int:
    """About how many rows a CSV has after its header (enough to choose between now and a job)."""
    return max(0, text.count("\n") - 1 + (0 if text.endswith("\n") else 1))


def runs_as_job(text: str) -> bool:
    return rows_in(text) > settings.IMPORT_SYNC_MAX_ROWS


def import_job_create(
    *, actor: Person, kind: str, text: str, cycle: Cycle | None = None, file_name: str = ""
) -> ImportJob:
    """Queue an import; a worker picks it up once the transaction commits."""
    from goals.tasks import run_import_job_task

    if kind == ImportKind.GOALS and cycle is None:
        raise ValidationError({"cycle": "Name the cycle the goals go into."})
    job = ImportJob.objects.create(
        kind=kind, actor=actor, cycle=cycle, text=text, rows_total=rows_in(text), file_name=file_name[:200]
    )
    outbox.send_on_commit(run_import_job_task, job.pk)
    return job


def progress_key(job_id: int) -> str:
    return f"import-job-progress:{job_id}"


def job_progress(job: ImportJob) -> dict:
    """``{"phase", "done", "total"}``: where a running import is (from the cache); done jobs are whole."""
    if job.status == ImportStatus.SUCCEEDED:
        return {"phase": "done", "done": job.rows_total, "total": job.rows_total}
    found = cache.get(progress_key(job.pk)) if job.status == ImportStatus.RUNNING else None
    return found or {
        "phase": "waiting" if job.status == ImportStatus.QUEUED else job.status,
        "done": 0,
        "total": job.rows_total,
    }


def run_import_job(job_id: int) -> ImportJob | None:
    """Run a queued import once (a second delivery of the task finds it claimed and does nothing)."""
    now = timezone.now()
    stale = now - timezone.timedelta(seconds=STALE_AFTER_SECONDS)
    claimed = ImportJob.objects.filter(
        Q(status=ImportStatus.QUEUED) | Q(status=ImportStatus.RUNNING, started_at__lt=stale), pk=job_id
    ).update(status=ImportStatus.RUNNING, started_at=now)
    if not claimed:
        return None
    job = ImportJob.objects.select_related("actor", "cycle").get(pk=job_id)

    def progress(phase: str, done: int, total: int) -> None:
        cache.set(progress_key(job.pk), {"phase": phase, "done": done, "total": total}, timeout=STALE_AFTER_SECONDS)

    status, result, errors = ImportStatus.FAILED, {}, {}
    try:
        result = _IMPORTERS[job.kind](job, progress)
        status = ImportStatus.SUCCEEDED
    except ImportRejected as rejected:
        errors = {"detail": rejected.message, "rows": rejected.rows}
    except ValidationError as error:
        errors = validation_error_detail(error)
    except (PermissionDenied, StateConflict) as refusal:
        errors = {"detail": getattr(refusal, "message", None) or str(refusal)}
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            errors={"detail": "The import stopped on an unexpected error; nothing was imported. Try again."},
            finished_at=timezone.now(),
        )
        raise
    finally:
        cache.delete(progress_key(job.pk))
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, result=result, errors=errors, text="", finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def goals_import_body(result) -> dict:
    """What a goals import answers: how many were created, each by its row (the API's 201 and a job's result)."""
    goals = [
        {"row": line, "id": goal.pk, "external_key": goal.external_key, "title": goal.title}
        for line, goal in result.created
    ]
    return {"created": len(goals), "goals": goals}


def _goals(job: ImportJob, progress) -> dict:
    return goals_import_body(goals_import(actor=job.actor, cycle=job.cycle, text=job.text, progress=progress))


_IMPORTERS = {ImportKind.GOALS: _goals}
