"""A closed need seeks no more funding: it has no funding gap (page, list, API, filters), and the
needs page leaves it out unless its status filter asks for it (issue 10, point 9)."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from assistance.models import Need
from tests.assistance.factories import NeedFactory, PledgeFactory


@pytest.fixture
def needs(lao, donor):
    open_need = NeedFactory(state=lao, title="Open need", amount_requested=Decimal("1000"))
    closed = NeedFactory(state=lao, title="Closed need", amount_requested=Decimal("1000"), closed_on=date(2024, 6, 1))
    PledgeFactory(need=closed, donor=donor, amount=Decimal("400"))
    return {"open": open_need, "closed": closed}


def _titles(html):
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return re.findall(r"<tr>\s*<td><a [^>]*>([^<]+)</a>", body)


def test_a_closed_need_has_no_funding_gap_in_the_api(needs, isu_client):
    doc = isu_client.get(f"/api/v1/needs/{needs['closed'].pk}/").json()
    assert (doc["status"], doc["funding_gap_usd"], doc["pledged_usd"]) == ("closed", "0.00", "400.00")
    assert [d["title"] for d in isu_client.get("/api/v1/needs/?has_gap=true").json()["results"]] == ["Open need"]
    assert {d["title"] for d in isu_client.get("/api/v1/needs/?has_gap=false").json()["results"]} == {"Closed need"}


def test_reopening_a_need_brings_its_gap_back(needs, isu_client):
    url = f"/api/v1/needs/{needs['closed'].pk}/"
    assert isu_client.patch(url, {"status": "open"}, format="json").json()["funding_gap_usd"] == "600.00"
    assert isu_client.patch(url, {"status": "closed"}, format="json").json()["funding_gap_usd"] == "0.00"
    assert Need.objects.get(pk=needs["closed"].pk).funding_gap_usd == Decimal("0.00")


def test_the_needs_page_leaves_closed_needs_out_unless_asked(needs):
    browser = Client()
    assert _titles(browser.get("/assistance/").content.decode()) == ["Open need"]
    assert _titles(browser.get("/assistance/", {"status": "closed"}).content.decode()) == ["Closed need"]
    assert set(_titles(browser.get("/assistance/", {"status": "any"}).content.decode())) == {"Open need", "Closed need"}
    assert _titles(browser.get("/assistance/", {"has_gap": "true", "status": "any"}).content.decode()) == ["Open need"]
    html = browser.get("/assistance/").content.decode()
    assert '<option value="not_closed" selected>All but closed</option>' in html


@pytest.mark.parametrize(("status", "expected"), [("", ["Open need"]), ("closed", ["Closed need"]), ("any", None)])
def test_the_page_csv_has_the_needs_on_the_screen(needs, isu_client, status, expected):
    html = Client().get("/assistance/", {"status": status} if status else {}).content.decode()
    url = re.search(r'href="(/api/v1/needs/\?[^"]+)" download', html).group(1).replace("&amp;", "&")
    rows = list(csv.reader(io.StringIO(b"".join(isu_client.get(url).streaming_content).decode())))
    titles = [row[rows[0].index("title")] for row in rows[1:]]
    assert titles == (expected or _titles(html))


def test_a_closed_need_page_shows_no_gap(needs, isu):
    browser = Client()
    browser.force_login(isu)
    html = browser.get(needs["closed"].get_absolute_url()).content.decode()
    assert re.search(r'id="gap-usd">0 USD', html)
