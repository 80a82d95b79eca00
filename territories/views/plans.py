"""The plan editor: each section saves on its own (htmx swaps the section; without JavaScript the form posts and
the page comes back at the section), and the rows of a plan (accounts, objectives, action items)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from territories import services
from territories.forms import (
    TEXT_FORM_SECTIONS,
    AccountForm,
    ActionForm,
    FunnelForm,
    ObjectiveForm,
    ObjectiveToGoalForm,
    StageFormSet,
    stage_rows,
    text_section_form,
)
from territories.selectors import parent_candidates, rank_parents
from territories.views.common import plan_anchor, plan_or_404, render_plan, render_section


@login_required
def plan_detail(request, pk: int):
    return render_plan(request, plan_or_404(request, pk))


def _done(request, plan, key: str, message: str):
    """After a save: htmx gets the section back; a plain form post goes back to the page at the section."""
    if request.htmx:
        return render_section(request, plan, key, saved=message)
    messages.success(request, message)
    return redirect(plan_anchor(plan, key))


def _failed(request, plan, key: str, bound: dict):
    if request.htmx:
        return render_section(request, plan, key, bound=bound)
    return render_plan(request, plan, bound=bound)


def _form_error(form, error: ValidationError) -> None:
    add_service_errors(form, error)


@login_required
@require_POST
def plan_section_save(request, pk: int, section: str):
    """Save one section of the plan: its text fields, or the funnel's inputs with its stages."""
    plan = plan_or_404(request, pk)
    if section == "funnel":
        return _save_funnel(request, plan)
    if section not in TEXT_FORM_SECTIONS:
        raise Http404("No such section.")
    form = text_section_form(TEXT_FORM_SECTIONS[section], request.POST)
    if form.is_valid():
        changes = {name: value for name, value in form.cleaned_data.items() if getattr(plan, name) != value}
        try:
            if changes:
                services.plan_update(actor=request.user, plan=plan, **changes)
        except ValidationError as error:
            _form_error(form, error)
        else:
            return _done(request, plan, section, "Saved." if changes else "Nothing changed.")
    return _failed(request, plan, section, {section: form})


def _save_funnel(request, plan):
    form = FunnelForm(request.POST, plan=plan)
    formset = StageFormSet(request.POST, prefix="stages")
    if form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                services.plan_update(
                    actor=request.user,
                    plan=plan,
                    quota_goal=form.cleaned_data["quota_goal"],
                    average_deal_size=form.cleaned_data["average_deal_size"],
                )
                services.plan_set_stages(actor=request.user, plan=plan, stages=stage_rows(formset))
        except ValidationError as error:
            errors = dict(error.message_dict) if hasattr(error, "error_dict") else {None: error.messages}
            stage_errors = errors.pop("stages", None)
            if stage_errors:
                formset._non_form_errors = formset.error_class(stage_errors)
            for name, found in errors.items():
                form.add_error(name if name in form.fields else None, found)
        else:
            return _done(request, plan, "funnel", "Saved: the funnel is computed again.")
    return _failed(request, plan, "funnel", {"funnel": form, "stages": formset})


# --- named accounts -----------------------------------------------------------------------


def _account(plan, account_pk: int):
    return get_object_or_404(plan.accounts, pk=account_pk)


@login_required
@require_POST
def account_add(request, pk: int):
    plan = plan_or_404(request, pk)
    form = AccountForm(request.POST)
    if form.is_valid():
        try:
            services.account_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            return _done(request, plan, "analysis", f"{form.cleaned_data['name']} added.")
    return _failed(request, plan, "analysis", {"account": form})


@login_required
@require_POST
def account_edit(request, pk: int, account_pk: int):
    plan = plan_or_404(request, pk)
    account = _account(plan, account_pk)
    account.plan = plan
    form = AccountForm(request.POST, prefix=f"account-{account.pk}")
    if form.is_valid():
        try:
            services.account_update(actor=request.user, account=account, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            return _done(request, plan, "analysis", f"{account.name} saved.")
    return _failed(request, plan, "analysis", {f"account-{account.pk}": form})


@login_required
@require_POST
def account_delete(request, pk: int, account_pk: int):
    plan = plan_or_404(request, pk)
    account = _account(plan, account_pk)
    account.plan = plan
    services.account_delete(actor=request.user, account=account)
    return _done(request, plan, "analysis", f"{account.name} removed.")


# --- objectives ---------------------------------------------------------------------------


def _objective(plan, objective_pk: int):
    objective = get_object_or_404(plan.objectives, pk=objective_pk)
    objective.plan = plan
    return objective


@login_required
@require_POST
def objective_add(request, pk: int):
    plan = plan_or_404(request, pk)
    form = ObjectiveForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            services.objective_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            return _done(request, plan, "objectives", "Objective added.")
    return _failed(request, plan, "objectives", {"objective": form})


@login_required
@require_POST
def objective_edit(request, pk: int, objective_pk: int):
    plan = plan_or_404(request, pk)
    objective = _objective(plan, objective_pk)
    form = ObjectiveForm(request.POST, plan=plan, prefix=f"objective-{objective.pk}")
    if form.is_valid():
        try:
            services.objective_update(actor=request.user, objective=objective, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            return _done(request, plan, "objectives", "Objective saved.")
    return _failed(request, plan, "objectives", {f"objective-{objective.pk}": form})


@login_required
@require_POST
def objective_delete(request, pk: int, objective_pk: int):
    plan = plan_or_404(request, pk)
    services.objective_delete(actor=request.user, objective=_objective(plan, objective_pk))
    return _done(request, plan, "objectives", "Objective removed.")


@login_required
@require_POST
def objective_to_goal(request, pk: int, objective_pk: int):
    """Turn the objective into a goal: drafted, linked under the chosen parent, submitted for approval."""
    plan = plan_or_404(request, pk)
    objective = _objective(plan, objective_pk)
    choices = rank_parents(parent_candidates(plan), unit=objective.unit, metric=objective.metric)
    form = ObjectiveToGoalForm(request.POST, choices=choices, prefix=f"goal-{objective.pk}")
    if form.is_valid():
        try:
            goal = services.objective_to_goal(
                actor=request.user, objective=objective, parent=form.cleaned_data["parent"]
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            return _done(request, plan, "objectives", f"“{goal.title}” is a goal now, submitted for approval.")
    return _failed(request, plan, "objectives", {f"goal-{objective.pk}": form})


# --- the action plan ----------------------------------------------------------------------


def _action(plan, item_pk: int):
    item = get_object_or_404(plan.action_items.select_related("owner"), pk=item_pk)
    item.plan = plan
    return item


@login_required
@require_POST
def action_add(request, pk: int):
    plan = plan_or_404(request, pk)
    form = ActionForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            services.action_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            return _done(request, plan, "actions", "Action item added.")
    return _failed(request, plan, "actions", {"action": form})


@login_required
@require_POST
def action_delete(request, pk: int, item_pk: int):
    plan = plan_or_404(request, pk)
    services.action_delete(actor=request.user, item=_action(plan, item_pk))
    return _done(request, plan, "actions", "Action item removed.")


@login_required
@require_POST
def action_done(request, pk: int, item_pk: int):
    plan = plan_or_404(request, pk)
    item = _action(plan, item_pk)
    done = request.POST.get("done") == "1"
    services.action_set_done(actor=request.user, item=item, done=done)
    return _done(request, plan, "actions", f"“{item.title}” {'done' if done else 'not done after all'}.")
