"""Report pages: list, detail, the ISU's entry wizard, the document, the state panel, progress."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from assistance.models import ProgressRecord
from reports.models import Report
from reports.services import record_report_progress
from tests.factories import ObligationFactory
from tests.reports.factories import ReportFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


def step1(lao, **extra):
    return {
        "state": lao.pk,
        "kind": "annual",
        "year": "2016",
        "received_on": "2017-04-28",
        "template_version": "2022",
        **extra,
    }


def test_wizard_requires_isu(client, focal_point, lao):
    assert client.get("/reports/new/").status_code == 302
    client.force_login(focal_point)
    assert client.post("/reports/new/", step1(lao)).status_code == 403
    assert Report.objects.count() == 0


def test_wizard_whole_report_with_a_draft_and_a_field_error(client, isu, lao):
    client.force_login(isu)
    document = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    response = client.post("/reports/new/", {**step1(lao), "document": document, "next": "1"})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/entry/contact/"
    assert report.is_draft and report.document.name == "reports/LAO/annual-2016.pdf"

    response = client.post(f"/reports/{report.pk}/entry/contact/", {"contact_email": "not-an-email", "next": "1"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    client.post(
        f"/reports/{report.pk}/entry/contact/",
        {"contact_organisation": "NRA", "contact_email": "nra@example.la", "leave": "1"},
    )
    report.refresh_from_db()
    assert report.is_draft and report.contact_organisation == "NRA" and report.entry_step == "contact"

    # cover page: "unchanged" needs a year
    response = client.post(
        f"/reports/{report.pk}/entry/cover/", {"stockpiles_status": "unchanged", "national_measures_status": "changed"}
    )
    assert "Give the year since which this form is unchanged." in response.content.decode()
    client.post(
        f"/reports/{report.pk}/entry/cover/",
        {"stockpiles_status": "unchanged", "stockpiles_since": "2014", "national_measures_status": "changed"},
    )
    client.post(
        f"/reports/{report.pk}/entry/clearance/",
        {"contaminated_area_remaining_m2": "1000000", "contaminated_area_cleared_m2": "25000"},
    )
    response = client.post(f"/reports/{report.pk}/entry/other/", {"other_matters": "", "finish": "1"})
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    report.refresh_from_db()
    assert not report.is_draft
    assert report.form_status == {
        "stockpiles": {"status": "unchanged", "since": 2014},
        "national_measures": {"status": "changed"},
    }
    assert report.contaminated_area_remaining_m2 == 1000000
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Unchanged since 2014" in html and "2017-04-30" in html


def test_wizard_refuses_a_duplicate_and_a_non_pdf(client, isu, lao):
    ReportFactory(state=lao)
    client.force_login(isu)
    response = client.post("/reports/new/", step1(lao))
    assert response.status_code == 200 and "already recorded" in response.content.decode()
    fake = SimpleUploadedFile("r.pdf", b"<html>", content_type="application/pdf")
    response = client.post("/reports/new/", {**step1(lao, year="2015", received_on="2016-04-01"), "document": fake})
    assert "must be a PDF" in response.content.decode()
    assert Report.objects.count() == 1


def test_unknown_step_is_404(client, isu, lao):
    report = ReportFactory(state=lao)
    client.force_login(isu)
    assert client.get(f"/reports/{report.pk}/entry/nope/").status_code == 404


def test_document_is_permission_checked(client, isu, focal_point, other_focal_point, donor_user, outsider, lao):
    report = ReportFactory(state=lao, document=SimpleUploadedFile("x.pdf", PDF))
    url = f"/reports/{report.pk}/document/"
    assert client.get(url).status_code == 302
    for user, expected in [
        (isu, 200),
        (focal_point, 200),
        (donor_user, 200),
        (other_focal_point, 403),
        (outsider, 403),
    ]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected, user
        if expected == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_list_and_filters(client, lao, other_state):
    ReportFactory(state=lao)
    ReportFactory(state=other_state)
    html = client.get("/reports/", {"state": "LAO"}).content.decode()
    assert "Lao" in html and "Bosnia" not in html
    assert client.get("/reports/", {"received_after": "bad"}).status_code == 200


def test_state_panel(client, lao):
    ReportFactory(state=lao, kind="initial", year=None, received_on=date(2011, 2, 1))
    html = client.get(f"/states/{lao.iso3}/").content.decode()
    assert "Article 7 reports" in html and "Received late" in html and "2011-01-28" in html


def test_figures_feed_obligation_progress(lao):
    obligation = ObligationFactory(state=lao, article=4)
    report = ReportFactory(
        state=lao, year=2016, contaminated_area_remaining_m2=5_000_000, contaminated_area_cleared_m2=120_000
    )
    record = ProgressRecord.objects.get(obligation=obligation, year=2016)
    assert record.remaining == 5_000_000 and record.done_in_year == 120_000
    report.is_draft = True
    assert record_report_progress(report) == []
