"""The goal page and the actions on it: check in, comment, submit, approve, return, carry over, delete."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.formatting import format_amount
from core.forms import add_service_errors
from goals import services
from goals.charts import checkin_chart
from goals.forms import CarryOverForm, CheckInForm, CommentForm, DeleteGoalForm, ReturnForm
from goals.history import goal_history
from goals.models import Deletion, Goal, GoalComment
from goals.selectors import (
    EXPLORER_PAGE_SIZE,
    alignment_path,
    deleted_goals_preview,
    deletions_visible_to,
    explorer_rows,
)
from goals.views.common import redirect_next, safe_next, visible_goal_or_404

CHECKIN_HISTORY_LIMIT = 60
DELETIONS_PAGE_SIZE = 50


def goal_page_context(request, goal: Goal, **forms) -> dict:
    """Everything the goal page shows, in a fixed number of queries."""
    viewer = request.user
    children = list(explorer_rows(Goal.objects.filter(parent=goal), viewer)[: EXPLORER_PAGE_SIZE + 1])
    checkins = list(goal.checkins.select_related("author")[:CHECKIN_HISTORY_LIMIT])
    can = {
        "edit": viewer.has_perm("goals.change_goal", goal),
        "delete": viewer.has_perm("goals.delete_goal", goal),
        "submit": viewer.has_perm("goals.submit_goal", goal),
        "approve": viewer.has_perm("goals.approve_goal", goal),
        "return": viewer.has_perm("goals.return_goal", goal),
        "check_in": viewer.has_perm("goals.checkin_goal", goal),
        "carry_over": viewer.has_perm("goals.carry_over_goal", goal),
        "comment": viewer.has_perm("goals.comment_goal", goal),
        "add_subgoal": not goal.cycle.is_closed,
    }
    carry_over_form = forms.get("carry_over_form")
    if can["carry_over"] and carry_over_form is None:
        carry_over_form = CarryOverForm(goal=goal)
    carry_over_targets = list(carry_over_form.fields["cycle"].queryset) if carry_over_form else []
    return {
        "goal": goal,
        "path": alignment_path(goal, viewer)[:-1],
        "children": children[:EXPLORER_PAGE_SIZE],
        "more_children_url": reverse("goals:subgoals", args=[goal.pk]) + f"?offset={EXPLORER_PAGE_SIZE}"
        if len(children) > EXPLORER_PAGE_SIZE
        else "",
        "checkins": checkins,
        "previous_checkin": checkins[0] if checkins else None,
        "chart": checkin_chart(goal, checkins, today=timezone.localdate()),
        "assumptions": list(goal.assumptions.select_related("owner").order_by("statement")),
        "course_corrections": _pending_course_corrections(goal),
        "open_flags": list(goal.flags.open().order_by("kind")),
        "comments": list(goal.comments.select_related("author")),
        "history": goal_history(goal, viewer),
        "can": can,
        "checkin_form": forms.get("checkin_form")
        or CheckInForm(initial={"value": goal.current, "confidence": goal.confidence or "on_track"}, unit=goal.unit),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "return_form": forms.get("return_form") or ReturnForm(),
        "carry_over_form": carry_over_form if carry_over_targets else None,
        "next": safe_next(request, ""),
    }


def _pending_course_corrections(goal: Goal) -> list:
    """Accepted challenges' changes waiting on this goal (read through the relation: goals does not import
    assumptions)."""
    pending = list(
        goal.change_requests.filter(status="pending").select_related("challenge__assumption").order_by("created")
    )
    for change_request in pending:
        change_request.goal = goal
    return pending


@login_required
def goal_detail(request, pk: int):
    goal = visible_goal_or_404(request, pk)
    return render(request, "goals/goal_detail.html", goal_page_context(request, goal))


# --- check-ins ------------------------------------------------------------------------


@login_required
def goal_checkin(request, pk: int):
    """The check-in form with the previous check-in beside it; a partial for htmx, else a page.

    Posted with htmx from the goal page (no ``next``), it answers with the whole goal page, so the
    figures, the chart, the history and the confidence badge all show the new check-in; the
    saved note shows once, in the panel, never again as a flash message on the next page.
    """
    goal = visible_goal_or_404(request, pk)
    if not request.user.has_perm("goals.checkin_goal", goal):
        raise PermissionDenied("Check-ins are posted by the goal's owner or their managers.")
    form = CheckInForm(initial={"value": goal.current, "confidence": goal.confidence or "on_track"}, unit=goal.unit)
    just_saved = False
    if request.method == "POST":
        form = CheckInForm(request.POST, unit=goal.unit)
        if form.is_valid():
            try:
                checkin = services.checkin_create(actor=request.user, goal=goal, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if not request.htmx:
                    saved = f"Checked in on “{goal.title}”: {format_amount(checkin.value, goal.unit)}."
                    messages.success(request, saved)
                    return redirect_next(request, goal.get_absolute_url())
                goal.refresh_from_db()
                form = CheckInForm(initial={"value": goal.current, "confidence": goal.confidence}, unit=goal.unit)
                just_saved = True
    if request.htmx and request.method == "POST" and not safe_next(request, ""):
        context = goal_page_context(request, goal, checkin_form=form)
        return render(request, "goals/goal_detail.html", {**context, "just_saved": just_saved})
    context = {
        "goal": goal,
        "checkin_form": form,
        "previous_checkin": goal.checkins.select_related("author").first(),
        "just_saved": just_saved,
        "next": safe_next(request, ""),
    }
    template = "goals/_checkin_panel.html" if request.htmx else "goals/checkin.html"
    return render(request, template, context)


# --- comments -------------------------------------------------------------------------


@login_required
@require_POST
def goal_comment_create(request, pk: int):
    goal = visible_goal_or_404(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.goal_comment_create(actor=request.user, goal=goal, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                form = CommentForm()
            else:
                messages.success(request, "Comment posted.")
                return redirect(f"{goal.get_absolute_url()}#comments")
    if request.htmx:
        return render(
            request,
            "goals/_comments.html",
            {
                "goal": goal,
                "comments": goal.comments.select_related("author"),
                "comment_form": form,
                "can": {"comment": True},
            },
        )
    return render(request, "goals/goal_detail.html", goal_page_context(request, goal, comment_form=form))


@login_required
@require_POST
def goal_comment_delete(request, pk: int):
    comment = get_object_or_404(GoalComment.objects.select_related("goal__owner", "goal__cycle"), pk=pk)
    goal = visible_goal_or_404(request, comment.goal_id)
    deletion = services.goal_comment_delete(actor=request.user, comment=comment)
    messages.success(
        request,
        f"Comment removed. You can undo this for {settings.DELETION_UNDO_MINUTES} minutes.",
        extra_tags=f"undo-{deletion.pk}",
    )
    return redirect(f"{goal.get_absolute_url()}#comments")


# --- the workflow ---------------------------------------------------------------------


@login_required
@require_POST
def goal_submit(request, pk: int):
    goal = visible_goal_or_404(request, pk)
    services.goal_submit(actor=request.user, goal=goal)
    manager = goal.owner.manager
    messages.success(
        request,
        f"Submitted for approval{f' by {manager.full_name}' if manager else ''}. You'll see here when it is reviewed.",
    )
    return redirect(goal)


@login_required
@require_POST
def goal_approve(request, pk: int):
    goal = visible_goal_or_404(request, pk)
    services.goal_approve(actor=request.user, goal=goal)
    messages.success(request, f"Approved “{goal.title}” for {goal.owner.full_name}.")
    return redirect_next(request, goal.get_absolute_url())


@login_required
@require_POST
def goal_return(request, pk: int):
    goal = visible_goal_or_404(request, pk)
    if not request.user.has_perm("goals.return_goal", goal):
        raise PermissionDenied("Goals are returned by the owner's manager or someone above them.")
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.goal_return(actor=request.user, goal=goal, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Returned “{goal.title}” to {goal.owner.full_name} with your reason.")
            return redirect_next(request, goal.get_absolute_url())
    context = goal_page_context(request, goal, return_form=form)
    context["return_open"] = True
    return render(request, "goals/goal_detail.html", context)


@login_required
@require_POST
def goal_carry_over(request, pk: int):
    goal = visible_goal_or_404(request, pk)
    if not request.user.has_perm("goals.carry_over_goal", goal):
        raise PermissionDenied("Goals are carried over by their owner or someone above them.")
    form = CarryOverForm(request.POST, goal=goal)
    if form.is_valid():
        try:
            copy = services.goal_carry_over(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, field_names={"goal": "cycle"})
        else:
            messages.success(request, carry_over_message(copy))
            return redirect(copy)
    context = goal_page_context(request, goal, carry_over_form=form)
    context["carry_over_open"] = True
    return render(request, "goals/goal_detail.html", context)


def carry_over_message(copy: Goal) -> str:
    with_it = f" with {copy.carried_with} sub-goal{'s' if copy.carried_with != 1 else ''}" if copy.carried_with else ""
    message = f"Carried over into {copy.cycle.name}{with_it} as a draft; check its target and submit."
    if copy.left_behind:
        count = copy.left_behind
        message += (
            f" {count} sub-goal{'s' if count != 1 else ''} of people outside your team stayed behind: "
            "their owners carry them over."
        )
    return message


@login_required
def goal_delete(request, pk: int):
    """Ask what happens to the sub-goals (listing what would go), then delete; the message offers an undo."""
    goal = visible_goal_or_404(request, pk)
    if not request.user.has_perm("goals.delete_goal", goal):
        raise PermissionDenied(services.DELETE_RULE)
    below = deleted_goals_preview(goal, request.user)
    form = DeleteGoalForm(request.POST if request.method == "POST" else None, has_children=goal.get_children().exists())
    if request.method == "POST" and form.is_valid():
        parent = goal.parent if goal.parent_id and request.user.has_perm("goals.view_goal", goal.parent) else None
        try:
            deletion = services.goal_delete(actor=request.user, goal=goal, children=form.cleaned_data["children"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, deletion_message(deletion), extra_tags=f"undo-{deletion.pk}")
            return redirect(parent if parent else "home")
    context = {
        "goal": goal,
        "form": form,
        "below": below,
        "children": [sub for sub in below if sub.parent_id == goal.pk],
        "undo_minutes": settings.DELETION_UNDO_MINUTES,
    }
    return render(request, "goals/delete.html", context)


def deletion_message(deletion: Deletion) -> str:
    what = f"Deleted “{deletion.goal_title}”"
    if deletion.goal_count > 1:
        what += f" and the {deletion.goal_count - 1} goals under it"
    elif deletion.moved_up:
        count = len(deletion.moved_up)
        what += f"; its {count} sub-goal{'s' if count != 1 else ''} moved up"
    return f"{what}. You can undo this for {settings.DELETION_UNDO_MINUTES} minutes."


@login_required
@require_POST
def deletion_restore(request, pk: int):
    """Undo a deletion (its author, within the window) or restore it (admins, any time)."""
    deletion = get_object_or_404(Deletion.objects.select_related("cycle"), pk=pk)
    goal = services.deletion_restore(actor=request.user, deletion=deletion)
    if deletion.goal_count == 0:
        messages.success(request, "Comment restored.")
        return redirect(f"{goal.get_absolute_url()}#comments" if goal else "home")
    messages.success(request, f"Restored “{deletion.goal_title}”.")
    return redirect_next(request, goal.get_absolute_url() if goal else "/")


@login_required
def deleted_goals(request):
    """Admins' list of deletions, newest first, with a restore for each not undone yet."""
    if not request.user.has_perm("goals.view_deletions"):
        raise PermissionDenied("The list of deleted goals is for administrators.")
    deletions = deletions_visible_to(request.user, timezone.now()).select_related("actor", "goal__owner")
    page = Paginator(deletions, DELETIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "goals/deleted.html", {"page": page})
