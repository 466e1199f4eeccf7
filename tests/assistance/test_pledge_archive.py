"""Archiving a pledge: kept with its reason and history, counted nowhere, never deleted."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from assistance.models import Disbursement, Need, Pledge
from assistance.services import record_disbursement
from tests.assistance.factories import NeedFactory, PledgeFactory


@pytest.fixture
def pledge(lao, donor):
    return PledgeFactory(
        need=NeedFactory(state=lao, amount_requested=Decimal("1000")), donor=donor, amount=Decimal("400")
    )


def _url(pledge) -> str:
    return f"/api/v1/pledges/{pledge.pk}/archive/"


@pytest.mark.parametrize(
    "client_name, expected",
    [
        ("anon_client", 401),
        ("outsider_client", 403),
        ("focal_client", 403),
        ("other_donor_client", 403),
        ("donor_client", 200),
        ("isu_client", 200),
    ],
)
@time_machine.travel(date(2024, 6, 20), tick=False)
def test_who_may_archive(request, client_name, expected, pledge):
    response = request.getfixturevalue(client_name).post(_url(pledge), {"reason": "Budget withdrawn"}, format="json")
    assert response.status_code == expected, response.content
    pledge.refresh_from_db()
    if expected == 200:
        assert response.json()["archived_on"] == "2024-06-20"
        assert pledge.archive_reason == "Budget withdrawn"
    else:
        assert pledge.archived_on is None and pledge.archive_reason == ""


def test_an_archived_pledge_leaves_the_totals_and_the_default_list(donor_client, pledge):
    need = Need.objects.get(pk=pledge.need_id)
    assert need.pledged_usd == Decimal("400.00")

    assert donor_client.post(_url(pledge), {"reason": "Entered twice"}, format="json").status_code == 200

    need.refresh_from_db()
    assert need.pledged_usd == Decimal("0.00")
    assert need.funding_gap_usd == Decimal("1000.00")
    assert donor_client.get("/api/v1/pledges/").json()["count"] == 0
    archived = donor_client.get("/api/v1/pledges/?archived=true").json()
    assert [p["id"] for p in archived["results"]] == [pledge.pk]
    assert donor_client.get(f"/api/v1/pledges/{pledge.pk}/").json()["archive_reason"] == "Entered twice"
    assert Pledge.objects.filter(pk=pledge.pk).exists()  # kept, never deleted
    assert pledge.history.count() == 2  # created, then archived


@time_machine.travel(date(2024, 6, 20), tick=False)
def test_a_pledge_with_payments_cannot_be_archived(donor_client, pledge):
    record_disbursement(pledge.pk, date(2024, 6, 1), Decimal("100"))
    response = donor_client.post(_url(pledge), {"reason": "Changed our mind"}, format="json")
    assert response.status_code == 400
    assert "pledge" in response.json()
    pledge.refresh_from_db()
    assert pledge.archived_on is None


@pytest.mark.parametrize("payload", [{}, {"reason": ""}, {"reason": "   "}])
def test_archiving_needs_a_reason(donor_client, pledge, payload):
    response = donor_client.post(_url(pledge), payload, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    pledge.refresh_from_db()
    assert pledge.archived_on is None


@time_machine.travel(date(2024, 6, 20), tick=False)
def test_no_payment_and_no_second_archive_once_archived(donor_client, pledge):
    assert donor_client.post(_url(pledge), {"reason": "Withdrawn"}, format="json").status_code == 200
    again = donor_client.post(_url(pledge), {"reason": "Again"}, format="json")
    assert again.status_code == 400 and "pledge" in again.json()
    payment = donor_client.post(
        f"/api/v1/pledges/{pledge.pk}/disbursements/", {"date": "2024-06-10", "amount": "100"}, format="json"
    )
    assert payment.status_code == 400 and "pledge" in payment.json()
    assert not Disbursement.objects.filter(pledge=pledge).exists()
