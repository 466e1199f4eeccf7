"""Issue 17, point 4: recovery codes, password reset by e-mail (throttled), ISU idle timeout;
issue 19, finding 8: an ISU colleague resets a lost second factor."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client

from accounts import recovery, totp
from accounts.models import RecoveryCode, Role, TOTPDevice
from tests.factories import UserFactory

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def enrolled(isu, settings):
    settings.ISU_REQUIRE_2FA = True
    TOTPDevice.objects.create(user=isu, secret=totp.new_secret(), confirmed_at=NOW)
    return isu


def password_login(client, user):
    assert client.post("/accounts/login/", {"username": user.username, "password": "password"}).status_code == 302


@pytest.mark.django_db
class TestRecoveryCodes:
    def test_stored_hashed_and_each_good_once(self, enrolled, clock):
        codes = recovery.new_codes(enrolled)
        assert len(set(codes)) == 10
        stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
        assert not any(c.replace("-", "") in h for c in codes for h in stored)
        assert recovery.use(enrolled, codes[0]) and not recovery.use(enrolled, codes[0])
        assert recovery.use(enrolled, codes[1].upper().replace("-", " "))  # as typed from paper
        assert recovery.remaining(enrolled) == 8

    def test_a_code_passes_the_second_factor_once(self, client, enrolled, clock):
        codes = recovery.new_codes(enrolled)
        password_login(client, enrolled)
        response = client.post("/accounts/two-factor/", {"code": codes[0], "next": "/states/"})
        assert response.status_code == 302 and response["Location"] == "/states/"
        assert client.get("/states/").status_code == 200
        other = Client()
        password_login(other, enrolled)
        assert other.post("/accounts/two-factor/", {"code": codes[0]}).status_code == 200  # used
        assert other.get("/states/").status_code == 302

    def test_another_users_code_does_not_work(self, client, enrolled, clock):
        colleague = UserFactory(username="ines", role=Role.ISU)
        codes = recovery.new_codes(colleague)
        password_login(client, enrolled)
        assert client.post("/accounts/two-factor/", {"code": codes[0]}).status_code == 200

    def test_new_codes_replace_the_old_and_are_shown_once(self, client, enrolled, clock):
        old = recovery.new_codes(enrolled)
        client.force_login(enrolled)
        session = client.session
        session["two_factor_user"] = enrolled.pk
        session.save()
        page = client.get("/accounts/recovery-codes/").content.decode()
        assert "10 unused recovery codes" in page
        shown = re.findall(r"<code>([a-z0-9-]{11})</code>", client.post("/accounts/recovery-codes/").content.decode())
        assert len(shown) == 10 and not recovery.use(enrolled, old[0]) and recovery.use(enrolled, shown[0])
        assert "<code>" not in client.get("/accounts/recovery-codes/").content.decode()


@pytest.mark.django_db
class TestColleagueReset:
    @pytest.fixture
    def colleague(self):
        user = UserFactory(username="ines", role=Role.ISU, email="ines@example.org")
        TOTPDevice.objects.create(user=user, secret=totp.new_secret(), confirmed_at=NOW)
        recovery.new_codes(user)
        return user

    def test_isu_resets_a_colleague_who_gets_a_link(self, client, isu, colleague):
        client.force_login(isu)
        assert "ines" in client.get("/accounts/second-factors/").content.decode()
        mail.outbox.clear()
        response = client.post(f"/accounts/second-factors/{colleague.pk}/reset/")
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=colleague, confirmed_at__isnull=False).exists()
        assert recovery.remaining(colleague) == 0
        (message,) = mail.outbox
        assert message.to == ["ines@example.org"] and "/accounts/two-factor/enrol/" in message.body

    def test_not_oneself_and_not_other_roles(self, client, isu, colleague, donor_user, focal_point):
        client.force_login(isu)
        assert client.post(f"/accounts/second-factors/{isu.pk}/reset/").status_code == 403
        for user in (donor_user, focal_point):
            other = Client()
            other.force_login(user)
            assert other.get("/accounts/second-factors/").status_code == 403
            assert other.post(f"/accounts/second-factors/{colleague.pk}/reset/").status_code == 403
        assert Client().post(f"/accounts/second-factors/{colleague.pk}/reset/").status_code == 302  # to login
        assert TOTPDevice.objects.get(user=colleague).is_confirmed

    def test_only_isu_accounts_can_be_reset(self, client, isu, donor_user):
        client.force_login(isu)
        assert client.post(f"/accounts/second-factors/{donor_user.pk}/reset/").status_code == 404

    def test_the_operators_command_prints_a_link(self, isu, capsys):
        call_command("twofactor_link", "isabel")
        assert "/accounts/two-factor/enrol/" in capsys.readouterr().out
        assert not TOTPDevice.objects.get(user=isu).is_confirmed


@pytest.mark.django_db
class TestPasswordReset:
    def test_the_flow_works(self, client, donor_user):
        response = client.post("/accounts/password_reset/", {"email": "diego@example.org"})
        assert response.status_code == 302
        (message,) = mail.outbox
        link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
        form = client.get(link, follow=True)
        assert form.status_code == 200 and "Choose a new password" in form.content.decode()
        done = client.post(
            form.redirect_chain[-1][0],
            {"new_password1": "a-long-new-passphrase", "new_password2": "a-long-new-passphrase"},
        )
        assert done.status_code == 302
        assert client.login(username="diego", password="a-long-new-passphrase")
        assert client.get(link, follow=True).context["validlink"] is False  # used once

    def test_unknown_address_looks_the_same(self, client, db):
        response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
        assert response.status_code == 302 and mail.outbox == []

    def test_throttled_per_email(self, client, donor_user):
        for n in range(3):
            Client().post("/accounts/password_reset/", {"email": "diego@example.org"}, REMOTE_ADDR=f"10.0.1.{n}")
        response = Client().post("/accounts/password_reset/", {"email": "DIEGO@example.org"}, REMOTE_ADDR="10.0.2.1")
        assert response.status_code == 200 and "Too many reset requests" in response.content.decode()
        assert len(mail.outbox) == 3

    def test_throttled_per_address(self, client, donor_user):
        for n in range(5):
            client.post("/accounts/password_reset/", {"email": f"someone{n}@example.org"})
        response = client.post("/accounts/password_reset/", {"email": "diego@example.org"})
        assert "Too many reset requests" in response.content.decode() and mail.outbox == []

    def test_login_page_links_to_it(self, client, db):
        assert 'href="/accounts/password_reset/"' in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
class TestIdleTimeout:
    def test_isu_session_ends_after_inactivity(self, client, isu, clock, settings):
        password_login(client, isu)
        assert client.get("/reports/reminders/").status_code == 200
        clock.shift(timedelta(seconds=settings.ISU_SESSION_IDLE_SECONDS - 10))
        assert client.get("/reports/reminders/").status_code == 200  # activity keeps it alive
        clock.shift(timedelta(seconds=settings.ISU_SESSION_IDLE_SECONDS - 10))
        assert client.get("/reports/reminders/").status_code == 200
        clock.shift(timedelta(seconds=settings.ISU_SESSION_IDLE_SECONDS + 1))
        response = client.get("/reports/reminders/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert "_auth_user_id" not in client.session

    def test_other_roles_keep_their_session(self, client, donor_user, clock, settings):
        password_login(client, donor_user)
        client.get("/assistance/pledges/")
        clock.shift(timedelta(seconds=settings.ISU_SESSION_IDLE_SECONDS * 4))
        assert client.get("/assistance/pledges/").status_code == 200
