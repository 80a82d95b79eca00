"""Turning domain errors raised on pages into something a person can act on."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from core.exceptions import StateConflict


class StateConflictMiddleware:
    """A page action that no longer fits (a goal approved meanwhile, a closed cycle) becomes a message.

    The person is sent back to the page they came from with the reason shown, instead of
    an error page. The REST API answers 409 itself (its own exception handler).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StateConflict) or request.path.startswith("/api/"):
            return None
        messages.error(request, exception.message)
        target = self._back(request)
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(target)
        return redirect(target)

    @staticmethod
    def _back(request) -> str:
        referer = request.headers.get("referer", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return referer
        return request.path if request.method != "GET" else "/"
