"""Course corrections: the change requests accepted challenges send to goals' owners, applied or declined."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from assumptions import services
from assumptions.forms import DecisionForm
from assumptions.selectors import change_requests_awaiting
from assumptions.views.common import FAILED, change_request_or_404, run_service
from core.formatting import format_amount
from goals.views.common import redirect_next, safe_next

PAGE_SIZE = 25


@login_required
def change_request_list(request):
    """Pending course corrections on goals I own or manage."""
    awaiting = Paginator(change_requests_awaiting(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for change in awaiting.object_list:
        change.can_decide = True  # the selector keeps pending requests on goals the person owns or manages
    return render(
        request,
        "assumptions/change_requests.html",
        {"page_obj": awaiting, "next": request.get_full_path()},
    )


@login_required
def change_request_detail(request, pk: int):
    """One change request, and for its goal's owner or manager the form to apply or decline it."""
    change_request = change_request_or_404(request, pk)
    can_decide = change_request.is_pending and request.user.has_perm("assumptions.decide_changerequest", change_request)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_decide and change_request.is_pending:
            raise PermissionDenied("Only the goal's owner or their managers decide on its course correction.")
        action = request.POST.get("action")
        if action not in ("apply", "decline"):
            form.add_error(None, "Choose to apply or to decline the change.")
        elif form.is_valid():
            service = services.change_request_apply if action == "apply" else services.change_request_decline
            note = form.cleaned_data["note"]
            decided = run_service(form, lambda: service(actor=request.user, change_request=change_request, note=note))
            if decided is not FAILED:
                goal = decided.goal
                if action == "apply" and decided.proposed_target is not None:
                    messages.success(
                        request,
                        f"Applied: “{goal.title}” now targets {format_amount(goal.target, goal.unit)}"
                        f" (was {format_amount(decided.previous_target, goal.unit)}).",
                    )
                elif action == "apply":
                    messages.success(request, f"Applied the course correction to “{goal.title}”.")
                else:
                    messages.success(request, f"Declined: “{goal.title}” keeps its course.")
                return redirect_next(request, reverse("assumptions:change-requests"))
    return render(
        request,
        "assumptions/change_request_detail.html",
        {
            "change_request": change_request,
            "challenge": change_request.challenge,
            # A refused decision stays on screen with its reason and the note typed, even once decided.
            "can_decide": can_decide or bool(form.errors),
            "decision_form": form,
            "next": safe_next(request, ""),
        },
    )
