"""DRF throttling is on (generous rates from API_THROTTLE_ANON/USER; raised out of reach in tests)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def test_throttles_are_configured():
    api = settings.REST_FRAMEWORK
    assert api["DEFAULT_THROTTLE_CLASSES"] == [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ]
    assert api["DEFAULT_THROTTLE_RATES"] == {"anon": "100000/minute", "user": "100000/minute"}


@pytest.fixture
def low_rates(monkeypatch, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "api"}}
    cache.clear()  # locmem caches of one LOCATION are shared by all tests of the process
    rates = {"anon": "3/minute", "user": "5/minute"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)


@pytest.mark.django_db
def test_anonymous_clients_get_429_past_the_rate(anon_client, low_rates):
    assert [anon_client.get("/api/v1/states/").status_code for _ in range(4)] == [200, 200, 200, 429]
    response = anon_client.get("/api/v1/states/")
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_users_are_counted_each_on_their_own(donor_client, focal_client, low_rates):
    assert [donor_client.get("/api/v1/states/").status_code for _ in range(6)] == [200] * 5 + [429]
    assert focal_client.get("/api/v1/states/").status_code == 200
