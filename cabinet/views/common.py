"""What the cabinet's views share: the cycle a page is about, and running a service for a form."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.exceptions import StateConflict
from core.forms import add_service_errors
from goals.models import Cycle
from goals.selectors import current_cycle

FAILED = object()


def page_cycle(request) -> Cycle | None:
    """The cycle named by ``?cycle=`` (or a posted ``cycle``), else the one people work in now."""
    raw = request.GET.get("cycle") or request.POST.get("cycle") or ""
    if raw:
        if not raw.isdigit():
            raise Http404("No such cycle.")
        return get_object_or_404(Cycle, pk=int(raw))
    return current_cycle()


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
