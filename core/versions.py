"""Version counters for caches: cached values carry the current version in their key, and a write
that makes them stale bumps it, so old entries are never read again (they expire on their own).

One counter per family of cached values (the needs API's documents, the statistics). Works on
any Django cache; with the fail-soft Redis cache (ccm_portal/cache.py) an outage reads version 1
and bumps nothing, and nothing is cached meanwhile either.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction


class VersionCounter:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, 1, None)
            value = cache.get(self.key) or 1
        return value

    def bump(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # no version yet: nothing is cached under one either
            cache.add(self.key, 1, None)

    def bump_now_and_on_commit(self) -> None:
        """Bump now, and again once the transaction commits: a read between the two may have cached
        the old rows under the first bump; nobody reads them again."""
        self.bump()
        transaction.on_commit(self.bump)
