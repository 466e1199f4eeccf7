"""Redis down: pages, API and login keep working uncached; reminders are decided from the database,
so a run missed while the broker was down is caught up by the next one (nothing lost)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client

from ccm_portal.cache import FailSoftRedisCache
from reports.models import Reminder
from reports.reminders_mail import run_reminders
from tests.reports.factories import ReportFactory

PAGES = ["/", "/states/", "/states/LAO/", "/obligations/", "/assistance/", "/reports/", "/reports/dashboard/"]
API = ["/api/v1/states/", "/api/v1/obligations/", "/api/v1/needs/", "/api/v1/reports/"]


@pytest.fixture
def app_on_private_redis(settings, private_redis, monkeypatch):
    settings.REDIS_URL = private_redis.url
    settings.CACHES = {"default": {"BACKEND": "ccm_portal.cache.FailSoftRedisCache", "LOCATION": private_redis.url}}
    monkeypatch.setattr(FailSoftRedisCache, "retry_after", 0.0)  # try Redis again at once in these tests
    cache.clear()
    return private_redis


def everything_answers(client, anon_client) -> None:
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    for url in API:
        assert anon_client.get(url).status_code == 200, url


@pytest.mark.slow
@pytest.mark.django_db
def test_pages_api_and_login_survive_redis_going_away_and_coming_back(
    client, anon_client, app_on_private_redis, lao, donor_user
):
    everything_answers(client, anon_client)
    cache.set("probe", 1)
    assert cache.get("probe") == 1  # really on Redis

    app_on_private_redis.kill()
    everything_answers(client, anon_client)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["redis"].startswith("down")
    assert cache.get("probe") is None and cache.set("x", 1) is None  # misses, dropped writes, no error
    # Login throttling counts in PostgreSQL: logins work, and failures still lock (issue 17, point 4).
    response = client.post("/accounts/login/", {"username": "diego", "password": "password"})
    assert response.status_code == 302
    guesser = Client()
    for _ in range(5):
        guesser.post("/accounts/login/", {"username": "eve", "password": "wrong"})
    locked = guesser.post("/accounts/login/", {"username": "eve", "password": "wrong"})
    assert "Too many failed attempts" in locked.content.decode()

    app_on_private_redis.start()
    cache.set("probe", 2)
    assert cache.get("probe") == 2
    assert client.get("/healthz").json()["redis"] == "ok"
    everything_answers(client, anon_client)


@pytest.mark.django_db
def test_a_cache_that_is_not_there_at_all(settings, client, anon_client, lao, monkeypatch):
    # Nothing listens on this port: every call fails at connect time, quickly.
    settings.CACHES = {
        "default": {"BACKEND": "ccm_portal.cache.FailSoftRedisCache", "LOCATION": "redis://127.0.0.1:6392/0"}
    }
    everything_answers(client, anon_client)


SIXTY = date(2017, 3, 1)  # the 60-day reminder of Lao's 2016 Article 7 report is due


@pytest.mark.django_db
def test_reminders_missed_while_redis_was_down_go_out_at_the_next_run(lao, focal_point):
    ReportFactory(state=lao, kind="initial", year=None, received_on=date(2011, 1, 10))
    for year in range(2010, 2016):
        ReportFactory(state=lao, year=year, received_on=date(year + 1, 3, 1))
    # 1 and 2 March: the broker was down, beat's ticks never reached a worker (no run at all).
    later = SIXTY + timedelta(days=2)
    with time_machine.travel(later, tick=False):
        result = run_reminders(later)
    assert result.sent == 1
    row = Reminder.objects.get()
    assert (row.stage, row.status, row.recipient) == ("60d", "sent", focal_point.email)
    assert len(mail.outbox) == 1
    with time_machine.travel(later + timedelta(days=1), tick=False):
        assert run_reminders(later + timedelta(days=1)).sent == 0  # and only once
