"""ISU accounts: password, then a TOTP code, before any page or session API call."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client

from accounts import totp
from accounts.models import RecoveryCode, Role, TOTPDevice
from states.models import State
from tests.factories import UserFactory

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


def enrolment_link(client: Client, user) -> str:
    """Ask for the e-mailed link from the page and read it from the outbox, as the user would."""
    mail.outbox.clear()
    response = client.post("/accounts/two-factor/", {"send_link": "1"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [user.email]
    return re.search(r"http://\S+(/accounts/two-factor/enrol/\S+/)", message.body).group(1)


@pytest.mark.django_db
class TestEnrolment:
    def test_isu_pages_wait_for_the_second_factor(self, client, isu, clock):
        password_login(client, isu)
        response = client.get("/states/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/two-factor/?next=%2Fstates%2F"

    def test_a_password_alone_never_sees_a_secret(self, client, isu, clock):
        # Issue 19, finding 1: whoever guessed the password must not enrol their own authenticator.
        password_login(client, isu)
        body = client.get("/accounts/two-factor/").content.decode()
        assert "otpauth" not in body and "totp-secret" not in body
        assert "E-mail me an enrolment link" in body
        assert not TOTPDevice.objects.filter(user=isu).exists()

    def test_the_emailed_link_shows_secret_uri_and_qr(self, client, isu, clock):
        password_login(client, isu)
        body = client.get(enrolment_link(client, isu)).content.decode()
        device = TOTPDevice.objects.get(user=isu)
        assert not device.is_confirmed
        assert device.secret in body
        assert "otpauth://totp/CCM%20Portal%3Aisabel?secret=" + device.secret in body
        assert 'src="data:image/svg+xml;base64,' in body
        assert device.secret not in mail.outbox[0].body  # the e-mail alone is not enough either

    def test_good_code_confirms_shows_recovery_codes_once_and_opens_the_site(self, client, isu, clock):
        password_login(client, isu)
        link = enrolment_link(client, isu)
        client.get(link)
        response = client.post(link, {"code": code_for(isu)})
        assert response.status_code == 200
        codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.content.decode())
        assert len(codes) == 10
        assert TOTPDevice.objects.get(user=isu).is_confirmed
        assert client.get("/states/").status_code == 200
        stored = list(RecoveryCode.objects.filter(user=isu).values_list("code_hash", flat=True))
        assert len(stored) == 10 and not any(c.replace("-", "") in h for c in codes for h in stored)
        assert client.get(link).status_code == 400  # confirmed: the link is spent

    def test_wrong_code_is_refused_and_nothing_opens(self, client, isu, clock):
        password_login(client, isu)
        link = enrolment_link(client, isu)
        client.get(link)
        good = code_for(isu)
        wrong = f"{(int(good) + 1) % 1_000_000:06d}"
        response = client.post(link, {"code": wrong})
        assert response.status_code == 200
        assert "wrong or was already used" in response.content.decode()
        assert not TOTPDevice.objects.get(user=isu).is_confirmed
        assert client.get("/states/").status_code == 302

    def test_the_link_is_for_its_own_account_only(self, client, isu, clock):
        password_login(client, isu)
        link = enrolment_link(client, isu)
        colleague = UserFactory(username="ines", role=Role.ISU, email="ines@example.org")
        other = Client()
        password_login(other, colleague)
        assert other.get(link).status_code == 400
        assert not TOTPDevice.objects.filter(user=colleague).exists()

    def test_only_the_latest_link_works_and_it_expires(self, client, isu, clock, settings):
        password_login(client, isu)
        first = enrolment_link(client, isu)
        second = enrolment_link(client, isu)
        assert client.get(first).status_code == 400
        assert client.get(second).status_code == 200
        clock.shift(settings.TWO_FACTOR_ENROLMENT_MAX_AGE + 1)
        password_login(client, isu)
        assert client.get(second).status_code == 400

    def test_enrolment_mails_are_limited(self, client, isu, clock):
        password_login(client, isu)
        for _ in range(3):
            enrolment_link(client, isu)
        mail.outbox.clear()
        client.post("/accounts/two-factor/", {"send_link": "1"})
        assert mail.outbox == []

    def test_a_bad_token_is_a_clear_400(self, client, isu, clock):
        password_login(client, isu)
        response = client.get("/accounts/two-factor/enrol/not-a-token/")
        assert response.status_code == 400 and "not valid" in response.content.decode()


@pytest.mark.django_db
class TestLaterLogins:
    @pytest.fixture
    def enrolled(self, isu):
        TOTPDevice.objects.create(user=isu, secret=totp.new_secret(), confirmed_at=NOW)
        return isu

    def test_next_must_stay_on_this_site(self, client, enrolled, clock):
        password_login(client, enrolled)
        response = client.post("/accounts/two-factor/", {"code": code_for(enrolled), "next": "https://evil.example/"})
        assert response["Location"] == "/"

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
