"""Read traffic on a PostgreSQL streaming replica, when one is configured (docs/scaling.md).

Settings, only when DATABASE_REPLICA_URL is set::

    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["ccm_portal.routers.ReplicaRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                      "ccm_portal.routers.ReplicaReadsMiddleware")

Only GET and HEAD requests to the API (`/api/v1/`) read from the replica, and only what they read
outside a transaction on the primary: everything else (pages, writes, the reminder job, sessions,
authentication and throttling, which also write) stays on the primary. A donor's system that
writes then reads at once may see the replica a moment behind (streaming replication lag, usually
well under a second); the API contract promises nothing stronger.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
API_PREFIX = "/api/v1/"
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


def use_replica_for(method: str, path: str) -> bool:
    return method in ("GET", "HEAD") and path.startswith(API_PREFIX) and REPLICA in settings.DATABASES


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replica_reads.set(use_replica_for(request.method, request.path))
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)


# Tables read during authentication and throttling, which write to them in the same request.
PRIMARY_ONLY_APPS = {"sessions", "authtoken", "auth", "accounts", "admin", "contenttypes"}


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        # GET requests of the API write nothing of their own (ATOMIC_REQUESTS' transaction on the
        # primary stays empty), so their reads need not see the primary.
        if not _replica_reads.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return None
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
