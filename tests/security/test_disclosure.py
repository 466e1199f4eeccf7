"""Issue 19, finding 8: what was public by default and is now decided."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from reports.models import ReminderOptOut
from reports.reminders_mail import UNSUBSCRIBE_MAX_AGE, unsubscribe_token
from tests.assistance.factories import NeedFactory, PledgeFactory

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
class TestPledgeText:
    @pytest.fixture
    def pledge(self, lao, donor):
        return PledgeFactory(need=NeedFactory(state=lao), donor=donor, notes="Subject to parliament's vote")

    def test_outsiders_see_the_pledge_without_its_notes(
        self, pledge, anon_client, other_donor_user, other_focal_client
    ):
        other_donor = Client()
        other_donor.force_login(other_donor_user)
        for client in (anon_client, other_focal_client, other_donor):
            body = client.get(f"/api/v1/pledges/{pledge.pk}/").json()
            assert body["amount"] == "10000.00" and body["notes"] == "" and body["archive_reason"] == ""

    def test_the_donor_the_recipient_and_the_isu_see_them(self, pledge, donor_client, focal_client, isu_client):
        for client in (donor_client, focal_client, isu_client):
            assert client.get(f"/api/v1/pledges/{pledge.pk}/").json()["notes"] == "Subject to parliament's vote"

    def test_archive_reasons_likewise(self, pledge, donor_client, anon_client):
        assert (
            donor_client.post(f"/api/v1/pledges/{pledge.pk}/archive/", {"reason": "Entered twice"}).status_code == 200
        )
        assert donor_client.get(f"/api/v1/pledges/{pledge.pk}/").json()["archive_reason"] == "Entered twice"
        assert anon_client.get(f"/api/v1/pledges/{pledge.pk}/").json()["archive_reason"] == ""


@pytest.mark.django_db
class TestUnsubscribeLinks:
    def test_a_link_works_until_it_expires(self, client):
        with time_machine.travel(NOW, tick=False) as clock:
            url = f"/reports/unsubscribe/{unsubscribe_token('farida@example.org', 'deadline')}/"
            clock.shift(UNSUBSCRIBE_MAX_AGE - timedelta(days=1))
            assert client.get(url).status_code == 200  # links already sent keep working for months
            clock.shift(timedelta(days=2))
            response = client.get(url)
            assert response.status_code == 400 and "This link has expired" in response.content.decode()
            assert client.post(url).status_code == 400
            assert not ReminderOptOut.objects.exists()


@pytest.mark.django_db
class TestAdmin:
    def test_admin_carries_the_portals_name_at_its_configured_path(self, client, settings):
        body = client.get(f"/{settings.ADMIN_PATH}login/").content.decode()
        assert "CCM Portal administration" in body and "Django administration" not in body

    def test_second_factor_devices_are_in_the_admin_without_their_secret(self, client, isu):
        from accounts import totp
        from accounts.models import TOTPDevice

        device = TOTPDevice.objects.create(user=isu, secret=totp.new_secret())
        isu.is_superuser = True
        isu.save()
        client.force_login(isu)
        page = client.get(f"/admin/accounts/totpdevice/{device.pk}/change/")
        assert page.status_code == 200 and device.secret not in page.content.decode()
        assert client.post(f"/admin/accounts/totpdevice/{device.pk}/delete/", {"post": "yes"}).status_code == 302
        assert not TOTPDevice.objects.exists()
