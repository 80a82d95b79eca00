"""The live server behind the browser tests, one request at a time on an in-memory SQLite database.

pytest-django hands the live server the test thread's own in-memory SQLite connection, and Django's
live server answers each request in a thread of its own. A page that fires two requests at once (the
explorer loads its map and a branch together) then runs two queries on one SQLite connection from two
threads, which can block both for ever: CI once hung for an hour that way. Holding a lock around each
request keeps the threaded server (a browser's idle keep-alive connection blocks nobody) while only one
request at a time touches the shared connection. On PostgreSQL every request thread has a connection of
its own and nothing is serialised.
"""

import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread


class OneRequestAtATimeServer(ThreadedWSGIServer):
    request_lock = threading.Lock()

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)

        def one_at_a_time(environ, start_response):
            with self.request_lock:
                response = application(environ, start_response)
                try:
                    return list(response)  # streamed bodies may query too: read them under the lock
                finally:
                    close = getattr(response, "close", None)
                    if close is not None:
                        close()

        return super().set_app(one_at_a_time)


def serialise_requests_on_shared_connections() -> None:
    LiveServerThread.server_class = OneRequestAtATimeServer
