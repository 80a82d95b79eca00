"""The assumptions board of a cycle, an assumption's page, and writing down or editing an assumption."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assumptions import services
from assumptions.forms import AssumptionForm, AssumptionStatusForm
from assumptions.models import AssumptionStatus
from assumptions.selectors import assumption_board, assumption_page
from assumptions.views.common import FAILED, assumption_or_404, run_service
from core.parsing import parse_id
from goals.models import Cycle
from goals.selectors import current_cycle


class BoardFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *AssumptionStatus.choices], required=False)


def _board_cycle(request) -> Cycle | None:
    raw = request.GET.get("cycle") or request.POST.get("cycle") or ""
    if raw:
        cycle_id = parse_id(raw)
        if cycle_id is None:
            raise Http404("No such cycle.")
        return get_object_or_404(Cycle, pk=cycle_id)
    return current_cycle()


@login_required
def assumption_board_page(request):
    cycle = _board_cycle(request)
    if cycle is None:
        return render(request, "assumptions/board.html", {"cycle": None, "groups": []})
    filters = BoardFilterForm(request.GET)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    groups = assumption_board(cycle, request.user, status=status)
    context = {
        "cycle": cycle,
        "cycles": list(Cycle.objects.all()),
        "filters": filters,
        "status": status,
        "groups": groups,
        "can_add": request.user.has_perm("assumptions.add_assumption") and not cycle.is_closed,
        "create_url": f"{reverse('assumptions:create')}?cycle={cycle.pk}",
    }
    if request.htmx and request.htmx.target == "board-body":
        return render(request, "assumptions/_board_body.html", context)
    return render(request, "assumptions/board.html", context)


def _detail_context(request, assumption, **forms_) -> dict:
    viewer = request.user
    page = assumption_page(assumption, viewer)
    can_edit = viewer.has_perm("assumptions.change_assumption", assumption)
    return {
        "assumption": assumption,
        "page": page,
        "can": {
            "edit": can_edit,
            "challenge": viewer.has_perm("assumptions.challenge_assumption", assumption)
            and assumption.status != AssumptionStatus.RETIRED,
        },
        "status_form": forms_.get("status_form")
        or (AssumptionStatusForm(initial={"status": assumption.status}) if can_edit else None),
        "status_open": "status_form" in forms_,
    }


@login_required
def assumption_detail(request, pk: int):
    assumption = assumption_or_404(pk)
    return render(request, "assumptions/assumption_detail.html", _detail_context(request, assumption))


@login_required
def assumption_create(request):
    if not request.user.has_perm("assumptions.add_assumption"):
        raise PermissionDenied("Strategy assumptions are written down by executives.")
    cycle = _board_cycle(request)
    if cycle is None:
        raise Http404("There is no cycle to write assumptions for yet.")
    form = AssumptionForm(request.POST or None, actor=request.user, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assumption = run_service(
            form,
            lambda: services.assumption_create(
                actor=request.user,
                cycle=cycle,
                owner=data["owner"],
                statement=data["statement"],
                rationale=data["rationale"],
                evidence=data["evidence"],
                confidence=data["confidence"],
                goals=data["goals"],
            ),
        )
        if assumption is not FAILED:
            messages.success(request, "Assumption written down. Everyone can now see and challenge it.")
            return redirect("assumptions:detail", assumption.pk)
    return render(request, "assumptions/assumption_form.html", {"form": form, "cycle": cycle, "assumption": None})


@login_required
def assumption_edit(request, pk: int):
    assumption = assumption_or_404(pk)
    if not request.user.has_perm("assumptions.change_assumption", assumption):
        raise PermissionDenied("Only the assumption's owner edits it.")
    form = AssumptionForm(
        request.POST or None,
        actor=request.user,
        cycle=assumption.cycle,
        assumption=assumption,
        initial=AssumptionForm.initial_for(assumption),
    )
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if not changes:
            messages.info(request, "Nothing changed, so no revision was added.")
            return redirect("assumptions:detail", assumption.pk)
        updated = run_service(
            form,
            lambda: services.assumption_update(
                actor=request.user, assumption=assumption, note=form.cleaned_data["note"], **changes
            ),
        )
        if updated is not FAILED:
            messages.success(request, f"Saved as revision {updated.revision}.")
            return redirect("assumptions:detail", assumption.pk)
    return render(
        request, "assumptions/assumption_form.html", {"form": form, "cycle": assumption.cycle, "assumption": assumption}
    )


@login_required
@require_POST
def assumption_status(request, pk: int):
    assumption = assumption_or_404(pk)
    if not request.user.has_perm("assumptions.change_assumption", assumption):
        raise PermissionDenied("Only the assumption's owner changes its status.")
    form = AssumptionStatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        updated = run_service(
            form,
            lambda: services.assumption_update(
                actor=request.user, assumption=assumption, status=data["status"], note=data["note"]
            ),
        )
        if updated is not FAILED:
            messages.success(request, f"The assumption is now {updated.get_status_display().lower()}.")
            return redirect("assumptions:detail", assumption.pk)
    return render(request, "assumptions/assumption_detail.html", _detail_context(request, assumption, status_form=form))
