"""Sign-in lockout: failed sign-ins counted per account and per client address in the cache.

Every failed ``authenticate()`` (the sign-in page, the admin's, the token endpoint) counts once
against the username tried and once against the address it came from. After
``SIGNIN_LOCKOUT_FAILURES`` for one account (or ``SIGNIN_LOCKOUT_ADDRESS_FAILURES`` from one
address) within ``SIGNIN_LOCKOUT_MINUTES``, sign-ins for it are refused for that many minutes,
right password or not, before the password is even checked. A successful sign-in clears the
account's count. The cache is the default one: local memory embedded, Redis in production, so
every web worker sees the same counts there. When the cache cannot be reached, sign-in goes on
unprotected (and says so in the log) rather than refusing everyone.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SigninLockout:
    """Why sign-ins are refused right now, and for how long at most."""

    reason: str
    minutes: int

    @property
    def message(self) -> str:
        return (
            f"Too many failed sign-ins {self.reason}. Sign-in is paused for up to {self.minutes} minutes; "
            "try again later or reset your password."
        )


def client_address(request) -> str:
    """The caller's address as DRF's throttles see it (``REMOTE_ADDR``, or ``X-Forwarded-For`` with NUM_PROXIES)."""
    if request is None:
        return ""
    return BaseThrottle().get_ident(request) or ""


def _account_key(username: str) -> str:
    return f"signin-failures:account:{username.strip().lower()}"


def _address_key(address: str) -> str:
    return f"signin-failures:address:{address}"


def _window() -> int:
    return settings.SIGNIN_LOCKOUT_MINUTES * 60


def signin_lockout(*, username: str, address: str) -> SigninLockout | None:
    """The lockout that refuses this sign-in, or None when it may go ahead."""
    keys = [f"{_account_key(username)}:locked"] + ([f"{_address_key(address)}:locked"] if address else [])
    try:
        locks = caches["default"].get_many(keys)
    except Exception:
        logger.warning("Sign-in lockout skipped: the cache cannot be read", exc_info=True)
        return None
    minutes = settings.SIGNIN_LOCKOUT_MINUTES
    now = timezone.now().timestamp()
    if locks.get(f"{_account_key(username)}:locked", 0) > now:
        return SigninLockout("for this account", minutes)
    if address and locks.get(f"{_address_key(address)}:locked", 0) > now:
        return SigninLockout("from your network address", minutes)
    return None


def _count_failure(key: str, limit: int) -> None:
    cache = caches["default"]
    # add() starts the window at the first failure; incr() is atomic on Redis and in local memory.
    cache.add(key, 0, timeout=_window())
    try:
        failures = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, timeout=_window())
        failures = 1
    if failures >= limit:
        # The lock holds its own end: the cache's expiry only tidies up (and follows the server's clock).
        cache.set(f"{key}:locked", timezone.now().timestamp() + _window(), timeout=_window())


def record_failed_signin(*, username: str, address: str) -> None:
    try:
        if username:
            _count_failure(_account_key(username), settings.SIGNIN_LOCKOUT_FAILURES)
        if address:
            _count_failure(_address_key(address), settings.SIGNIN_LOCKOUT_ADDRESS_FAILURES)
    except Exception:
        logger.warning("A failed sign-in was not counted: the cache cannot be written", exc_info=True)


def clear_failed_signins(*, username: str) -> None:
    """A right password ends the account's count (the address's stays: one good account must not reset it)."""
    try:
        caches["default"].delete(_account_key(username))
    except Exception:
        logger.warning("Failed sign-ins were not cleared: the cache cannot be written", exc_info=True)
