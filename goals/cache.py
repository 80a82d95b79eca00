"""Caching what many people read (explorer levels, alignment health, list counts), with version keys.

Every cached entry's key carries the *version* of the goals. Writes bump it when they
happen and again once their transaction commits (goals/receivers.py: ``goals_changed``,
``goal_status_changed``, saved or deleted goals, flags, cycles and people, and the alignment
scan when it changes flags), so the next read computes afresh and old entries are never
read again; they expire on their own. The second bump matters: a reader that slipped in
between the first bump and the commit may have stored the old figures under the new
version. One version for all goals, rather than one per cycle or tree, because a level of
the cascade can hold goals of another cycle (a cross-cycle link) and a check-in changes
the roll-up of every goal above it.

Entries are shared between viewers who see the same thing: ``viewer_scope`` is "staff"
for admins, "company" for anyone who may see no private goal at all (most people), and
the person's own id otherwise. The cache is Redis with ``REDIS_URL`` (shared by every
web process) and process memory in the embedded mode.
"""

import hashlib
import time
import weakref
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

from goals.models import Goal, Visibility

T = TypeVar("T")

# Entries live this long at most, whatever the versions say: a safety net for writes that
# bypass the services (a bulk update in a shell), never the way freshness is kept.
TIMEOUT = 300
# Versions outlive every entry keyed by them.
VERSION_TIMEOUT = 7 * 24 * 3600
VERSION_KEY = "goals:version"


def version() -> int:
    """The current version of the goals: any committed write to a goal, a flag, a cycle or a person bumps it."""
    value = cache.get(VERSION_KEY)
    if value is None:
        # Start from the clock, so a version key evicted from the cache never comes back at a
        # number whose entries still exist.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=VERSION_TIMEOUT)
        value = cache.get(VERSION_KEY)
    return value


def bump_now() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet (or evicted): any new number will do
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=VERSION_TIMEOUT)


class _BumpAfterCommit:
    """The one on_commit callback of a transaction: the version is bumped once, when it commits."""

    done = False

    def __call__(self) -> None:
        self.done = True
        bump_now()


def bump() -> None:
    """Make every cached read stale: now, and once more when the current transaction commits.

    The bump now lets the writing transaction read its own writes; the one after the commit
    retires whatever another reader cached between the two from the data still committed
    then. A transaction registers one callback however many writes it makes.
    """
    bump_now()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    reference = getattr(connection, "_goals_cache_bump", None)
    pending = reference() if reference is not None else None
    if pending is None or pending.done:
        pending = _BumpAfterCommit()
        transaction.on_commit(pending, robust=True)
        connection._goals_cache_bump = weakref.ref(pending)


def sees_private_goals(viewer) -> bool:
    """True when ``viewer`` may see a private goal (their own or one of someone under them)."""
    if viewer.is_staff:
        return True
    key = f"goals:private:{version()}:{viewer.pk}"
    found = cache.get(key)
    if found is None:
        from goals.models.goal import visible_goal_q

        found = Goal.objects.filter(visible_goal_q(viewer), visibility=Visibility.PRIVATE).exists()
        cache.set(key, found, TIMEOUT)
    return found


def viewer_scope(viewer) -> str:
    """Who else sees exactly the goals ``viewer`` sees: "staff", "company" or "person:<id>"."""
    if viewer.is_staff:
        return "staff"
    return f"person:{viewer.pk}" if sees_private_goals(viewer) else "company"


def cached_read(name: str, viewer, compute: Callable[[], T], *parts) -> T:
    """``compute()``, or its result from the cache for the current version and the viewer's scope."""
    key = ":".join(str(part) for part in ("goals", name, version(), viewer_scope(viewer), *parts))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def cached_count(question: str, compute: Callable[[], int]) -> int:
    """The answer of ``compute()`` (a count), computed once per version for the same ``question``.

    ``question`` names everything the count depends on besides the data: the list, the
    viewer (what they may see) and the filters. Naming it is cheaper than compiling the
    query's SQL to key it, which cost as much as the count itself on the goal list.
    """
    digest = hashlib.sha256(question.encode()).hexdigest()[:32]
    key = f"goals:count:{version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
