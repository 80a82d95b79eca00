"""Serialising writes to nested-set trees.

django-mptt does no locking: two concurrent inserts into one tree shift the same
lft/rght ranges and corrupt it, and two new roots can get the same tree_id. Every
tree write therefore runs inside ``tree_write_lock``, which takes a PostgreSQL
transaction-scoped advisory lock per tree it touches (NetBox does the same). SQLite
serialises writers on its own, so there the lock is only the transaction.
"""

import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction

# Lock key for "allocate a new tree_id": creating a root reads MAX(tree_id) + 1.
NEW_TREE = 0


def _namespace(label: str) -> int:
    return zlib.crc32(label.encode()) & 0x7FFFFFFF


def _acquire(namespace: int, keys: Iterable[int]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [namespace, key])


@contextmanager
def tree_write_lock(label: str, tree_ids: Callable[[], set[int]]) -> Iterator[None]:
    """Hold the write lock of every tree ``tree_ids()`` names until the transaction ends.

    ``tree_ids`` is read again once the locks are held: a node may have moved to
    another tree while we waited, and then that tree is locked as well.
    """
    namespace = _namespace(label)
    with transaction.atomic():
        if connection.vendor != "postgresql":
            yield
            return
        held: set[int] = set()
        wanted = set(tree_ids())
        while not wanted <= held:
            _acquire(namespace, wanted - held)
            held |= wanted
            wanted = set(tree_ids())
        yield


def mptt_tree_lock(model, node_ids: Iterable[int | None] = (), *, new_tree: bool = False):
    """Lock the trees that hold ``node_ids`` (and tree_id allocation when ``new_tree``)."""
    ids = [pk for pk in node_ids if pk is not None]

    def tree_ids() -> set[int]:
        found = set(model._tree_manager.filter(pk__in=ids).values_list("tree_id", flat=True)) if ids else set()
        return found | {NEW_TREE} if new_tree else found

    return tree_write_lock(model._meta.label, tree_ids)


@contextmanager
def advisory_lock(label: str, key: int) -> Iterator[None]:
    """Hold a transaction-scoped lock on (``label``, ``key``) until the transaction ends.

    For work that must not run twice at once but touches no tree, such as the alignment
    scan of one cycle. On SQLite the transaction alone serialises writers.
    """
    with transaction.atomic():
        _acquire(_namespace(label), [key])
        yield
