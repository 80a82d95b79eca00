"""The regional joint plan: its page (potential, reviewed activities, joint targets), starting one, and putting a
joint target into the cascade."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from goals.selectors import current_cycle
from territories import services
from territories.forms import ActivityForm, JointPlanForm, JointPlanStartForm, JointTargetForm
from territories.models import JointPlan
from territories.selectors import joint_plan_page, joint_plans_visible_to


def joint_plan_or_404(request, pk: int) -> JointPlan:
    plans = joint_plans_visible_to(request.user).select_related("cycle", "leader")
    return get_object_or_404(plans, pk=pk)


def _context(request, plan: JointPlan, **bound) -> dict:
    page = joint_plan_page(plan, request.user)
    person = request.user
    can_edit = rules.has_perm("territories.change_jointplan", person, plan)
    return {
        "plan": plan,
        "page": page,
        "can_edit": can_edit,
        "plan_form": bound.get("plan_form")
        or JointPlanForm(
            initial={
                "currency": plan.currency,
                "revenue_potential": plan.revenue_potential,
                "potential_analysis": plan.potential_analysis,
                "review_summary": plan.review_summary,
                "members": [member.pk for member in page.members],
            }
        ),
        "activity_form": bound.get("activity_form") or ActivityForm(),
        "target_form": bound.get("target_form") or JointTargetForm(leader_goals=page.leader_goals),
        "placeable": {
            target.pk
            for target in page.targets
            if target.goal_id is None and rules.has_perm("territories.place_jointtarget", person, target)
        },
    }


@login_required
def joint_plan_detail(request, pk: int):
    plan = joint_plan_or_404(request, pk)
    return render(request, "territories/joint_plan.html", _context(request, plan))


@login_required
def joint_plan_start(request):
    person = request.user
    if not rules.has_perm("territories.add_jointplan_for", person, person):
        messages.error(request, "A region's sales leader (a sales manager or executive) starts its joint plan.")
        return redirect("territories:home")
    cycle = current_cycle()
    form = JointPlanStartForm(
        request.POST or None, initial={"cycle": getattr(cycle, "pk", None), "region": person.region}
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.joint_plan_create(actor=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Joint plan started: invite marketing and enablement, then set joint targets.")
            return redirect(plan)
    return render(request, "territories/joint_plan_start.html", {"form": form})


@login_required
@require_POST
def joint_plan_save(request, pk: int):
    plan = joint_plan_or_404(request, pk)
    form = JointPlanForm(request.POST)
    if form.is_valid():
        try:
            services.joint_plan_update(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Joint plan saved.")
            return redirect(plan)
    return render(request, "territories/joint_plan.html", _context(request, plan, plan_form=form))


@login_required
@require_POST
def activity_add(request, pk: int):
    plan = joint_plan_or_404(request, pk)
    form = ActivityForm(request.POST)
    if form.is_valid():
        try:
            services.activity_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Activity added to the review.")
            return redirect(f"{plan.get_absolute_url()}#activities")
    return render(request, "territories/joint_plan.html", _context(request, plan, activity_form=form))


@login_required
@require_POST
def activity_delete(request, pk: int, activity_pk: int):
    plan = joint_plan_or_404(request, pk)
    activity = get_object_or_404(plan.past_activities, pk=activity_pk)
    activity.plan = plan
    services.activity_delete(actor=request.user, activity=activity)
    messages.success(request, "Activity removed.")
    return redirect(f"{plan.get_absolute_url()}#activities")


@login_required
@require_POST
def target_add(request, pk: int):
    plan = joint_plan_or_404(request, pk)
    form = JointTargetForm(request.POST, leader_goals=joint_plan_page(plan, request.user).leader_goals)
    if form.is_valid():
        try:
            services.joint_target_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Joint target set.")
            return redirect(f"{plan.get_absolute_url()}#targets")
    return render(request, "territories/joint_plan.html", _context(request, plan, target_form=form))


@login_required
@require_POST
def target_delete(request, pk: int, target_pk: int):
    plan = joint_plan_or_404(request, pk)
    target = get_object_or_404(plan.targets, pk=target_pk)
    target.plan = plan
    services.joint_target_delete(actor=request.user, target=target)
    messages.success(request, "Joint target removed.")
    return redirect(f"{plan.get_absolute_url()}#targets")


@login_required
@require_POST
def target_place(request, pk: int, target_pk: int):
    plan = joint_plan_or_404(request, pk)
    target = get_object_or_404(plan.targets.select_related("co_owner", "parent_goal"), pk=target_pk)
    target.plan = plan
    try:
        goal = services.joint_target_place(actor=request.user, target=target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{plan.get_absolute_url()}#targets")
    messages.success(request, f"“{goal.title}” is in the cascade now, submitted to your manager for approval.")
    return redirect(goal)
