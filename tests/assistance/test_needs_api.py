from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assistance.models import Need
from tests.assistance.factories import NeedFactory, PledgeFactory
from tests.factories import ObligationFactory

NEW = {
    "state": "LAO",
    "article": 4,
    "title": "Non-technical survey of Xieng Khouang",
    "assistance_type": "survey",
    "amount_requested": "250000.00",
    "currency": "USD",
}


def _snapshot():
    return list(Need.objects.order_by("id").values())


# --- role × verb -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [
        ("anon_client", 401),
        ("outsider_client", 403),
        ("donor_client", 403),
        ("other_focal_client", 403),  # focal point of BIH, posting for LAO
        ("focal_client", 201),
        ("isu_client", 201),
    ],
)
def test_create_need(request, client_name, expected, lao):
    client = request.getfixturevalue(client_name)
    before = _snapshot()
    response = client.post("/api/v1/needs/", NEW)
    assert response.status_code == expected, response.content
    if expected == 201:
        body = response.json()
        assert body["state"] == "LAO" and body["status"] == "open" and body["submitted_on"] == "2024-06-15"
        assert body["amount_requested_usd"] == "250000.00" and body["funding_gap_usd"] == "250000.00"
        assert body["pledged_usd"] == "0.00" and body["disbursed_usd"] == "0.00"
    else:
        assert _snapshot() == before


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [
        ("anon_client", 401),
        ("outsider_client", 403),
        ("donor_client", 403),
        ("other_focal_client", 403),
        ("focal_client", 200),
        ("isu_client", 200),
    ],
)
def test_update_need(request, client_name, expected, lao, other_state):
    need = NeedFactory(state=lao, title="Old title")
    client = request.getfixturevalue(client_name)
    before = _snapshot()
    response = client.patch(f"/api/v1/needs/{need.pk}/", {"title": "New title"})
    assert response.status_code == expected
    if expected == 200:
        assert Need.objects.get().title == "New title"
    else:
        assert _snapshot() == before


@pytest.mark.parametrize("client_name", ["anon_client", "donor_client", "focal_client", "isu_client"])
def test_needs_are_never_deleted(request, client_name, lao, donor_user):
    need = NeedFactory(state=lao)
    response = request.getfixturevalue(client_name).delete(f"/api/v1/needs/{need.pk}/")
    assert response.status_code in (401, 403, 405)
    assert Need.objects.filter(pk=need.pk).exists()


def test_focal_point_cannot_move_a_need_to_another_state(focal_client, lao, other_state):
    need = NeedFactory(state=lao)
    assert focal_client.patch(f"/api/v1/needs/{need.pk}/", {"state": "BIH"}).status_code == 403
    assert Need.objects.get().state == lao


def test_donors_only_need_is_invisible_to_another_focal_point(other_focal_client, lao):
    need = NeedFactory(state=lao, is_public=False)
    assert other_focal_client.get(f"/api/v1/needs/{need.pk}/").status_code == 404
    assert other_focal_client.patch(f"/api/v1/needs/{need.pk}/", {"title": "x"}).status_code == 404


# --- visibility ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [
        ("anon_client", {"public LAO", "public BIH"}),
        ("outsider_client", {"public LAO", "public BIH"}),
        ("focal_client", {"public LAO", "public BIH", "private LAO"}),
        ("other_focal_client", {"public LAO", "public BIH", "private BIH"}),
        ("donor_client", {"public LAO", "public BIH", "private LAO", "private BIH"}),
        ("isu_client", {"public LAO", "public BIH", "private LAO", "private BIH"}),
    ],
)
def test_visible_to(request, client_name, expected, lao, other_state):
    for state in (lao, other_state):
        NeedFactory(state=state, title=f"public {state.iso3}")
        NeedFactory(state=state, title=f"private {state.iso3}", is_public=False)
    body = request.getfixturevalue(client_name).get("/api/v1/needs/").json()
    assert {n["title"] for n in body["results"]} == expected
    assert body["count"] == len(expected)


# --- funding, status, closing --------------------------------------------------------------------


def test_gap_status_and_disbursed_arithmetic(isu_client, lao, donor, other_donor, rates):
    need = NeedFactory(state=lao, amount_requested=Decimal("1000"), currency="USD")
    url = f"/api/v1/needs/{need.pk}/"
    assert isu_client.get(url).json()["status"] == "open"
    first = PledgeFactory(need=need, donor=donor, amount=Decimal("400"))
    body = isu_client.get(url).json()
    assert (body["pledged_usd"], body["funding_gap_usd"], body["status"]) == ("400.00", "600.00", "partially_funded")
    # committing and paying part of the pledge does not count the money again
    first.committed_on = date(2024, 5, 1)
    first.save()
    isu_client.post(f"/api/v1/pledges/{first.pk}/disbursements/", {"date": "2024-06-01", "amount": "150"})
    body = isu_client.get(url).json()
    assert (body["pledged_usd"], body["disbursed_usd"], body["funding_gap_usd"]) == ("400.00", "150.00", "600.00")
    PledgeFactory(need=need, donor=other_donor, amount=Decimal("700"))  # over-pledged: the gap stops at 0
    body = isu_client.get(url).json()
    assert (body["pledged_usd"], body["funding_gap_usd"], body["status"]) == ("1100.00", "0.00", "funded")
    assert isu_client.patch(url, {"status": "closed"}).json()["status"] == "closed"
    assert Need.objects.get().closed_on == date(2024, 6, 15)
    assert isu_client.patch(url, {"status": "open"}).json()["status"] == "funded"


def test_funding_status_cannot_be_written(focal_client, lao):
    need = NeedFactory(state=lao)
    response = focal_client.patch(f"/api/v1/needs/{need.pk}/", {"status": "funded"})
    assert response.status_code == 400 and "status" in response.json()


def test_only_the_isu_backdates_a_need(focal_client, isu_client, lao):
    response = focal_client.post("/api/v1/needs/", {**NEW, "submitted_on": "2020-01-10"})
    assert response.status_code == 400 and "submitted_on" in response.json()
    response = isu_client.post("/api/v1/needs/", {**NEW, "submitted_on": "2020-01-10"})
    assert response.status_code == 201 and response.json()["submitted_on"] == "2020-01-10"
    response = isu_client.post("/api/v1/needs/", {**NEW, "submitted_on": "2030-01-10"})
    assert response.status_code == 400 and "submitted_on" in response.json()


def test_obligation_must_match_state_and_article(focal_client, lao, other_state):
    own = ObligationFactory(state=lao, article=4)
    foreign = ObligationFactory(state=other_state, article=4)
    article3 = ObligationFactory(state=lao, article=3)
    response = focal_client.post("/api/v1/needs/", {**NEW, "obligation": foreign.pk})
    assert response.status_code == 400 and "obligation" in response.json()
    response = focal_client.post("/api/v1/needs/", {**NEW, "obligation": article3.pk})
    assert response.status_code == 400 and "obligation" in response.json()
    response = focal_client.post("/api/v1/needs/", {**NEW, "obligation": own.pk})
    assert response.status_code == 201
    assert response.json()["deadline"] == "2020-08-01"  # the obligation's current deadline
    response = focal_client.post("/api/v1/needs/", {**NEW, "obligation": own.pk, "own_deadline": "2027-01-01"})
    assert response.status_code == 400 and "own_deadline" in response.json()


def test_own_deadline_without_obligation(focal_client, lao):
    response = focal_client.post("/api/v1/needs/", {**NEW, "article": 5, "own_deadline": "2026-12-31"})
    assert response.status_code == 201 and response.json()["deadline"] == "2026-12-31"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"amount_requested": "0"}, "amount_requested"),
        ({"amount_requested": "abc"}, "amount_requested"),
        ({"article": 6}, "article"),
        ({"assistance_type": "money"}, "assistance_type"),
        ({"state": "XXX"}, "state"),
        ({"period_start": "2025-01-01", "period_end": "2024-01-01"}, "period_end"),
        ({"period_start": "not a date"}, "period_start"),
        ({"share_of_remaining_work": "150"}, "share_of_remaining_work"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_values_answer_400_naming_the_field(isu_client, lao, payload, field):
    response = isu_client.post("/api/v1/needs/", {**NEW, **payload})
    assert response.status_code == 400
    assert field in response.json()
    assert not Need.objects.exists()


# --- documents -----------------------------------------------------------------------------------


def test_pdf_document_upload_and_permission_checked_download(focal_client, anon_client, donor_client, lao):
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%fake\n", content_type="application/pdf")
    response = focal_client.post("/api/v1/needs/", {**NEW, "is_public": "false", "document": pdf}, format="multipart")
    assert response.status_code == 201, response.content
    url = response.json()["document_url"]
    pk = response.json()["id"]
    assert url == f"http://testserver/api/v1/needs/{pk}/document/"
    download = donor_client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert anon_client.get(url).status_code == 404  # donors-only need: anonymous sees nothing
    page = Client()
    assert page.get(f"/assistance/needs/{pk}/document/").status_code == 404
    assert b"%PDF" in b"".join(Need.objects.get().document.open("rb").chunks())


def test_non_pdf_document_is_refused(focal_client, lao):
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = focal_client.post("/api/v1/needs/", {**NEW, "document": fake}, format="multipart")
    assert response.status_code == 400 and "document" in response.json()
    assert not Need.objects.exists()
