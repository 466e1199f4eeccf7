"""Failure counters in the cache: after LOGIN_FAILURE_LIMIT failures within LOGIN_FAILURE_WINDOW
seconds, a key (username + address, or a user's TOTP codes) is refused until the window ends.

The cache fails soft (ccm_portal/cache.py): while Redis is down nothing is counted, so logins
stay possible; strong passwords and TOTP still stand.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def key_for(kind: str, *parts: str) -> str:
    # Hashed: usernames are user input and cache keys must be short and safe.
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"throttle:{kind}:{digest}"


def login_key(username: str, request) -> str:
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    return key_for("login", (username or "").strip().lower(), address)


def is_locked(key: str) -> bool:
    return (cache.get(key) or 0) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(key: str) -> None:
    # add() starts the window; incr() keeps its expiry (Redis INCR does not reset the TTL).
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


def clear(key: str) -> None:
    cache.delete(key)
