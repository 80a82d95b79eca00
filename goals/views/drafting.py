"""Drafting a goal and linking it to a parent: suggestions, a live preview of where it lands, submit."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from core.exceptions import StateConflict
from core.forms import add_service_errors
from core.parsing import parse_id
from goals import services
from goals.alignment.draft import flags_for_draft
from goals.forms import GoalDraftForm
from goals.models import Cycle, FlagKind, Goal, Status, Tier
from goals.models.flag import FLAG_REMEDIES
from goals.models.goal import TIER_FOR_ROLE
from goals.selectors import alignment_path, current_cycle, parent_suggestions
from goals.views.common import visible_goal_or_404


def _draft_cycle(request) -> Cycle:
    raw = request.POST.get("cycle") or request.GET.get("cycle") or ""
    cycle_id = parse_id(raw)
    cycle = get_object_or_404(Cycle, pk=cycle_id) if cycle_id else current_cycle()
    if cycle is None:
        raise Http404("There is no cycle to draft goals in yet.")
    if cycle.is_closed:
        raise StateConflict(f"{cycle.name} is closed: its goals are read-only. Draft in a later cycle.")
    return cycle


def _form_context(request, form: GoalDraftForm) -> dict:
    owner = form.selected_owner()
    selected = form.selected_parent()
    suggestions = parent_suggestions(owner, form.cycle, request.user, exclude=form.goal)
    return {
        "form": form,
        "cycle": form.cycle,
        "goal": form.goal,
        "cycles": Cycle.objects.exclude(phase="closed") if form.goal is None else [],
        "suggestions": suggestions,
        "selected_parent": selected,
        "selected_is_suggested": selected is not None and any(s.pk == selected.pk for s in suggestions),
        "owner": owner,
        "preview": _preview(request, form),
    }


@login_required
def goal_create(request):
    cycle = _draft_cycle(request)
    parent_id = parse_id(request.GET.get("parent"))
    initial = {"parent": parent_id} if parent_id else {}
    form = GoalDraftForm(request.POST or None, actor=request.user, cycle=cycle, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                goal = services.goal_create(
                    actor=request.user,
                    cycle=cycle,
                    owner=form.chosen_owner(),
                    tier=form.tier(),
                    **form.goal_fields(),
                )
                if request.POST.get("action") == "submit":
                    services.goal_submit(actor=request.user, goal=goal)
        except ValidationError as error:
            add_service_errors(form, error)
        except (PermissionDenied, StateConflict) as error:
            form.add_error(None, getattr(error, "message", None) or str(error))
        else:
            submitted = request.POST.get("action") == "submit"
            messages.success(
                request,
                "Goal drafted and submitted for approval." if submitted else "Goal saved as a draft.",
            )
            return redirect(goal)
    return render(request, "goals/goal_form.html", _form_context(request, form))


@login_required
def goal_edit(request, pk: int):
    goal = visible_goal_or_404(request, pk)
    if not request.user.has_perm("goals.change_goal", goal):
        raise PermissionDenied("You can edit your own goals while they are drafts or returned.")
    form = GoalDraftForm(
        request.POST or None, actor=request.user, cycle=goal.cycle, goal=goal, initial=GoalDraftForm.initial_for(goal)
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: value for name, value in form.goal_fields().items() if getattr(goal, name) != value}
        try:
            with transaction.atomic():
                if changes:
                    goal = services.goal_update(actor=request.user, goal=goal, **changes)
                if request.POST.get("action") == "submit":
                    services.goal_submit(actor=request.user, goal=goal)
        except ValidationError as error:
            add_service_errors(form, error)
        except (PermissionDenied, StateConflict) as error:
            form.add_error(None, getattr(error, "message", None) or str(error))
        else:
            submitted = request.POST.get("action") == "submit"
            messages.success(request, "Changes saved and submitted for approval." if submitted else "Changes saved.")
            return redirect(goal)
    return render(request, "goals/goal_form.html", _form_context(request, form))


def _suggestion_inputs(request) -> tuple[Cycle, Goal | None, GoalDraftForm]:
    """Rebuild the draft form from the fields htmx sends, to read its owner and parent."""
    goal_id = parse_id(request.GET.get("goal"))
    goal = visible_goal_or_404(request, goal_id) if goal_id else None
    cycle = goal.cycle if goal else _draft_cycle(request)
    form = GoalDraftForm(request.GET, actor=request.user, cycle=cycle, goal=goal)
    return cycle, goal, form


@login_required
def goal_parent_suggestions(request):
    """The parent picker's options for a search (htmx): the chosen parent stays first and checked."""
    cycle, goal, form = _suggestion_inputs(request)
    selected = form.selected_parent()
    suggestions = parent_suggestions(
        form.selected_owner(), cycle, request.user, query=request.GET.get("parent_q", ""), exclude=goal
    )
    return render(
        request,
        "goals/drafting/_parent_options.html",
        {
            "suggestions": suggestions,
            "selected_parent": selected,
            "selected_is_suggested": selected is not None and any(s.pk == selected.pk for s in suggestions),
            "owner": form.selected_owner(),
            "searching": bool(request.GET.get("parent_q", "").strip()),
        },
    )


@login_required
def goal_draft_preview(request):
    """Where the goal being drafted would land in the tree (htmx, as the form changes)."""
    _cycle, _goal, form = _suggestion_inputs(request)
    return render(request, "goals/drafting/_preview.html", {"preview": _preview(request, form)})


def _preview(request, form: GoalDraftForm) -> dict:
    """Where the goal being drafted lands, and the flags the alignment scan would raise on it."""
    owner, parent = form.selected_owner(), form.selected_parent()
    corporate = bool(form.data.get("corporate")) if form.is_bound else False
    draft = _draft_goal(form, owner, parent, corporate)
    title = (form.data.get("title") if form.is_bound else form.initial.get("title")) or ""
    return {
        "title": title.strip() or "Your new goal",
        "tier": draft.tier,
        "tier_label": Tier(draft.tier).label if draft.tier else "",
        "owner": owner,
        "parent": parent,
        "is_corporate": draft.tier == Tier.CORPORATE,
        "path": alignment_path(parent, request.user) if parent and not corporate else [],
        "sibling_count": Goal.objects.filter(parent=parent).visible_to(request.user).count() if parent else 0,
        "findings": [
            {"finding": finding, "label": FlagKind(finding.kind).label, "remedy": FLAG_REMEDIES[finding.kind]}
            for finding in (flags_for_draft(draft) if draft.tier else [])
        ],
    }


def _draft_goal(form: GoalDraftForm, owner, parent: Goal | None, corporate: bool) -> Goal:
    """The goal as the form stands, unsaved, for the flag preview; fields that do not parse yet keep their value."""
    if form.goal is not None:
        draft = Goal.objects.select_related("cycle", "owner").get(pk=form.goal.pk)
    else:
        tier = Tier.CORPORATE if corporate else TIER_FOR_ROLE.get(owner.role)
        draft = Goal(cycle=form.cycle, owner=owner, tier=tier, status=Status.DRAFT, target=Decimal(0))
    draft.parent = None if corporate else parent
    if form.is_bound:
        for name in ("unit", "baseline", "target", "direction", "rollup", "visibility"):
            try:
                setattr(draft, name, form.fields[name].clean(form.data.get(name)))
            except ValidationError:
                continue
    return draft
