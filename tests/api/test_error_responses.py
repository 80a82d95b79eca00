"""Services' exceptions reach API callers as API.md's errors: 400 with fields, 403, 404, 409; never a 500."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accounts.models import Person
from core.api.exceptions import exception_handler
from core.exceptions import StateConflict


def handled(exc):
    response = exception_handler(exc, {})
    return response.status_code, response.data


def test_a_validation_error_on_a_field_is_400_naming_the_field():
    status, body = handled(ValidationError({"parent": "There is no goal with that id."}))
    assert status == 400
    assert body == {"parent": ["There is no goal with that id."]}


def test_a_validation_error_on_no_field_goes_under_non_field_errors():
    status, body = handled(ValidationError({"__all__": ["Both dates are wrong."], "end": ["Too early."]}))
    assert status == 400
    assert body == {"non_field_errors": ["Both dates are wrong."], "end": ["Too early."]}


def test_a_plain_validation_error_is_a_detail_sentence():
    status, body = handled(ValidationError(["The file is empty.", "Send a CSV."]))
    assert status == 400
    assert body == {"detail": "The file is empty. Send a CSV."}


def test_a_state_conflict_is_409_with_its_message():
    status, body = handled(StateConflict("FY2026 is closed: its goals are read-only."))
    assert status == 409
    assert body == {"detail": "FY2026 is closed: its goals are read-only."}


def test_a_refusal_from_a_service_is_403_with_its_message():
    status, body = handled(PermissionDenied("Only admins create cycles."))
    assert status == 403
    assert body == {"detail": "Only admins create cycles."}


@pytest.mark.parametrize("exc", [Http404("No goal."), Person.DoesNotExist()])
def test_what_does_not_exist_is_404(exc):
    status, _ = handled(exc)
    assert status == 404


def test_other_exceptions_are_left_to_django():
    assert exception_handler(RuntimeError("bug"), {}) is None
