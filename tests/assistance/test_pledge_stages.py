"""A pledge paid in part is not "Disbursed" for a reader: the pages say "Partly paid (40%)" and
what remains; the API keeps its `status` (disbursed from the first payment, the contract) and
gains `remaining_amount` and `remaining_amount_usd` (issue 10, point 7)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from assistance.services import archive_pledge, record_disbursement
from tests.assistance.factories import ExchangeRateFactory, NeedFactory, PledgeFactory


@pytest.fixture
def norway_pledge(lao, donor, rates):
    need = NeedFactory(state=lao, title="Clearance in Xieng Khouang", amount_requested=Decimal("4500000"))
    pledge = PledgeFactory(
        need=need,
        donor=donor,
        amount=Decimal("20000000"),
        currency="NOK",
        pledged_on=date(2024, 3, 3),
        committed_on=date(2024, 4, 1),
    )
    record_disbursement(pledge.pk, date(2024, 6, 1), Decimal("8000000"))
    return pledge


def test_the_api_keeps_its_status_and_says_what_remains(norway_pledge, donor_client):
    doc = donor_client.get(f"/api/v1/pledges/{norway_pledge.pk}/").json()
    assert doc["status"] == "disbursed"  # the contract's meaning: a payment exists
    assert (doc["disbursed_amount"], doc["remaining_amount"]) == ("8000000.00", "12000000.00")
    assert doc["remaining_amount_usd"] == "1140000.00"  # 12,000,000 NOK at the 2024 rate of 0.095
    assert doc["amount_usd"] == "1900000.00"
    listed = donor_client.get("/api/v1/pledges/").json()["results"][0]
    assert listed["remaining_amount"] == "12000000.00"


def test_paid_in_full_archived_and_unpaid_pledges(lao, donor, donor_client, rates):
    need = NeedFactory(state=lao)
    full = PledgeFactory(need=need, donor=donor, amount=Decimal("100"))
    record_disbursement(full.pk, date(2024, 6, 1), Decimal("100"))
    unpaid = PledgeFactory(need=need, donor=donor, amount=Decimal("250"), currency="EUR")
    archived = PledgeFactory(need=need, donor=donor, amount=Decimal("70"))
    archive_pledge(archived.pk, "entered twice")
    ExchangeRateFactory(currency="GBP", year=2024, usd_per_unit=Decimal("1.25"))
    docs = {d["id"]: d for d in donor_client.get("/api/v1/pledges/?archived=true").json()["results"]}
    docs.update({d["id"]: d for d in donor_client.get("/api/v1/pledges/").json()["results"]})
    assert (docs[full.pk]["remaining_amount"], docs[full.pk]["remaining_amount_usd"]) == ("0.00", "0.00")
    assert (docs[unpaid.pk]["remaining_amount"], docs[unpaid.pk]["remaining_amount_usd"]) == ("250.00", "275.00")
    assert docs[archived.pk]["remaining_amount"] == "0.00"


def test_pages_say_partly_paid_and_what_remains(norway_pledge, donor_user, isu):
    browser = Client()
    browser.force_login(donor_user)
    detail = browser.get(f"/assistance/pledges/{norway_pledge.pk}/").content.decode()
    assert re.search(r'id="pledge-status">Partly paid \(40%\)<', detail)
    assert re.search(r'id="pledge-remaining">12,000,000.00 NOK \(1,140,000 USD\)<', detail)
    assert ">Disbursed<" not in detail.split('id="pledge-status"', 1)[1][:40]
    listing = browser.get("/assistance/pledges/").content.decode()
    assert "Partly paid (40%)" in listing and "12,000,000.00 NOK" in listing
    isu_browser = Client()
    isu_browser.force_login(isu)
    need_page = isu_browser.get(norway_pledge.need.get_absolute_url()).content.decode()
    assert "Partly paid (40%)" in need_page
    home = browser.get("/").content.decode()
    to_pay = home.split('id="pay-h"', 1)[1].split("</section>", 1)[0]
    assert "Still to pay" in home and "partly paid (40%): 12,000,000.00 NOK to pay" in to_pay


def test_french_pages_say_it_in_french(norway_pledge, donor_user):
    browser = Client()
    browser.force_login(donor_user)
    detail = browser.get(f"/assistance/pledges/{norway_pledge.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Partiellement versé (40 %)" in detail


def test_a_share_just_short_of_the_whole_is_not_100(lao, donor):
    pledge = PledgeFactory(need=NeedFactory(state=lao), donor=donor, amount=Decimal("1000"))
    record_disbursement(pledge.pk, date(2024, 6, 1), Decimal("999"))
    pledge.refresh_from_db()
    with translation.override("en"):
        assert pledge.paid_share == 99 and pledge.stage_display() == "Partly paid (99%)"
        record_disbursement(pledge.pk, date(2024, 6, 1), Decimal("1"))
        assert pledge.stage_display() == "Paid in full"
