"""ISU accounts: password, then a TOTP code, before any page or session API call."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from accounts import totp
from accounts.models import TOTPDevice
from states.models import State

NOW = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.ISU_REQUIRE_2FA = True


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def code_for(user, at=NOW) -> str:
    return totp.totp(totp.decode_secret(user.totp_device.secret), at.timestamp())


def password_login(client: Client, user) -> None:
    response = client.post("/accounts/login/", {"username": user.username, "password": "password"})
    assert response.status_code == 302


@pytest.mark.django_db
class TestEnrolment:
    def test_isu_pages_wait_for_the_second_factor(self, client, isu, clock):
        password_login(client, isu)
        response = client.get("/states/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/two-factor/?next=%2Fstates%2F"

    def test_first_visit_shows_secret_uri_and_qr(self, client, isu, clock):
        password_login(client, isu)
        response = client.get("/accounts/two-factor/")
        device = TOTPDevice.objects.get(user=isu)
        assert not device.is_confirmed
        body = response.content.decode()
        assert device.secret in body
        assert "otpauth://totp/CCM%20Portal%3Aisabel?secret=" + device.secret in body
        assert 'src="data:image/svg+xml;base64,' in body

    def test_good_code_confirms_and_opens_the_site(self, client, isu, clock):
        password_login(client, isu)
        client.get("/accounts/two-factor/")
        response = client.post("/accounts/two-factor/", {"code": code_for(isu), "next": "/states/"})
        assert response.status_code == 302 and response["Location"] == "/states/"
        assert TOTPDevice.objects.get(user=isu).is_confirmed
        assert client.get("/states/").status_code == 200

    def test_wrong_code_is_refused_and_nothing_opens(self, client, isu, clock):
        password_login(client, isu)
        client.get("/accounts/two-factor/")
        good = code_for(isu)
        wrong = f"{(int(good) + 1) % 1_000_000:06d}"
        response = client.post("/accounts/two-factor/", {"code": wrong})
        assert response.status_code == 200
        assert "wrong or was already used" in response.content.decode()
        assert not TOTPDevice.objects.get(user=isu).is_confirmed
        assert client.get("/states/").status_code == 302

    def test_next_must_stay_on_this_site(self, client, isu, clock):
        password_login(client, isu)
        client.get("/accounts/two-factor/")
        response = client.post("/accounts/two-factor/", {"code": code_for(isu), "next": "https://evil.example/"})
        assert response["Location"] == "/"


@pytest.mark.django_db
class TestLaterLogins:
    @pytest.fixture
    def enrolled(self, isu):
        TOTPDevice.objects.create(user=isu, secret=totp.new_secret(), confirmed_at=NOW)
        return isu

    def test_no_secret_shown_once_confirmed(self, client, enrolled, clock):
        password_login(client, enrolled)
        body = client.get("/accounts/two-factor/").content.decode()
        assert enrolled.totp_device.secret not in body and "otpauth" not in body

    def test_a_code_works_once(self, client, enrolled, clock):
        code = code_for(enrolled)
        password_login(client, enrolled)
        assert client.post("/accounts/two-factor/", {"code": code}).status_code == 302
        other = Client()
        password_login(other, enrolled)
        response = other.post("/accounts/two-factor/", {"code": code})
        assert response.status_code == 200  # replay refused
        clock.shift(30)
        assert other.post("/accounts/two-factor/", {"code": code_for(enrolled, datetime.now(UTC))}).status_code == 302

    def test_each_session_needs_its_own_code(self, client, enrolled, clock):
        password_login(client, enrolled)
        client.post("/accounts/two-factor/", {"code": code_for(enrolled)})
        client.post("/accounts/logout/")
        password_login(client, enrolled)
        assert client.get("/states/").status_code == 302

    def test_session_key_changes_on_verification(self, client, enrolled, clock):
        password_login(client, enrolled)
        before = client.session.session_key
        client.post("/accounts/two-factor/", {"code": code_for(enrolled)})
        assert client.session.session_key != before

    def test_guessing_is_throttled(self, client, enrolled, clock, settings):
        password_login(client, enrolled)
        good = code_for(enrolled)
        wrong = f"{(int(good) + 500_000) % 1_000_000:06d}"
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            client.post("/accounts/two-factor/", {"code": wrong})
        response = client.post("/accounts/two-factor/", {"code": good})
        assert response.status_code == 200
        assert "Too many failed attempts" in response.content.decode()


@pytest.mark.django_db
class TestScope:
    def test_session_api_write_refused_before_the_code(self, isu, clock, lao):
        client = Client(enforce_csrf_checks=False)
        password_login(client, isu)
        response = client.patch("/api/v1/states/LAO/", {"name": "Changed"}, content_type="application/json")
        assert response.status_code == 403
        assert response.json() == {"detail": "Two-factor verification required."}
        assert State.objects.get(iso3="LAO").name == "Lao People's Democratic Republic"

    def test_token_clients_are_not_concerned(self, isu_client, lao):
        response = isu_client.patch("/api/v1/states/LAO/", {"name": "Lao PDR"})
        assert response.status_code == 200
        assert State.objects.get(iso3="LAO").name == "Lao PDR"

    def test_other_roles_are_not_concerned(self, client, donor_user, clock):
        password_login(client, donor_user)
        assert client.get("/states/").status_code == 200
        assert client.get("/accounts/two-factor/").status_code == 403

    def test_logout_and_static_stay_open(self, client, isu, clock):
        password_login(client, isu)
        assert client.get("/static/css/app.css").status_code == 200
        assert client.post("/accounts/logout/").status_code == 302

    def test_off_switch(self, client, isu, settings):
        settings.ISU_REQUIRE_2FA = False
        password_login(client, isu)
        assert client.get("/states/").status_code == 200
