"""Helpers for page forms that hand their data to services."""

from django import forms
from django.core.exceptions import ValidationError

from core.parsing import parse_id


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


class IdField(forms.IntegerField):
    """A database id typed as text: ASCII digits from 1 to bigint's maximum (``core.parsing.parse_id``)."""

    default_error_messages = {"invalid": "Give an id: a whole number of at least 1."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        parsed = parse_id(value)
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class ModelIdsField(forms.ModelMultipleChoiceField):
    """Several objects picked by id; a value that cannot be an id is refused before it reaches SQL."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for raw in value:
                if parse_id(raw) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": raw}
                    )
        return super()._check_values(value)
