"""The read-replica router (ccm_portal/routers.py): API reads go to the replica, nothing else does."""

import pytest

from accounts.models import User
from assistance.models import Need
from ccm_portal import routers


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}


def route(method: str, path: str, model) -> str | None:
    seen = {}

    def view(request):
        seen["db"] = routers.ReplicaRouter().db_for_read(model)

    request = type("Request", (), {"method": method, "path": path})()
    routers.ReplicaReadsMiddleware(view)(request)
    return seen["db"]


def test_api_reads_go_to_the_replica(with_replica):
    assert route("GET", "/api/v1/needs/", Need) == "replica"
    assert route("HEAD", "/api/v1/stats/", Need) == "replica"


def test_writes_pages_and_authentication_stay_on_the_primary(with_replica):
    assert route("POST", "/api/v1/needs/", Need) is None
    assert route("GET", "/assistance/", Need) is None
    assert route("GET", "/api/v1/needs/", User) is None  # tokens, sessions, throttles write
    assert routers.ReplicaRouter().db_for_write(Need) == "default"
    assert routers.ReplicaRouter().db_for_read(Need) is None  # outside a request


def test_without_a_replica_nothing_changes():
    assert route("GET", "/api/v1/needs/", Need) is None
