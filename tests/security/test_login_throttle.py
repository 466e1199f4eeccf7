"""Login throttling: after 5 failures for a username from one address, a clear refusal for 15 minutes."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def attempt(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def private_cache(settings):
    # Django's locmem cache follows time-machine's clock (the shared test Redis does not, and is flushed by others).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "login"}}
    cache.clear()  # locmem caches of one LOCATION are shared by all tests of the process


@pytest.mark.django_db
class TestLoginThrottle:
    def test_five_failures_then_even_the_right_password_is_refused(self, client, donor_user, private_cache):
        for _ in range(5):
            response = attempt(client, "diego", "wrong")
            assert response.status_code == 200
            assert "Please enter a correct username and password" in response.content.decode()
        response = attempt(client, "diego", "password")
        assert response.status_code == 200
        assert "Too many failed attempts. For your security, try again in 15 minutes." in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_four_failures_do_not_lock_and_success_resets(self, client, donor_user, private_cache):
        for _ in range(4):
            attempt(client, "diego", "wrong")
        assert attempt(client, "diego", "password").status_code == 302
        client.post("/accounts/logout/")
        for _ in range(4):
            attempt(client, "diego", "wrong")
        assert attempt(client, "diego", "password").status_code == 302

    def test_other_address_and_other_username_are_not_locked(self, client, donor_user, focal_point, private_cache):
        for _ in range(5):
            attempt(client, "diego", "wrong")
        assert attempt(Client(), "diego", "password", address="10.0.0.2").status_code == 302
        assert attempt(Client(), "farida", "password").status_code == 302

    def test_username_case_does_not_get_around_it(self, client, donor_user, private_cache):
        for name in ["diego", "DIEGO", "Diego", "dieGO", "diegO"]:
            attempt(client, name, "wrong")
        assert "Too many failed attempts" in attempt(client, "diego", "password").content.decode()

    def test_lock_ends_after_the_window(self, client, donor_user, private_cache):
        with time_machine.travel(NOW, tick=False) as clock:
            for _ in range(5):
                attempt(client, "diego", "wrong")
            clock.shift(timedelta(minutes=14))
            assert "Too many failed attempts" in attempt(client, "diego", "password").content.decode()
            clock.shift(timedelta(minutes=2))
            assert attempt(client, "diego", "password").status_code == 302
