"""Working the plan: submitting a version, the manager's review, the quarterly plan check, the versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from territories import services
from territories.forms import PlanCheckForm, ReviewForm, SubmitForm
from territories.sections import SECTIONS, changed_sections
from territories.views.common import plan_or_404, render_plan


@login_required
@require_POST
def plan_submit(request, pk: int):
    plan = plan_or_404(request, pk)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            version = services.plan_submit(actor=request.user, plan=plan, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Version {version.number} went to your manager for review.")
            return redirect(f"{plan.get_absolute_url()}#review")
    return render_plan(request, plan, bound={"submit": form})


@login_required
@require_POST
def plan_review(request, pk: int):
    """The managers above comment, approve or return; the rep comments too (answers)."""
    plan = plan_or_404(request, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        decision, body, section = (form.cleaned_data[name] for name in ("decision", "body", "section"))
        try:
            if decision == "approve":
                services.plan_approve(actor=request.user, plan=plan, comment=body)
                done = f"Version {plan.version} approved."
            elif decision == "return":
                services.plan_return(actor=request.user, plan=plan, reason=body)
                done = f"Returned to {plan.owner.first_name or plan.owner.full_name} with your reason."
            else:
                services.plan_comment(actor=request.user, plan=plan, body=body, section=section)
                done = "Comment posted."
        except ValidationError as error:
            add_service_errors(form, error, field_names={"reason": "body"})
        else:
            messages.success(request, done)
            anchor = f"section-{section}" if decision == "comment" and section else "review"
            return redirect(f"{plan.get_absolute_url()}#{anchor}")
    return render_plan(request, plan, bound={"review": form})


@login_required
@require_POST
def plan_check_answer(request, pk: int):
    """Answer the open plan check with "still right" (revising answers it on submit)."""
    plan = plan_or_404(request, pk)
    check = plan.checks.filter(completed_at__isnull=True).order_by("quarter").first()
    if check is None:
        messages.info(request, "There is no plan check waiting for an answer.")
        return redirect(plan)
    check.plan = plan
    form = PlanCheckForm(request.POST)
    if form.is_valid():
        services.plan_check_complete(actor=request.user, check=check, note=form.cleaned_data["note"])
        messages.success(request, f"Q{check.quarter} plan check answered: the plan still holds.")
        return redirect(plan)
    return render_plan(request, plan, bound={"check": form})


@login_required
def plan_version(request, pk: int, number: int):
    """A version as submitted, with the sections it changed since the one before."""
    plan = plan_or_404(request, pk)
    versions = {version.number: version for version in plan.versions.select_related("submitted_by", "decided_by")}
    version = versions.get(number)
    if version is None:
        raise Http404("No such version.")
    earlier = versions.get(number - 1)
    changed = {section.key for section in changed_sections(earlier.snapshot if earlier else None, version.snapshot)}
    return render(
        request,
        "territories/version.html",
        {
            "plan": plan,
            "version": version,
            "versions": sorted(versions.values(), key=lambda v: -v.number),
            "sections": [(section, version.snapshot.get(section.key, {})) for section in SECTIONS],
            "changed": changed,
            "earlier": earlier,
        },
    )
