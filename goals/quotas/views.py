"""Pages for phasing a goal and writing its retrospective; the goal page shows both (templatetags/quotas.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from goals.models import Granularity, PhasingMethod
from goals.quotas.forms import PhasingForm, RetrospectiveForm
from goals.quotas.selectors import goal_phasing, goal_score
from goals.quotas.services import goal_phasing_clear, goal_phasing_set, goal_retrospective_set, periods_of
from goals.views.common import visible_goal_or_404

PHASING_DENIED = "A goal is phased by its owner while drafting it, or by their managers."


@login_required
def phasing_edit(request, pk: int):
    """Choose how the goal's target splits into quarters or months; typed amounts or weights per period."""
    goal = visible_goal_or_404(request, pk)
    if not request.user.has_perm("goals.phase_goal", goal):
        raise PermissionDenied(PHASING_DENIED)
    current = goal_phasing(goal)
    granularity = request.POST.get("granularity") or request.GET.get("granularity") or current.granularity
    if granularity not in Granularity.values:
        granularity = Granularity.QUARTER
    periods = periods_of(goal.cycle, granularity)
    if request.method == "POST":
        form = PhasingForm(request.POST, periods=periods)
        if form.is_valid():
            method, values = form.cleaned_data["method"], form.values()
            try:
                goal_phasing_set(
                    actor=request.user,
                    goal=goal,
                    method=method,
                    granularity=granularity,
                    weights=values if method == PhasingMethod.SEASONAL else None,
                    amounts=values if method == PhasingMethod.TYPED else None,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Phased “{goal.title}”: {PhasingMethod(method).label.lower()}.")
                return redirect(f"{goal.get_absolute_url()}#phasing")
    else:
        form = PhasingForm(initial=_initial(current, granularity), periods=periods)
    return render(
        request,
        "goals/quotas/phasing.html",
        {"goal": goal, "form": form, "phasing": current, "granularity": granularity, "granularities": Granularity},
    )


def _initial(current, granularity: str) -> dict:
    """Start from the current split: the typed amounts or weights, else the amounts (which also work as weights)."""
    initial = {"method": current.method or PhasingMethod.EVEN}
    if current.granularity == granularity:
        values = current.weights if current.method == PhasingMethod.SEASONAL else [p.amount for p in current.periods]
        initial.update({f"period_{index}": value for index, value in enumerate(values)})
    return initial


@login_required
@require_POST
def phasing_clear(request, pk: int):
    goal = visible_goal_or_404(request, pk)
    goal_phasing_clear(actor=request.user, goal=goal)
    messages.success(request, "Phasing removed: the goal is due along a straight line through its cycle.")
    return redirect(f"{goal.get_absolute_url()}#phasing")


@login_required
def retrospective(request, pk: int):
    """The owner's retrospective on a goal of a closed cycle; posted from the goal page, shown here with its errors."""
    goal = visible_goal_or_404(request, pk)
    score = goal_score(goal)
    form = RetrospectiveForm(initial={"retrospective": score.retrospective if score else ""})
    if request.method == "POST":
        form = RetrospectiveForm(request.POST)
        if form.is_valid():
            try:
                goal_retrospective_set(actor=request.user, goal=goal, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Retrospective saved.")
                return redirect(f"{goal.get_absolute_url()}#score")
    elif not request.user.has_perm("goals.write_retrospective", goal):
        raise PermissionDenied("Only the goal's owner writes its retrospective, once its cycle has closed.")
    return render(request, "goals/quotas/retrospective.html", {"goal": goal, "score": score, "form": form})
