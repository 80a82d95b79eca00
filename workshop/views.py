"""The alignment workshop's pages: the board, its actions, and after closing the baseline and its drift."""

import csv
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.csv_files import spreadsheet_safe
from core.exceptions import StateConflict
from core.forms import add_service_errors
from goals.models import Cycle, Goal, Phase, Status, Tier, Visibility
from workshop import services
from workshop.forms import AllocationForm, CloseForm, DecisionForm, MapForm, UnmapForm
from workshop.selectors import (
    baseline_drift,
    baseline_of,
    baseline_rows,
    closing_gaps,
    workshop_board,
    workshop_decisions,
)

CSV_COLUMNS = ["goal_id", "parent_id", "tier", "title", "owner", "metric", "unit", "target", "weight", "status"]
PRINTED_TIERS = (Tier.CORPORATE, Tier.EXECUTIVE)


def _cycle(cycle_id: int) -> Cycle:
    return get_object_or_404(Cycle, pk=cycle_id)


def _objectives(cycle: Cycle, viewer):
    """The cycle's corporate objectives ``viewer`` may see: a private one never shows in a picker."""
    return (
        Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE, parent__isnull=True)
        .visible_to(viewer)
        .select_related("owner", "cycle")
    )


def _executive_goals(cycle: Cycle, viewer):
    return (
        Goal.objects.filter(cycle=cycle, tier=Tier.EXECUTIVE)
        .exclude(status=Status.DROPPED)
        .visible_to(viewer)
        .select_related("owner", "cycle", "parent")
    )


def _can_change(request, cycle: Cycle) -> bool:
    return cycle.phase == Phase.WORKSHOP and request.user.has_perm("goals.run_workshop", cycle)


def _require_changer(request, cycle: Cycle) -> None:
    services.require_workshop_runner(request.user, cycle)
    services.require_workshop_phase(cycle)


def board_context(request, cycle: Cycle, **forms) -> dict:
    """Everything the board shows, in a fixed number of queries whatever the size of the cascade."""
    viewer = request.user
    board = workshop_board(cycle, viewer)
    can_change = _can_change(request, cycle)
    allocation_forms = forms.get("allocation_forms", {})
    for column in board.columns:
        column.can_allocate = can_change and viewer.has_perm("goals.allocate_goal", column.objective)
        if column.can_allocate:
            children = [goal for goal in column.goals if _allocatable(goal, column.objective)]
            column.allocation_form = allocation_forms.get(column.objective.pk) or AllocationForm(
                objective=column.objective, children=children
            )
    map_errors = dict(forms.get("map_errors", {}))
    for goal in [*board.unmapped, *(goal for column in board.columns for goal in column.goals)]:
        goal.map_errors = map_errors.pop(str(goal.pk), [])
    objective_choices = [column.objective for column in board.columns]
    baseline = baseline_of(cycle)
    return {
        "cycle": cycle,
        "cycles": Cycle.objects.order_by("-start"),
        "board": board,
        "objective_choices": objective_choices,
        "can_change": can_change,
        # Before the cycle runs every goal is at 0%: the board shows no progress bars until it does.
        "cycle_started": cycle.phase in (Phase.ACTIVE, Phase.CLOSED),
        "announcement": forms.get("announcement", ""),
        # Errors about a goal no longer on the board (mapped elsewhere meanwhile, or never there).
        "board_errors": [error for errors in map_errors.values() for error in errors],
        "decisions": workshop_decisions(cycle, viewer),
        "decision_form": forms.get("decision_form") or DecisionForm(objectives=_objectives(cycle, viewer)),
        "close_form": forms.get("close_form") or (CloseForm(gaps=closing_gaps(cycle)) if can_change else None),
        # The gaps listed beside the close form: only goals the viewer may see are named.
        "closing_gaps": closing_gaps(cycle, viewer) if can_change else None,
        "baseline": baseline,
    }


def _allocatable(goal: Goal, objective: Goal) -> bool:
    """The goals ``goal_allocate_target`` splits a target among (see ``allocation_candidates``)."""
    return goal.unit == objective.unit and goal.visibility == Visibility.COMPANY and goal.status != Status.DROPPED


def workshop_action(view):
    """A workshop action that no longer fits (the workshop closed meanwhile) goes back to the board, saying why."""

    @wraps(view)
    def wrapped(request, cycle_id: int, *args, **kwargs):
        try:
            return view(request, cycle_id, *args, **kwargs)
        except StateConflict as conflict:
            messages.error(request, conflict.message)
            target = reverse("workshop:board", args=[cycle_id])
            return HttpResponseClientRedirect(target) if request.htmx else redirect(target)

    return wrapped


def _board_response(request, cycle: Cycle, **forms):
    context = board_context(request, cycle, **forms)
    template = "workshop/_board_swap.html" if request.htmx else "workshop/board.html"
    return render(request, template, context)


# --- the board --------------------------------------------------------------------------


@require_GET
@login_required
def board_default(request):
    """The workshop people mean: the cycle in its workshop, else the latest that had one, else the latest."""
    cycles = Cycle.objects.order_by("-start")
    cycle = cycles.filter(phase=Phase.WORKSHOP).first() or cycles.filter(baseline__isnull=False).first()
    cycle = cycle or cycles.first()
    if cycle is None:
        return render(request, "workshop/no_cycle.html", {})
    return redirect("workshop:board", cycle_id=cycle.pk)


@require_GET
@login_required
def board(request, cycle_id: int):
    return _board_response(request, _cycle(cycle_id))


@require_POST
@login_required
@workshop_action
def map_goal(request, cycle_id: int):
    """Map a goal onto an objective, from the picker or by drag-and-drop (htmx swaps the board)."""
    cycle = _cycle(cycle_id)
    _require_changer(request, cycle)
    form = MapForm(
        request.POST, goals=_executive_goals(cycle, request.user), objectives=_objectives(cycle, request.user)
    )
    if form.is_valid():
        goal, objective = form.cleaned_data["goal"], form.cleaned_data["objective"]
        try:
            services.workshop_map(actor=request.user, goal=goal, objective=objective)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = f"Mapped “{goal.title}” under “{objective.title}”."
            if not request.htmx:
                messages.success(request, done)
                return redirect(reverse("workshop:board", args=[cycle.pk]) + f"#objective-{objective.pk}")
            return _board_response(request, cycle, announcement=done)
    return _board_with_mapping_errors(request, cycle, form)


def _board_with_mapping_errors(request, cycle, form):
    """The board again, the form's errors shown beside the goal the person tried to move."""
    errors = [error for field_errors in form.errors.values() for error in field_errors]
    raw_goal = request.POST.get("goal", "")
    return _board_response(request, cycle, map_errors={raw_goal: errors}, announcement=" ".join(errors))


@require_POST
@login_required
@workshop_action
def unmap_goal(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    _require_changer(request, cycle)
    form = UnmapForm(request.POST, goals=_executive_goals(cycle, request.user))
    if form.is_valid():
        goal = form.cleaned_data["goal"]
        try:
            services.workshop_unmap(actor=request.user, goal=goal)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = f"“{goal.title}” is back among the unmapped goals."
            if not request.htmx:
                messages.success(request, done)
                return redirect("workshop:board", cycle_id=cycle.pk)
            return _board_response(request, cycle, announcement=done)
    return _board_with_mapping_errors(request, cycle, form)


@require_POST
@login_required
@workshop_action
def decide(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    _require_changer(request, cycle)
    form = DecisionForm(request.POST, objectives=_objectives(cycle, request.user))
    if form.is_valid():
        try:
            services.decision_log(actor=request.user, cycle=cycle, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Decision logged.")
            return redirect(reverse("workshop:board", args=[cycle.pk]) + "#decisions")
    return _board_response(request, cycle, decision_form=form)


@require_POST
@login_required
@workshop_action
def allocate(request, cycle_id: int, objective_id: int):
    cycle = _cycle(cycle_id)
    _require_changer(request, cycle)
    objective = get_object_or_404(_objectives(cycle, request.user), pk=objective_id)
    if not request.user.has_perm("goals.allocate_goal", objective):
        raise PermissionDenied(f"{objective.title}'s target is split by its owner, {objective.owner.full_name}.")
    children = list(services.allocation_candidates(objective).order_by("lft"))
    form = AllocationForm(request.POST, objective=objective, children=children)
    if form.is_valid():
        try:
            services.workshop_allocate(
                actor=request.user,
                objective=objective,
                method=form.cleaned_data["method"],
                shares=form.shares() if form.cleaned_data["method"] == services.MANUAL else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Split the target of “{objective.title}”.")
            return redirect(reverse("workshop:board", args=[cycle.pk]) + f"#objective-{objective.pk}")
    return _board_response(request, cycle, allocation_forms={objective.pk: form})


@require_POST
@login_required
@workshop_action
def close(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    _require_changer(request, cycle)
    form = CloseForm(request.POST, gaps=closing_gaps(cycle))
    if form.is_valid():
        try:
            baseline = services.workshop_close(
                actor=request.user, cycle=cycle, reason=form.cleaned_data.get("reason", "")
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return _board_response(request, cycle, close_form=form)
        messages.success(
            request,
            f"The workshop of {cycle.name} is closed: {baseline.goal_count} goals frozen as the baseline; "
            "the cycle is active.",
        )
        return redirect("workshop:baseline", cycle_id=cycle.pk)
    return _board_response(request, cycle, close_form=form)


# --- after closing: the baseline and its drift ------------------------------------------


@require_GET
@login_required
def baseline_page(request, cycle_id: int):
    """The agreed cascade, printable: objectives and executive goals (the CSV holds every goal)."""
    cycle = _cycle(cycle_id)
    baseline = baseline_of(cycle)
    if baseline is None:
        return render(request, "workshop/no_baseline.html", {"cycle": cycle}, status=404)
    rows = list(baseline_rows(baseline, request.user).filter(tier__in=PRINTED_TIERS))
    objectives = []
    by_pk = {}
    for row in rows:
        if row.tier == Tier.CORPORATE and row.parent_pk is None:
            entry = {"row": row, "goals": []}
            objectives.append(entry)
            by_pk[row.goal_pk] = entry
    unmapped = []
    for row in rows:
        if row.tier == Tier.EXECUTIVE:
            if row.parent_pk in by_pk:
                by_pk[row.parent_pk]["goals"].append(row)
            elif row.parent_pk is None:
                unmapped.append(row)
    context = {"cycle": cycle, "baseline": baseline, "objectives": objectives, "unmapped": unmapped}
    return render(request, "workshop/baseline.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
@login_required
def baseline_csv(request, cycle_id: int):
    """Every goal of the baseline the viewer may see, streamed (a 100,000-goal baseline never sits in memory)."""
    cycle = _cycle(cycle_id)
    baseline = baseline_of(cycle)
    if baseline is None:
        return render(request, "workshop/no_baseline.html", {"cycle": cycle}, status=404)
    writer = csv.writer(_Echo())
    rows = baseline_rows(baseline, request.user).values_list(
        "goal_pk", "parent_pk", "tier", "title", "owner_name", "metric", "unit", "target", "weight", "status"
    )

    def lines():
        yield writer.writerow(CSV_COLUMNS)
        for row in rows.iterator(chunk_size=2000):
            yield writer.writerow(["" if value is None else spreadsheet_safe(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="baseline-{cycle.name}.csv"'
    return response


@require_GET
@login_required
def drift(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    baseline = baseline_of(cycle)
    if baseline is None:
        return render(request, "workshop/no_baseline.html", {"cycle": cycle}, status=404)
    report = baseline_drift(baseline, request.user)
    context = {"cycle": cycle, "baseline": baseline, "drift": report}
    return render(request, "workshop/drift.html", context)
