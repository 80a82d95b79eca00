"""What the plan pages share: finding a plan the viewer may read, what they may do, and the editor's context."""

from dataclasses import dataclass

import rules
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, render

from goals.models import Goal
from goals.rules import can_view_goal
from territories.forms import (
    TEXT_FORM_SECTIONS,
    AccountForm,
    ActionForm,
    FunnelForm,
    ObjectiveForm,
    ObjectiveToGoalForm,
    PlanCheckForm,
    ReviewForm,
    StageFormSet,
    SubmitForm,
    text_section_form,
    text_section_initial,
)
from territories.models import PlanObjective, TerritoryPlan
from territories.picture import funnel_picture
from territories.sections import SECTIONS, SECTIONS_BY_KEY
from territories.selectors import (
    PlanPage,
    parent_candidates,
    plan_page,
    plan_with_relations,
    plans_visible_to,
    rank_parents,
)


def plan_or_404(request: HttpRequest, pk: int) -> TerritoryPlan:
    """The plan, if the viewer may read it; otherwise 404, so nobody outside the chain learns it exists."""
    return get_object_or_404(plan_with_relations(plans_visible_to(request.user)), pk=pk)


def permissions_for(person, plan: TerritoryPlan) -> dict[str, bool]:
    """What ``person`` may do with ``plan``, asked of the rules themselves (no superuser pass)."""

    def can(perm: str) -> bool:
        return rules.has_perm(f"territories.{perm}", person, plan)

    return {
        "edit": can("change_territoryplan"),
        "work": can("work_territoryplan"),
        "submit": can("submit_territoryplan"),
        "comment": can("comment_territoryplan"),
        "review": can("review_territoryplan"),
        "approve": can("approve_territoryplan"),
        "return": can("return_territoryplan"),
    }


@dataclass
class ObjectiveRow:
    """An objective on the page: its goal (with where it is linked, if the viewer may see that) and its forms."""

    objective: PlanObjective
    goal: Goal | None
    parent: Goal | None
    goal_form: ObjectiveToGoalForm | None
    edit_form: ObjectiveForm | None


def _objective_rows(request, page: PlanPage, can: dict, bound: dict) -> list[ObjectiveRow]:
    candidates = parent_candidates(page.plan) if can["work"] else []
    rows = []
    for objective in page.objectives:
        goal = objective.goal if objective.goal_id else None
        parent = goal.parent if goal is not None and goal.parent_id else None
        goal_form = edit_form = None
        if goal is None and can["work"]:
            choices = rank_parents(candidates, unit=objective.unit, metric=objective.metric)
            goal_form = bound.get(f"goal-{objective.pk}") or ObjectiveToGoalForm(
                choices=choices, prefix=f"goal-{objective.pk}"
            )
        if goal is None and can["edit"]:
            edit_form = bound.get(f"objective-{objective.pk}") or ObjectiveForm(
                plan=page.plan,
                accounts=page.accounts,
                prefix=f"objective-{objective.pk}",
                initial={
                    "title": objective.title,
                    "metric": objective.metric,
                    "unit": objective.unit,
                    "target": objective.target,
                    "due_date": objective.due_date,
                    "focus": objective.focus,
                    "accounts": [account.pk for account in objective.accounts.all()],
                },
            )
        rows.append(
            ObjectiveRow(
                objective=objective,
                goal=goal,
                parent=parent if parent is not None and can_view_goal(request.user, parent) else None,
                goal_form=goal_form,
                edit_form=edit_form,
            )
        )
    return rows


def editor_context(request, plan: TerritoryPlan, *, bound: dict | None = None, saved: str = "") -> dict:
    """Everything the plan's page (or one of its sections) shows; ``bound`` holds forms that came back with errors."""
    bound = bound or {}
    page = plan_page(plan)
    can = permissions_for(request.user, plan)
    text_forms = {
        key: bound.get(key) or text_section_form(section, initial=text_section_initial(plan, section))
        for key, section in TEXT_FORM_SECTIONS.items()
    }
    funnel = page.funnel
    stage_formset = bound.get("stages") or StageFormSet(prefix="stages", initial=_stage_initial(page))
    team_stages = list(page.team_funnel.stages.all()) if page.team_funnel else []
    for position, stage_form in enumerate(stage_formset.forms):
        if position < len(team_stages):
            widget = stage_form.fields["conversion_rate"].widget
            widget.attrs["placeholder"] = f"team: {team_stages[position].conversion_rate.normalize():f}"
    funnel_form = bound.get("funnel") or FunnelForm(plan=plan, initial=_funnel_initial(plan))
    if page.team_funnel is not None and page.team_funnel.average_deal_size is not None:
        funnel_form.fields["average_deal_size"].widget.attrs["placeholder"] = (
            f"team: {page.team_funnel.average_deal_size.normalize():f}"
        )
    return {
        "plan": plan,
        "page": page,
        "can": can,
        "sections": SECTIONS,
        "text_forms": text_forms,
        "funnel_form": funnel_form,
        "stage_formset": stage_formset,
        "account_form": bound.get("account") or AccountForm(),
        "account_edit_forms": {
            account.pk: bound.get(f"account-{account.pk}")
            or AccountForm(
                prefix=f"account-{account.pk}",
                initial={
                    name: getattr(account, name)
                    for name in ("kind", "name", "vertical", "expected_value", "stage", "notes")
                },
            )
            for account in page.accounts
        }
        if can["edit"]
        else {},
        "objective_form": bound.get("objective") or ObjectiveForm(plan=plan, accounts=page.accounts),
        "objective_rows": _objective_rows(request, page, can, bound),
        "action_form": bound.get("action") or ActionForm(plan=plan),
        "submit_form": bound.get("submit") or SubmitForm(),
        "review_form": bound.get("review") or ReviewForm(),
        "check_form": bound.get("check") or PlanCheckForm(),
        "picture": funnel_picture(funnel.funnel, funnel.currency) if funnel.funnel else None,
        "saved": saved,
    }


def _funnel_initial(plan: TerritoryPlan) -> dict:
    return {"quota_goal": plan.quota_goal_id, "average_deal_size": plan.average_deal_size}


def _stage_initial(page: PlanPage) -> list[dict]:
    return [
        {"name": stage.name, "conversion_rate": stage.conversion_rate, "open_pipeline": stage.open_pipeline}
        for stage in page.stages
    ]


def render_plan(request, plan: TerritoryPlan, *, bound: dict | None = None, status: int = 200):
    """The whole plan page (after a form without JavaScript came back with errors, ``bound`` holds it)."""
    return render(request, "territories/plan.html", editor_context(request, plan, bound=bound), status=status)


def render_section(request, plan: TerritoryPlan, key: str, *, bound: dict | None = None, saved: str = ""):
    """One section of the plan, for htmx to swap in, with the plan's status refreshed beside it."""
    context = editor_context(request, plan, bound=bound, saved=saved)
    context.update({"section": SECTIONS_BY_KEY[key], "oob_status": True})
    return render(request, "territories/plan/_section.html", context)


def plan_anchor(plan: TerritoryPlan, key: str) -> str:
    return f"{plan.get_absolute_url()}#section-{key}"
