"""The browser tests' live server lets one request at a time touch a shared in-memory SQLite connection."""

import threading

from django.core.servers.basehttp import WSGIRequestHandler

from tests.live_server import OneRequestAtATimeServer


def serve(connections_override):
    server = OneRequestAtATimeServer(("127.0.0.1", 0), WSGIRequestHandler, connections_override=connections_override)
    inside = []
    both_inside = threading.Event()

    def application(environ, start_response):
        inside.append(1)
        if len(inside) == 2:
            both_inside.set()
        both_inside.wait(timeout=0.5)  # the other request gets half a second to come in beside this one
        inside.pop()
        start_response("200 OK", [])
        return [b"ok"]

    server.set_app(application)
    return server, both_inside


def answer_two_requests_at_once(server):
    threads = [threading.Thread(target=server.get_app(), args=({}, lambda *args: None)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    server.server_close()


def test_requests_on_a_shared_connection_never_overlap():
    server, both_inside = serve(connections_override={"default": object()})
    answer_two_requests_at_once(server)
    assert not both_inside.is_set()


def test_requests_with_connections_of_their_own_run_side_by_side():
    server, both_inside = serve(connections_override=None)
    answer_two_requests_at_once(server)
    assert both_inside.is_set()
