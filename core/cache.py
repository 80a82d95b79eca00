"""Django's Redis cache, made to survive a Redis outage: a miss instead of a 500, and no request waits on it.

Cascade keeps only copies in its cache (cached reads, counts, sessions that are also in the database,
sign-in failure tallies), so when Redis cannot be reached every read is a miss and every write is
dropped, with a warning in the log. After one failure the process leaves Redis alone for
``RESTING_SECONDS``, so a request pays at most one connect timeout (``socket_connect_timeout`` in
settings) instead of one per cache call. Celery's broker is the outbox's concern (core/outbox.py).
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.pause import ServicePause

logger = logging.getLogger(__name__)

RESTING_SECONDS = 30
OUTAGE = (RedisConnectionError, RedisTimeoutError)

redis_pause = ServicePause(RESTING_SECONDS)


def _missing_key(*args):
    raise ValueError("Redis is unreachable: the key counts as missing.")


# What each client call answers while Redis is unreachable: what it answers for a key that is not there.
FALLBACKS = {
    "add": lambda *args: False,
    "get": lambda key, default: default,
    "set": lambda *args: None,
    "touch": lambda *args: False,
    "delete": lambda *args: False,
    "get_many": lambda *args: {},
    "has_key": lambda *args: False,
    "incr": _missing_key,
    "set_many": lambda *args: None,
    "delete_many": lambda *args: None,
    "clear": lambda *args: False,
}


def redis_is_resting() -> bool:
    return redis_pause.is_on()


def _rest(error: Exception) -> None:
    redis_pause.start()
    logger.warning("Redis is unreachable (%s); the cache misses for %s s.", error, RESTING_SECONDS)


def _forgiving(name: str):
    call = getattr(RedisCacheClient, name)
    fallback = FALLBACKS[name]

    def forgiving_call(self, *args):
        if redis_is_resting():
            return fallback(*args)
        try:
            return call(self, *args)
        except OUTAGE as error:
            _rest(error)
            return fallback(*args)

    forgiving_call.__name__ = name
    return forgiving_call


class ForgivingRedisCacheClient(RedisCacheClient):
    """Django's client, each call of which falls back as ``FALLBACKS`` says while Redis is unreachable."""


for name in FALLBACKS:
    setattr(ForgivingRedisCacheClient, name, _forgiving(name))


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ForgivingRedisCacheClient
