"""Turning domain errors raised on pages into something a person can act on; skipping abandoned requests."""

import socket
import time

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
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


class ClientGoneMiddleware:
    """Requests whose client already left are not worked on.

    After an overload, a server's listen queue holds requests whose clients gave up long
    ago; working through them keeps the server busy for nobody. Two checks, both before any
    view runs (this middleware comes first):

    - under gunicorn, the request's socket is peeked: a client that closed its connection
      has sent FIN, and the peek reads end-of-file (a live client gives data or nothing yet);
    - behind a proxy that stamps ``X-Request-Start: t=<seconds since the epoch>`` (nginx,
      Heroku's router), a request that waited longer than ``REQUEST_QUEUE_TIMEOUT`` seconds is
      answered 503 at once: its client's own timeout has most likely passed.

    Both answer without touching the session or the database. 499 is nginx's "client closed
    request"; nobody reads it, it only marks the log line.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.queue_timeout = getattr(settings, "REQUEST_QUEUE_TIMEOUT", 0)
        self.check_socket = getattr(settings, "CLIENT_GONE_CHECK", True)

    def __call__(self, request):
        if self.check_socket and _client_gone(request.META.get("gunicorn.socket")):
            return HttpResponse(status=499)
        if self.queue_timeout and _queued_for(request.headers.get("x-request-start", "")) > self.queue_timeout:
            return HttpResponse("The server is too busy; try again.", status=503, headers={"Retry-After": "5"})
        return self.get_response(request)


def _client_gone(sock) -> bool:
    if sock is None:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return False  # connected, nothing more sent: the normal case
    except OSError:
        return True  # reset by the peer


def _queued_for(stamp: str) -> float:
    """Seconds since the proxy stamped the request (``t=1700000000.123``, or in ms/us), 0 when unknown."""
    raw = stamp.removeprefix("t=").strip()
    try:
        started = float(raw)
    except ValueError:
        return 0.0
    while started > 1e11:  # milliseconds or microseconds
        started /= 1000
    return max(0.0, time.time() - started)
