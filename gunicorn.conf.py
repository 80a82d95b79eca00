"""gunicorn settings for Cascade's image (Dockerfile, docker-compose.yml) and for bench/.

Chosen by measurement on the 100,000-goal company (bench/RESULTS.md, "Serving"); each value
can be changed with the environment variable named beside it, without a new image.

- Workers: one process per core plus one (GUNICORN_WORKERS), two threads each
  (GUNICORN_THREADS). A Cascade request spends a few milliseconds waiting on PostgreSQL or
  Redis for every ten of Python; a second thread fills those waits, more threads only fight
  over the GIL. gevent would need psycopg's green mode and patches every library: not worth
  it for requests this short.
- Timeouts: a worker stuck for 30 s is restarted (GUNICORN_TIMEOUT); the slowest page here
  takes well under a second, and exports stream.
- A bounded backlog (GUNICORN_BACKLOG, 64): the kernel keeps at most this many connections
  waiting for a worker and refuses the rest at once. gunicorn's default (2048) let an
  overload leave 1,854 abandoned connections queued, worked through for minutes after their
  clients had gone; a refused connection is retried by the client or the load balancer on
  another replica instead. core.middleware.ClientGoneMiddleware skips requests whose client
  closed the connection while they waited.
- Workers are recycled after about 2,000 requests (GUNICORN_MAX_REQUESTS), jittered so they
  do not all restart at once: a slow leak never grows for days.
- Static files stay on WhiteNoise (config/settings.py), served by these same workers.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    if not value.isdigit():
        raise ValueError(f"{name}={value!r}: give a whole number")
    return int(value)


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 2)
worker_class = "gthread" if threads > 1 else "sync"
backlog = _int("GUNICORN_BACKLOG", 64)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# The application is imported once in the master, then forked: workers share its memory pages.
preload_app = True
