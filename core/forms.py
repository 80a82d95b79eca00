"""Helpers for page forms that hand their data to services."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.BaseForm, error: ValidationError, field_names: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: each message next to its field.

    ``field_names`` maps a service's field name to the form's where they differ
    (e.g. ``{"reason": "return_reason"}``). Messages for fields the form does not
    have go to the top of the form, so nothing the service said is lost.
    """
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        target = field_names.get(name, name)
        form.add_error(target if target in form.fields else None, messages)
