"""Errors under /api/ are JSON, also those that no DRF view produced (docs/api.md, "Errors").

A path that matches no route (``/api/goals/abc/``), a failure outside a view's own error
handling and a crash are answered by Django's HTML pages; an API client reads
``{"detail": "..."}`` with the same status instead. An unexpected exception in an API view
is logged as Django logs it and answered with a JSON 500.
"""

import logging
from http import HTTPStatus

from django.core.signals import got_request_exception
from django.http import JsonResponse

logger = logging.getLogger("django.request")

API_PREFIX = "/api/"
SERVER_ERROR = "Something went wrong on our side; the error was logged. Try again later."
DETAILS = {404: "Not found.", 500: SERVER_ERROR}


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(status: int) -> JsonResponse:
    try:
        detail = DETAILS.get(status) or f"{HTTPStatus(status).phrase}."
    except ValueError:
        detail = "The request failed."
    return JsonResponse({"detail": detail}, status=status)


class ApiErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 400 and is_api(request) and not _is_json(response):
            return json_error(response.status_code)
        return response

    def process_exception(self, request, exception):
        if not is_api(request):
            return None
        got_request_exception.send(sender=None, request=request)
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return json_error(500)


def _is_json(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() in ("application/json", "application/problem+json")
