"""A need in a currency the ISU has no rate for yet (LAK in 2026) is accepted: its USD figures are
null ("pending a rate") until the rate arrives, the ISU is told on its home page, and the rate's
save computes them (issue 10, point 13)."""

import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from assistance.models import Need
from tests.assistance.factories import ExchangeRateFactory, NeedFactory, PledgeFactory

NEED = {
    "state": "LAO",
    "article": 4,
    "title": "Survey of Sepon",
    "assistance_type": "survey",
    "amount_requested": "5000000000",
    "currency": "LAK",
}


@pytest.fixture(autouse=True)
def _in_2026():
    with time_machine.travel(date(2026, 3, 2), tick=False):
        yield


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_api_accepts_the_need_and_says_null_for_its_usd_figures(focal_client):
    response = focal_client.post("/api/v1/needs/", NEED, format="json")
    assert response.status_code == 201, response.content
    doc = focal_client.get(f"/api/v1/needs/{response.json()['id']}/").json()
    assert (doc["amount_requested"], doc["currency"]) == ("5000000000.00", "LAK")
    assert (doc["amount_requested_usd"], doc["funding_gap_usd"]) == (None, None)
    assert (doc["pledged_usd"], doc["status"], doc["priority"]) == ("0.00", "open", "0.0")


def test_the_schema_says_the_usd_figures_may_be_null(anon_client):
    need = anon_client.get("/api/schema/?format=json").json()["components"]["schemas"]["Need"]["properties"]
    for name in ("amount_requested_usd", "funding_gap_usd"):
        assert need[name]["nullable"] is True and "pending" in need[name]["description"], name


def test_the_focal_points_page_accepts_it_and_shows_it_pending(focal_point, lao):
    browser = client_for(focal_point)
    form = browser.get("/assistance/needs/new/").content.decode()
    assert '<select name="currency"' in form and '<option value="LAK">LAK</option>' in form
    assert '<optgroup label="Rate table and common currencies">' in form
    data = {k: v for k, v in NEED.items() if k != "state"} | {"is_public": "on"}
    response = browser.post("/assistance/needs/new/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    page = browser.get(response["Location"]).content.decode()
    assert "5,000,000,000.00 LAK" in page and "USD equivalent pending a rate" in page
    assert "The ISU has no exchange rate for LAK in 2026 yet" in page
    assert re.search(r'id="gap-usd">pending a rate<', page)
    assert "No exchange rate: the amount cannot be compared." in page  # the priority says why it is 0
    listing = browser.get("/assistance/").content.decode()
    assert "pending a rate" in listing


def test_the_isu_is_told_and_the_rate_fills_the_figures(isu, isu_client, focal_client, lao, donor):
    need_id = focal_client.post("/api/v1/needs/", NEED, format="json").json()["id"]
    NeedFactory(state=lao, currency="LAK", submitted_on=date(2025, 5, 1), closed_on=date(2025, 6, 1))  # closed: not
    home = client_for(isu).get("/").content.decode()
    panel = home.split('id="pending-rates-h"', 1)[1].split("</section>", 1)[0]
    assert "LAK" in panel and "2026" in panel and "1 need" in panel and "2025" not in panel
    response = isu_client.post(
        "/api/v1/exchange-rates/", {"currency": "LAK", "year": 2026, "usd_per_unit": "0.000046"}, format="json"
    )
    assert response.status_code == 201
    doc = isu_client.get(f"/api/v1/needs/{need_id}/").json()
    assert (doc["amount_requested_usd"], doc["funding_gap_usd"]) == ("230000.00", "230000.00")
    assert Decimal(doc["priority"]) > 0
    assert 'id="pending-rates-h"' not in client_for(isu).get("/").content.decode()


@pytest.mark.parametrize("user", ["donor_user", "focal_point"])
def test_only_the_isu_sees_the_panel(request, user, focal_client):
    focal_client.post("/api/v1/needs/", NEED, format="json")
    assert 'id="pending-rates-h"' not in client_for(request.getfixturevalue(user)).get("/").content.decode()


def test_filters_sorts_and_csv_handle_the_unknown_gap(focal_client, isu_client, lao, donor):
    pending = focal_client.post("/api/v1/needs/", NEED, format="json").json()["id"]
    known = NeedFactory(state=lao, title="Known", amount_requested=Decimal("100"))
    funded = NeedFactory(state=lao, title="Funded", amount_requested=Decimal("100"))
    PledgeFactory(need=funded, donor=donor, amount=Decimal("100"), pledged_on=date(2026, 3, 1))

    def ids(query):
        return [d["id"] for d in isu_client.get(f"/api/v1/needs/?{query}").json()["results"]]

    assert set(ids("has_gap=true")) == {pending, known.pk}  # nothing shows the LAK need is funded
    assert ids("has_gap=false") == [funded.pk]
    assert ids("ordering=funding_gap_usd")[-1] == pending and ids("ordering=-funding_gap_usd")[-1] == pending
    assert ids("ordering=amount_requested_usd")[-1] == pending
    response = isu_client.get("/api/v1/needs/?format=csv&ordering=id")
    lines = b"".join(response.streaming_content).decode().splitlines()
    header, row = lines[0].split(","), next(line for line in lines if line.startswith(f"{pending},")).split(",")
    assert row[header.index("amount_requested_usd")] == "" and row[header.index("funding_gap_usd")] == ""


def test_a_pledge_to_it_counts_before_the_rate_arrives(focal_client, donor_client):
    need_id = focal_client.post("/api/v1/needs/", NEED, format="json").json()["id"]
    ExchangeRateFactory(currency="NOK", year=2026)
    response = donor_client.post("/api/v1/pledges/", {"need": need_id, "amount": "1000", "currency": "NOK"})
    assert response.status_code == 201
    need = Need.objects.with_funding().get(pk=need_id)
    assert need.pledged_usd == Decimal("1100.00") and need.funding_gap_usd is None
    assert need.computed_status == "partially_funded"
    # A pledge still needs a rate of its own: the donor's money must count in USD.
    response = donor_client.post("/api/v1/pledges/", {"need": need_id, "amount": "1000", "currency": "LAK"})
    assert response.status_code == 400 and "LAK" in response.json()["currency"][0]
