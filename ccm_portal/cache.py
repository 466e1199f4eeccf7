"""A Redis cache that fails soft: when Redis is down the site keeps working, uncached.

Django's RedisCache raises on any connection error, which would turn a cache outage into a
500 on every page that caches (stats, throttling, login counters). Here a read answers "miss",
a write is dropped, and the error is logged once per outage; nothing stored in the cache is a
record of truth (reminders, pledges and reports live in PostgreSQL).
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class FailSoftRedisCache(RedisCache):
    """Reads answer "miss" (their default), writes are dropped, counters count nothing; get_or_set
    (BaseCache: get then add) thus computes the value every time while Redis is down."""

    # After a failure, wait this long before trying Redis again (each try costs a connect timeout).
    retry_after = 5.0

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Short timeouts: a cache that takes seconds to fail is worse than no cache.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._down_since: float | None = None

    def _failed(self, method: str, exc: Exception) -> None:
        if self._down_since is None:
            logger.warning("cache unavailable (%s in %s); serving uncached", exc.__class__.__name__, method)
        self._down_since = time.monotonic()

    def _skip(self) -> bool:
        return self._down_since is not None and time.monotonic() - self._down_since < self.retry_after

    def _call(self, method: str, fallback, *args, **kwargs):
        if self._skip():
            return fallback
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except RedisError as exc:
            self._failed(method, exc)
            return fallback
        if self._down_since is not None:
            logger.warning("cache available again")
            self._down_since = None
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def set(self, key, value, timeout=None, version=None):
        return self._call("set", None, key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=None, version=None):
        return self._call("add", False, key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=None, version=None):
        return self._call("touch", False, key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def set_many(self, data, timeout=None, version=None):
        return self._call("set_many", [], data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        # A missing key still raises ValueError, as Django documents; an outage counts nothing.
        return self._call("incr", 0, key, delta=delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", 0, key, delta=delta, version=version)

    def clear(self):
        return self._call("clear", None)
