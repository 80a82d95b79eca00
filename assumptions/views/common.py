"""What the assumptions views share: loading what the viewer may see, and running a service for a form."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from assumptions.models import Assumption, ChangeRequest, Comment
from assumptions.selectors import challenges_with_details
from core.exceptions import StateConflict
from core.forms import add_service_errors
from goals.rules import can_view_goal

FAILED = object()


def assumption_or_404(pk: int) -> Assumption:
    return get_object_or_404(Assumption.objects.select_related("owner", "cycle"), pk=pk)


def challenge_or_404(request, pk: int):
    """The challenge with its endorsements, the viewer's vote and the change requests they may see."""
    return get_object_or_404(challenges_with_details(request.user), pk=pk)


def comment_or_404(pk: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("author", "challenge__assumption__cycle", "challenge__assumption__owner"), pk=pk
    )


def change_request_or_404(request, pk: int) -> ChangeRequest:
    """A change request on a goal the viewer may see; others do not exist for them."""
    change_request = get_object_or_404(
        ChangeRequest.objects.select_related(
            "goal__owner", "goal__cycle", "challenge__assumption__owner", "challenge__author", "decided_by"
        ).filter(goal__deletion__isnull=True),
        pk=pk,
    )
    if not can_view_goal(request.user, change_request.goal):
        raise Http404("No change request found.")
    return change_request


def run_service(form: forms.BaseForm, service: Callable[[], Any], field_names: dict[str, str] | None = None) -> Any:
    """Call ``service``; its field errors and state conflicts land on ``form`` (keeping what was typed).

    Returns what the service returned, or ``FAILED``. PermissionDenied is left to become a 403 page.
    """
    try:
        return service()
    except ValidationError as error:
        add_service_errors(form, error, field_names)
    except StateConflict as error:
        form.add_error(None, error.message)
    return FAILED
