"""PostgreSQL drops the app's connection (restart, failover, pg_terminate_backend): the next
request reconnects by itself (CONN_HEALTH_CHECKS with persistent connections)."""

import psycopg2
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.client import RequestFactory


def wsgi_get(path: str) -> int:
    """A request through the real WSGI handler. Django's test client leaves out the
    request_started/finished connection housekeeping that this fault is about."""
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(response)
    response.close()  # request_finished, as a WSGI server does
    return int(statuses[0].split()[0])


def terminate_other_backends() -> int:
    """From a connection of our own, end every other session on the test database."""
    db = connection.settings_dict
    killer = psycopg2.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432)
    killer.autocommit = True
    with killer.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        (count,) = cursor.fetchone()
    killer.close()
    return count


@pytest.mark.django_db(transaction=True)
def test_next_request_reconnects_after_the_connection_is_killed(lao, monkeypatch):
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)  # keep the connection between requests
    connection.close()
    assert wsgi_get("/states/LAO/") == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (before,) = cursor.fetchone()

    assert terminate_other_backends() >= 1

    assert wsgi_get("/states/LAO/") == 200
    assert wsgi_get("/api/v1/states/LAO/") == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (after,) = cursor.fetchone()
    assert after != before


@pytest.mark.django_db(transaction=True)
def test_without_health_checks_the_same_fault_would_be_an_error(lao, monkeypatch):
    """The control: the killed connection really is unusable until replaced."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    terminate_other_backends()
    with pytest.raises(Exception) as caught, connection.cursor() as cursor:  # noqa: PT011
        cursor.execute("SELECT 1")
    assert "terminat" in str(caught.value).lower() or "closed" in str(caught.value).lower()
    connection.close()
