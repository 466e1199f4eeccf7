"""Issue 19, finding 4: a report draft is for the ISU and its state's focal points only."""

from datetime import date

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client

from tests.reports.factories import ReportFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def draft(lao):
    report = ReportFactory(
        state=lao, year=2016, is_draft=True, contact_email="secret@lao.example", contact_phone="+856 21 555 0100"
    )
    report.document.save("r.pdf", ContentFile(PDF), save=True)
    return report


def _session(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
class TestAPI:
    def test_anonymous_donor_and_other_focal_points_do_not_see_it(
        self, draft, anon_client, donor_client, other_focal_client, outsider_client
    ):
        for client in (anon_client, donor_client, other_focal_client, outsider_client):
            assert client.get("/api/v1/reports/").json()["count"] == 0
            assert client.get(f"/api/v1/reports/{draft.pk}/").status_code == 404
            assert client.get("/api/v1/reports/?is_draft=true").json()["count"] == 0

    def test_the_isu_and_the_states_focal_point_do(self, draft, isu_client, focal_client):
        for client in (isu_client, focal_client):
            assert client.get("/api/v1/reports/?is_draft=true").json()["count"] == 1
            body = client.get(f"/api/v1/reports/{draft.pk}/").json()
            assert body["contact_email"] == "secret@lao.example"

    def test_finished_reports_stay_public(self, draft, anon_client):
        draft.is_draft = False
        draft.save()
        assert anon_client.get(f"/api/v1/reports/{draft.pk}/").status_code == 200


@pytest.mark.django_db
class TestPages:
    def test_list_detail_and_document_refuse_outsiders(self, draft, donor_user, other_focal_point):
        for user in (None, donor_user, other_focal_point):
            client = _session(user)
            assert "secret@lao.example" not in client.get("/reports/").content.decode()
            assert client.get(f"/reports/{draft.pk}/").status_code == 404
            assert client.get(f"/reports/{draft.pk}/document/").status_code in (302, 404)

    def test_own_focal_point_and_isu_read_it(self, draft, focal_point, isu):
        for user in (focal_point, isu):
            client = _session(user)
            assert client.get(f"/reports/{draft.pk}/").status_code == 200
            assert client.get(f"/reports/{draft.pk}/document/").status_code == 200


@pytest.mark.django_db
def test_a_draft_counts_in_no_statistic_status_or_feed(draft, anon_client, lao):
    with time_machine.travel(date(2017, 6, 1), tick=False):
        stats = anon_client.get("/api/v1/stats/?year=2016").json()
        assert "LAO" in stats["article7"]["outstanding"]
        status = anon_client.get("/api/v1/reporting-status/?state=LAO&kind=annual&year=2016").json()
        assert status["results"][0]["received_on"] is None
        feed = anon_client.get("/calendar/deadlines.ics?state=LAO&article=7").content.decode()
        assert "Article 7 report for 2016 due" in feed
        draft.is_draft = False
        draft.save()
        assert "LAO" not in anon_client.get("/api/v1/stats/?year=2016").json()["article7"]["outstanding"]
