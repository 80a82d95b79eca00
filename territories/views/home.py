"""The plans' front page (my plans, plans awaiting my review, my region's joint plans) and the manager's team view."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from goals.models import Cycle, Phase
from goals.selectors import current_cycle
from territories import services
from territories.forms import PlanStartForm, TeamFunnelForm, TeamStageFormSet, stage_rows
from territories.models import TerritoryPlan
from territories.selectors import (
    funnel_gaps_by_currency,
    joint_plans_visible_to,
    joint_targets_to_place,
    plans_awaiting_review,
    team_funnel_of,
    team_plans,
)


def _start_form(request, data=None) -> PlanStartForm | None:
    person = request.user
    if not rules.has_perm("territories.add_territoryplan_for", person, person):
        return None
    taken = TerritoryPlan.objects.filter(owner=person).values("cycle_id")
    open_cycles = list(Cycle.objects.exclude(phase=Phase.CLOSED).exclude(pk__in=taken).order_by("start"))
    if not open_cycles:
        return None
    current = current_cycle()
    first = current if current in open_cycles else open_cycles[0]
    form = PlanStartForm(data, initial={"cycle": first.pk})
    form.fields["cycle"].queryset = Cycle.objects.filter(pk__in=[cycle.pk for cycle in open_cycles])
    return form


def _home_context(request, start_form=None) -> dict:
    person = request.user
    return {
        "my_plans": list(TerritoryPlan.objects.filter(owner=person).select_related("cycle").order_by("-cycle__start")),
        "start_form": start_form or _start_form(request),
        "awaiting_review": list(plans_awaiting_review(person)[:20]),
        "manages": person.get_descendant_count() > 0,
        "joint_plans": list(
            joint_plans_visible_to(person)
            .select_related("cycle", "leader")
            .order_by("-cycle__start", "half", "region")[:50]
        ),
        "can_start_joint_plan": rules.has_perm("territories.add_jointplan_for", person, person),
        "targets_to_place": list(joint_targets_to_place(person)),
    }


@login_required
def plans_home(request):
    return render(request, "territories/home.html", _home_context(request))


@login_required
@require_POST
def plan_start(request):
    form = _start_form(request, request.POST)
    if form is None:
        messages.error(request, "Territory plans are written by sales reps, one per cycle.")
        return redirect("territories:home")
    if form.is_valid():
        try:
            plan = services.plan_create(
                actor=request.user, cycle=form.cleaned_data["cycle"], territory=form.cleaned_data["territory"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your plan is started: fill in each section and save it as you go.")
            return redirect(plan)
    return render(request, "territories/home.html", _home_context(request, start_form=form))


def _team_cycle(request) -> Cycle | None:
    raw = request.GET.get("cycle") or request.POST.get("cycle") or ""
    return get_object_or_404(Cycle, pk=int(raw)) if raw.isdigit() else current_cycle()


def _team_context(request, cycle: Cycle, *, funnel_form=None, stage_formset=None) -> dict:
    person = request.user
    rows = team_plans(person, cycle)
    can_set = rules.has_perm("territories.set_team_funnel", person, person) and not cycle.is_closed
    team = team_funnel_of(person.pk, cycle.pk)
    if can_set and funnel_form is None:
        funnel_form = TeamFunnelForm(initial={"average_deal_size": team.average_deal_size if team else None})
        stage_formset = TeamStageFormSet(
            prefix="stages",
            initial=[{"name": s.name, "conversion_rate": s.conversion_rate} for s in team.stages.all()] if team else [],
        )
    return {
        "cycle": cycle,
        "cycles": Cycle.objects.all(),
        "rows": rows,
        "gaps": funnel_gaps_by_currency(rows),
        "counts": {
            "reps": len(rows),
            "without_plan": sum(1 for row in rows if row.plan is None),
            "awaiting_review": sum(1 for row in rows if row.plan and row.plan.status == "submitted"),
            "approved": sum(1 for row in rows if row.plan and row.plan.status == "approved"),
        },
        "team_funnel": team,
        "funnel_form": funnel_form if can_set else None,
        "stage_formset": stage_formset if can_set else None,
    }


@login_required
def team_view(request):
    cycle = _team_cycle(request)
    if cycle is None:
        return render(request, "territories/team.html", {"cycle": None, "rows": []})
    return render(request, "territories/team.html", _team_context(request, cycle))


@login_required
@require_POST
def team_funnel_save(request):
    cycle = _team_cycle(request)
    form = TeamFunnelForm(request.POST)
    formset = TeamStageFormSet(request.POST, prefix="stages")
    if form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                services.team_funnel_set(
                    actor=request.user,
                    cycle=cycle,
                    average_deal_size=form.cleaned_data["average_deal_size"],
                    stages=stage_rows(formset),
                )
        except ValidationError as error:
            errors = dict(error.message_dict) if hasattr(error, "error_dict") else {None: error.messages}
            stage_errors = errors.pop("stages", None)
            if stage_errors:
                formset._non_form_errors = formset.error_class(stage_errors)
            for name, found in errors.items():
                form.add_error(name if name in form.fields else None, found)
        else:
            messages.success(request, "Team funnel saved: your reps' plans use it where they set nothing.")
            return redirect(f"{reverse('territories:team')}?cycle={cycle.pk}")
    context = _team_context(request, cycle, funnel_form=form, stage_formset=formset)
    return render(request, "territories/team.html", context)
