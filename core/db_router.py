"""Read-heavy lists from a PostgreSQL read replica (``DATABASE_REPLICA_URL``), everything else from the primary.

Only reads that opt in go to the replica, inside ``reads_from_replica()`` (a decorator or a
with-block): the goal list of the API and the explorer's search. A replica lags the primary by
a moment, so nothing that reads its own writes, nothing inside a transaction, and nothing that
fills the shared cache (goals/cache.py keys entries by a version bumped at commit: an entry
computed from a lagging replica would be stored under the new version) reads from it.
Without ``DATABASE_REPLICA_URL`` the replica alias is the primary itself and this router
sends nothing there.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.db import connections

REPLICA = "replica"
_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


@contextmanager
def replica_reads():
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(view):
    """Run ``view`` with its reads on the replica (when one is configured)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        if not (_reading_from_replica.get() and settings.READ_REPLICA):
            return None
        if connections["default"].in_atomic_block:
            return None  # a transaction reads what it wrote
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both aliases

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
