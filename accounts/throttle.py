"""Throttles on guessing (logins, second-factor codes) and on e-mails sent on request (password
reset, enrolment links): at most `limit` events under a key within `window` seconds.

Events are rows in the database (ThrottleEvent), so the count goes on when Redis is down. Keys:
- a username from one address (LOGIN_FAILURE_LIMIT, 5): the usual typo-and-retry case;
- a username from anywhere (LOGIN_ACCOUNT_FAILURE_LIMIT): guesses spread over many addresses;
- an address for any username (LOGIN_ADDRESS_FAILURE_LIMIT): one address trying many accounts.
Failures are counted wherever a password is checked (accounts/backends.py), not in one form.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import ThrottleEvent


def key_for(kind: str, *parts: str) -> str:
    # Hashed: usernames and addresses are user input; keys must be short and safe.
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{kind}:{digest}"


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind the compose proxy (which overwrites the
    header with the address it saw) the last X-Forwarded-For entry."""
    if request is None:
        return ""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def count(key: str, window: int | None = None) -> int:
    since = timezone.now() - timedelta(seconds=window or settings.LOGIN_FAILURE_WINDOW)
    return ThrottleEvent.objects.filter(key=key, at__gte=since).count()


def is_locked(key: str, limit: int | None = None, window: int | None = None) -> bool:
    return count(key, window) >= (limit or settings.LOGIN_FAILURE_LIMIT)


def record(key: str, window: int | None = None) -> None:
    now = timezone.now()
    # Forget this key's events older than the window: the table stays as small as the attacks.
    ThrottleEvent.objects.filter(
        key=key, at__lt=now - timedelta(seconds=window or settings.LOGIN_FAILURE_WINDOW)
    ).delete()
    ThrottleEvent.objects.create(key=key, at=now)


record_failure = record


def clear(key: str) -> None:
    ThrottleEvent.objects.filter(key=key).delete()


# --- logins ---------------------------------------------------------------------------------


def _username(username) -> str:
    return (username or "").strip().lower()


def login_keys(username, request) -> list[tuple[str, int]]:
    """(key, limit) of each login throttle for this username and request."""
    name, address = _username(username), client_address(request)
    return [
        (key_for("login", name, address), settings.LOGIN_FAILURE_LIMIT),
        (key_for("login-account", name), settings.LOGIN_ACCOUNT_FAILURE_LIMIT),
        (key_for("login-address", address), settings.LOGIN_ADDRESS_FAILURE_LIMIT),
    ]


def login_key(username, request) -> str:
    return login_keys(username, request)[0][0]


def login_locked(username, request) -> bool:
    return any(is_locked(key, limit) for key, limit in login_keys(username, request))


def record_login_failure(username, request) -> None:
    for key, _limit in login_keys(username, request):
        record(key)


def clear_login(username, request) -> None:
    # Only the username-and-address key: a success from here says nothing of guesses elsewhere.
    clear(login_key(username, request))
