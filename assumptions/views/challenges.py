"""Challenging an assumption, a challenge's page with its thread, endorsing and the owner's answer."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assumptions import services
from assumptions.forms import (
    ChallengeForm,
    CommentEditForm,
    CommentForm,
    ProposedChangeFormSet,
    ResolveForm,
    challenge_goal_choices,
)
from assumptions.models import AssumptionStatus, Comment
from assumptions.selectors import challenge_thread
from assumptions.views.common import (
    FAILED,
    assumption_or_404,
    challenge_or_404,
    comment_or_404,
    run_service,
)
from core.exceptions import StateConflict
from core.parsing import parse_id
from goals.views.common import redirect_next

# --- the challenge form ------------------------------------------------------------------------


@login_required
def challenge_create(request, pk: int):
    assumption = assumption_or_404(pk)
    if not request.user.has_perm("assumptions.challenge_assumption", assumption):
        raise PermissionDenied(f"{assumption.cycle.name} is closed: its assumptions can no longer be challenged.")
    goals = challenge_goal_choices(assumption, request.user)
    linked = set(assumption.goals.values_list("pk", flat=True))
    choices = [
        ("Rest on this assumption", [(pk, _goal_label(goal)) for pk, goal in goals.items() if pk in linked]),
        (
            "Your goals, your team's and your managers'",
            [(pk, _goal_label(goal)) for pk, goal in goals.items() if pk not in linked],
        ),
    ]
    choices = [group for group in choices if group[1]]
    row_kwargs = {"goal_choices": choices, "goals_by_id": goals}
    wanted = parse_id(request.GET.get("goal"))
    initial = [{"goal": wanted}] if wanted in goals else []
    form = ChallengeForm(request.POST or None)
    changes = ProposedChangeFormSet(
        request.POST or None, prefix="changes", form_kwargs=row_kwargs, initial=initial or None
    )
    if request.method == "POST" and form.is_valid() and changes.is_valid():
        challenge = run_service(
            form,
            lambda: services.challenge_open(
                actor=request.user,
                assumption=assumption,
                proposed_changes=changes.proposed_changes(),
                **form.cleaned_data,
            ),
            field_names={"proposed_changes": "__all__"},
        )
        if challenge is not FAILED:
            messages.success(
                request, "Challenge raised. The assumption's owner has to answer it; others can endorse it."
            )
            return redirect("assumptions:challenge", challenge.pk)
    return render(
        request,
        "assumptions/challenge_form.html",
        {"assumption": assumption, "form": form, "changes": changes, "has_goal_choices": bool(goals)},
    )


def _goal_label(goal) -> str:
    return f"{goal.title} ({goal.owner.full_name})"


# --- the challenge page ------------------------------------------------------------------------


def challenge_page_context(request, challenge, **forms) -> dict:
    viewer = request.user
    assumption = challenge.assumption
    can_resolve = rules.has_perm("assumptions.resolve_challenge", viewer, challenge) and challenge.is_open
    thread = challenge_thread(challenge)
    open_cycle = not assumption.cycle.is_closed
    for comment in thread:
        live = open_cycle and not comment.is_removed
        comment.can_edit = live and viewer.has_perm("assumptions.change_comment", comment)
        comment.can_remove = live and viewer.has_perm("assumptions.delete_comment", comment)
    for change in challenge.changes:
        change.can_decide = change.is_pending and viewer.has_perm("assumptions.decide_changerequest", change)
    return {
        "challenge": challenge,
        "assumption": assumption,
        "thread": thread,
        "can": {
            "resolve": can_resolve and not assumption.cycle.is_closed,
            "endorse": challenge.is_open and viewer.has_perm("assumptions.endorse_challenge", challenge),
            "comment": viewer.has_perm("assumptions.comment_challenge", challenge) and not assumption.cycle.is_closed,
        },
        "resolve_form": forms.get("resolve_form") or (ResolveForm(assumption=assumption) if can_resolve else None),
        "resolve_open": "resolve_form" in forms,
        "comment_form": forms.get("comment_form") or CommentForm(),
        "reply_form": forms.get("reply_form"),
        "reply_to": forms.get("reply_to"),
        "edit_form": forms.get("edit_form"),
        "editing": forms.get("editing"),
        "highlight": forms.get("highlight"),
        "next": request.get_full_path()
        if request.method == "GET"
        else reverse("assumptions:challenge", args=[challenge.pk]),
    }


@login_required
def challenge_detail(request, pk: int):
    challenge = challenge_or_404(request, pk)
    return render(request, "assumptions/challenge_detail.html", challenge_page_context(request, challenge))


@login_required
@require_POST
def challenge_endorse(request, pk: int):
    challenge = challenge_or_404(request, pk)
    error = ""
    try:
        services.challenge_endorse(actor=request.user, challenge=challenge)
    except ValidationError as failure:
        error = " ".join(failure.messages)
    except StateConflict as failure:
        error = failure.message
    if request.htmx:
        challenge = challenge_or_404(request, pk)
        return render(
            request,
            "assumptions/_endorse.html",
            {"challenge": challenge, "endorse_error": error, "just_endorsed": not error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "You endorsed the challenge.")
    return redirect_next(request, reverse("assumptions:challenge", args=[challenge.pk]))


@login_required
@require_POST
def challenge_resolve(request, pk: int):
    challenge = challenge_or_404(request, pk)
    if not rules.has_perm("assumptions.resolve_challenge", request.user, challenge):
        raise PermissionDenied("Only the assumption's owner answers its challenges.")
    form = ResolveForm(request.POST, assumption=challenge.assumption)
    if form.is_valid():
        resolved = run_service(
            form,
            lambda: services.challenge_resolve(actor=request.user, challenge=challenge, **form.service_arguments()),
            field_names={"status": "decision"},
        )
        if resolved is not FAILED:
            if resolved.status == "accepted":
                outcome = AssumptionStatus(resolved.outcome).label.lower()
                pending = sum(1 for change in challenge.changes if change.status == "proposed")
                messages.success(
                    request,
                    f"Challenge accepted; the assumption is {outcome}."
                    + (
                        f" {pending} course correction{'s' if pending != 1 else ''} sent to the goals' owners."
                        if pending
                        else ""
                    ),
                )
            else:
                messages.success(request, "Challenge declined with your response.")
            return redirect("assumptions:challenge", challenge.pk)
    return render(
        request, "assumptions/challenge_detail.html", challenge_page_context(request, challenge, resolve_form=form)
    )


# --- the thread ------------------------------------------------------------------------------


def _thread_response(request, challenge, **forms):
    context = challenge_page_context(request, challenge, **forms)
    if request.htmx:
        return render(request, "assumptions/_thread.html", context)
    return render(request, "assumptions/challenge_detail.html", context)


def _thread_url(challenge, comment=None) -> str:
    url = reverse("assumptions:challenge", args=[challenge.pk])
    return f"{url}#comment-{comment.pk}" if comment is not None else f"{url}#thread"


@login_required
@require_POST
def comment_create(request, pk: int):
    challenge = challenge_or_404(request, pk)
    if challenge.assumption.cycle.is_closed:
        raise StateConflict(f"{challenge.assumption.cycle.name} is closed: its threads are read-only.")
    form = CommentForm(request.POST, auto_id="reply_%s" if request.POST.get("parent") else "id_%s")
    parent = None
    if form.is_valid():
        parent_id = form.cleaned_data["parent"]
        if parent_id is not None:
            parent = Comment.objects.filter(pk=parent_id).first()
            if parent is None:
                form.add_error(None, "The comment you replied to no longer exists.")
    if form.is_valid():
        comment = run_service(
            form,
            lambda: services.comment_post(
                actor=request.user, challenge=challenge, body=form.cleaned_data["body"], parent=parent
            ),
            field_names={"parent": "__all__"},
        )
        if comment is not FAILED:
            if request.htmx:
                return _thread_response(request, challenge, highlight=comment.pk)
            messages.success(request, "Reply posted.")
            return redirect(_thread_url(challenge, comment))
    replying_here = parent is not None and parent.challenge_id == challenge.pk
    if replying_here:
        return _thread_response(request, challenge, reply_form=form, reply_to=parent.pk)
    return _thread_response(request, challenge, comment_form=form)


@login_required
@require_POST
def comment_edit(request, pk: int):
    comment = comment_or_404(pk)
    challenge = challenge_or_404(request, comment.challenge_id)
    if not request.user.has_perm("assumptions.change_comment", comment):
        raise PermissionDenied("Only its author edits a comment.")
    if comment.is_removed:
        raise StateConflict("This comment was removed, so it can no longer be edited.")
    form = CommentEditForm(request.POST, auto_id="edit_%s")
    if form.is_valid():
        edited = run_service(
            form, lambda: services.comment_edit(actor=request.user, comment=comment, body=form.cleaned_data["body"])
        )
        if edited is not FAILED:
            if request.htmx:
                return _thread_response(request, challenge)
            messages.success(request, "Comment updated.")
            return redirect(_thread_url(challenge, comment))
    return _thread_response(request, challenge, edit_form=form, editing=comment.pk)


@login_required
@require_POST
def comment_remove(request, pk: int):
    comment = comment_or_404(pk)
    challenge = challenge_or_404(request, comment.challenge_id)
    services.comment_remove(actor=request.user, comment=comment)
    if request.htmx:
        return _thread_response(request, challenge)
    messages.success(request, "Comment removed; replies to it stay in the thread.")
    return redirect(_thread_url(challenge, comment))
