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


# --- issue 19, findings 1 and 7; issue 17, point 4 -------------------------------------------


@pytest.mark.django_db
class TestEveryPasswordCheckCounts:
    def test_admin_login_is_throttled(self, client, isu, settings):
        # The pentest: 25 wrong passwords at /admin/login/, then the right one logged in.
        admin_login = f"/{settings.ADMIN_PATH}login/"
        for _ in range(5):
            client.post(admin_login, {"username": "isabel", "password": "wrong"})
        response = client.post(admin_login, {"username": "isabel", "password": "password"})
        assert response.status_code == 200
        assert "Too many failed attempts" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_failures_at_the_admin_count_at_the_login_page_and_back(self, client, isu, settings):
        for _ in range(3):
            client.post(
                f"/{settings.ADMIN_PATH}login/", {"username": "isabel", "password": "wrong"}, REMOTE_ADDR="10.0.0.1"
            )
        for _ in range(2):
            attempt(client, "isabel", "wrong")
        assert "Too many failed attempts" in attempt(client, "isabel", "password").content.decode()

    def test_authenticate_itself_counts_and_refuses(self, isu, rf):
        # Any future API login or command checks the password through authenticate().
        from django.contrib.auth import authenticate

        request = rf.post("/api/v1/anything/", REMOTE_ADDR="10.9.9.9")
        for _ in range(5):
            assert authenticate(request, username="isabel", password="wrong") is None
        assert authenticate(request, username="isabel", password="password") is None
        assert authenticate(rf.post("/", REMOTE_ADDR="10.9.9.8"), username="isabel", password="password") == isu


@pytest.mark.django_db
class TestSpreadOutGuessing:
    def test_guesses_from_many_addresses_lock_the_account(self, client, donor_user, settings):
        settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
        for n in range(12):
            attempt(Client(), "diego", "wrong", address=f"10.1.0.{n}")  # fewer than 5 from each
        response = attempt(Client(), "diego", "password", address="10.2.0.1")
        assert "Too many failed attempts" in response.content.decode()

    def test_one_address_trying_many_accounts_is_locked(self, client, donor_user, settings):
        settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
        for n in range(10):
            attempt(client, f"user{n}", "wrong")
        assert "Too many failed attempts" in attempt(client, "diego", "password").content.decode()

    def test_behind_the_proxy_the_forwarded_address_counts(self, donor_user, settings):
        settings.TRUST_X_FORWARDED_FOR = True
        proxy = "172.18.0.5"
        for _ in range(5):
            Client().post("/accounts/login/", {"username": "diego", "password": "wrong"},
                          REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7")  # fmt: skip
        elsewhere = Client().post("/accounts/login/", {"username": "diego", "password": "password"},
                                  REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")  # fmt: skip
        assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_counting_goes_on_when_redis_is_down(client, donor_user, settings):
    # Issue 17, point 4: the counters are rows in the database, not cache entries.
    settings.CACHES = {
        "default": {"BACKEND": "ccm_portal.cache.FailSoftRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    from django.core.cache import caches

    caches._settings = None  # the settings change above
    for _ in range(5):
        attempt(client, "diego", "wrong")
    assert "Too many failed attempts" in attempt(client, "diego", "password").content.decode()
