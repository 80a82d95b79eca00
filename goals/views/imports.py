"""Importing goals from a CSV on a page: the upload, then the job's page, which follows the worker's progress."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from core.csv_files import decode_csv
from core.forms import add_service_errors
from goals.forms import GoalsImportForm
from goals.import_jobs import import_job_create, job_progress
from goals.imports import GOAL_COLUMNS, REQUIRED_COLUMNS
from goals.models import Cycle, ImportJob, ImportKind

ERRORS_SHOWN = 500


@login_required
def goals_import_page(request, cycle_id: int):
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    form = GoalsImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = decode_csv(upload.read())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            job = import_job_create(
                actor=request.user, kind=ImportKind.GOALS, cycle=cycle, text=text, file_name=upload.name
            )
            return redirect("goals:import-job", pk=job.pk)
    context = {
        "cycle": cycle,
        "form": form,
        "required": sorted(REQUIRED_COLUMNS),
        "optional": sorted(GOAL_COLUMNS - REQUIRED_COLUMNS),
    }
    return render(request, "goals/imports/upload.html", context)


@login_required
def import_job_page(request, pk: int):
    """The job's status and progress; htmx asks again every two seconds until it is done."""
    jobs = ImportJob.objects.defer("text").select_related("cycle")
    if not request.user.is_staff:
        jobs = jobs.filter(actor=request.user)
    job = get_object_or_404(jobs, pk=pk)
    rows = job.errors.get("rows", []) if isinstance(job.errors, dict) else []
    context = {
        "job": job,
        "progress": job_progress(job),
        "error_rows": rows[:ERRORS_SHOWN],
        "more_errors": max(0, len(rows) - ERRORS_SHOWN),
        "file_errors": {key: value for key, value in (job.errors or {}).items() if key != "rows"},
    }
    template = "goals/imports/_job_status.html" if request.htmx else "goals/imports/job.html"
    return render(request, template, context)
