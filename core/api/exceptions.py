"""Turning the domain's exceptions into the API's error responses (see API.md, "Errors").

Services raise Django's ``ValidationError`` (-> 400 ``{"field": ["message"]}``),
``PermissionDenied`` (-> 403), ``StateConflict`` (-> 409), ``DoesNotExist`` (-> 404) and
``ImportRejected`` (-> 400 ``{"detail", "rows": [{"row", "errors": {"field": [...]}}]}``);
views let them through and this handler gives each its status and shape.
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from core.exceptions import ImportRejected, StateConflict


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request does not fit the current state."
    default_code = "conflict"


def validation_error_detail(error: DjangoValidationError) -> dict:
    """``{"field": ["message", ...]}``; errors on no field go under ``non_field_errors`` or ``detail``."""
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"detail": " ".join(error.messages)}


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge(
            f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes; send less at once."
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_error_detail(exc))
    elif isinstance(exc, StateConflict):
        exc = Conflict(exc.message)
    elif isinstance(exc, ImportRejected):
        set_rollback()
        return Response({"detail": exc.message, "rows": exc.rows}, status=status.HTTP_400_BAD_REQUEST)
    elif isinstance(exc, ObjectDoesNotExist):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is not None:
        _answer_in_json(context.get("request"))
    return response


def _answer_in_json(request) -> None:
    """An error is JSON, also from a view that renders CSV or a PDF: its renderer cannot draw an error."""
    if request is None or isinstance(getattr(request, "accepted_renderer", None), JSONRenderer):
        return
    request.accepted_renderer = JSONRenderer()
    request.accepted_media_type = JSONRenderer.media_type
