"""A request whose client already left is answered at once, without running the view (core.middleware)."""

import socket
import time

from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import ClientGoneMiddleware


def middleware(settings, timeout: int = 30):
    settings.REQUEST_QUEUE_TIMEOUT = timeout
    calls = []

    def view(request):
        calls.append(request.path)
        return HttpResponse("worked")

    return ClientGoneMiddleware(view), calls


def test_a_request_whose_client_closed_the_connection_is_not_worked_on(settings):
    handler, calls = middleware(settings)
    server_side, client_side = socket.socketpair()
    client_side.close()
    request = RequestFactory().get("/explorer/", **{"gunicorn.socket": server_side})

    response = handler(request)

    assert response.status_code == 499
    assert calls == []
    server_side.close()


def test_a_request_whose_client_still_waits_is_worked_on(settings):
    handler, calls = middleware(settings)
    server_side, client_side = socket.socketpair()
    request = RequestFactory().get("/explorer/", **{"gunicorn.socket": server_side})

    response = handler(request)

    assert response.content == b"worked"
    assert calls == ["/explorer/"]
    server_side.close()
    client_side.close()


def test_a_request_queued_at_the_proxy_past_the_timeout_gets_503(settings):
    handler, calls = middleware(settings, timeout=30)
    stamp = f"t={time.time() - 45:.3f}"
    response = handler(RequestFactory().get("/", HTTP_X_REQUEST_START=stamp))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert calls == []


def test_a_fresh_request_from_the_proxy_is_worked_on_in_any_unit(settings):
    handler, calls = middleware(settings, timeout=30)
    for stamp in (f"t={time.time():.3f}", f"t={int(time.time() * 1000)}", f"{int(time.time() * 1_000_000)}"):
        assert handler(RequestFactory().get("/", HTTP_X_REQUEST_START=stamp)).status_code == 200
    assert len(calls) == 3


def test_the_queue_check_can_be_switched_off(settings):
    handler, _ = middleware(settings, timeout=0)
    response = handler(RequestFactory().get("/", HTTP_X_REQUEST_START=f"t={time.time() - 600:.3f}"))
    assert response.status_code == 200


def test_the_socket_check_can_be_switched_off_to_measure_it(settings):
    settings.CLIENT_GONE_CHECK = False
    handler, calls = middleware(settings)
    server_side, client_side = socket.socketpair()
    client_side.close()

    response = handler(RequestFactory().get("/explorer/", **{"gunicorn.socket": server_side}))

    assert response.status_code == 200
    assert calls == ["/explorer/"]
    server_side.close()
