"""The approval queue: goals submitted by people under the viewer, approved or returned one by one or in bulk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.parsing import parse_id
from goals import services
from goals.forms import ReviewForm
from goals.selectors import approval_queue

QUEUE_PAGE_SIZE = 50


def _queue_context(request, form: ReviewForm) -> dict:
    queue = approval_queue(request.user)
    return {"page": Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page")), "form": form}


@login_required
def approval_queue_page(request):
    form = ReviewForm(queue=approval_queue(request.user))
    return render(request, "goals/approvals.html", _queue_context(request, form))


@login_required
@require_POST
def approval_review(request):
    """Approve or return the ticked goals (all or none); from a row (htmx), just that one."""
    form = ReviewForm(request.POST, queue=approval_queue(request.user))
    reviewed = []
    if form.is_valid():
        try:
            reviewed = services.goals_review(
                actor=request.user,
                goals=list(form.cleaned_data["goals"]),
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if request.htmx:
        if reviewed:
            return render(request, "goals/approvals/_review_result.html", {"goal": reviewed[0]})
        goal_id = parse_id(request.POST.get("goals"))
        goal = approval_queue(request.user).filter(pk=goal_id).first() if goal_id else None
        errors = [error for errors in form.errors.values() for error in errors]
        if goal is None:
            return render(request, "goals/approvals/_review_result.html", {"errors": errors})
        return render(request, "goals/approvals/_row.html", {"goal": goal, "row_errors": errors, "form": form})
    if reviewed:
        verb = "Approved" if form.cleaned_data["decision"] == "approve" else "Returned"
        messages.success(request, f"{verb} {len(reviewed)} goal{'s' if len(reviewed) != 1 else ''}.")
        return redirect("goals:approvals")
    return render(request, "goals/approvals.html", _queue_context(request, form))
