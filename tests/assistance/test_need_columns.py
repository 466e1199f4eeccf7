"""The need's columns are declared once (assistance/need_columns.py) and read by the serializer,
the fast JSON path, the CSV and its headings, and the form; the needs page and the API sort by
one map, so the same `?ordering=` gives the same order on the page, in the API and in the CSV."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from assistance import need_columns
from assistance.api.serializers import NeedSerializer
from assistance.forms import NeedForm
from tests.assistance.factories import NeedFactory, PledgeFactory
from tests.factories import ObligationFactory


@pytest.fixture
def needs(lao, other_state, donor):
    obligation = ObligationFactory(state=lao, article=4)
    made = [
        NeedFactory(state=lao, obligation=obligation, title="Clearance", amount_requested=Decimal("900")),
        NeedFactory(state=lao, article=5, title="Rehabilitation", own_deadline=date(2026, 1, 1)),
        NeedFactory(state=other_state, article=3, title="Stockpile", own_deadline=date(2026, 1, 1)),
        NeedFactory(state=other_state, article=9, title="Legislation", amount_requested=Decimal("50")),
        NeedFactory(state=lao, article=4, title="Survey", submitted_on=date(2024, 1, 2)),
    ]
    PledgeFactory(need=made[0], donor=donor, amount=Decimal("300"))
    PledgeFactory(need=made[2], donor=donor, amount=Decimal("99999"))
    return made


def test_every_reader_takes_the_declared_columns():
    declared = [column.key for column in need_columns.NEED_COLUMNS]
    serializer_fields = [name for name in NeedSerializer.Meta.fields if name != "document"]
    assert serializer_fields == declared
    assert set(NeedForm.Meta.fields) == {c.key for c in need_columns.NEED_COLUMNS if c.form} | {"document"}
    assert set(need_columns.SORTS) >= {"deadline", "funding_gap_usd", "submitted_on", "priority"}  # the contract's


def test_api_documents_and_csv_follow_the_declaration(needs, isu_client):
    document = isu_client.get(f"/api/v1/needs/{needs[0].pk}/").json()
    assert list(document) == need_columns.DOCUMENT_KEYS
    assert list(isu_client.get("/api/v1/needs/").json()["results"][0]) == need_columns.DOCUMENT_KEYS
    response = isu_client.get("/api/v1/needs/?format=csv")
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert header == need_columns.CSV_KEYS


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_csv_headings_are_the_declared_ones_in_each_language(needs, isu_client, lang):
    response = isu_client.get("/api/v1/needs/?format=csv", HTTP_ACCEPT_LANGUAGE=lang)
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    with translation.override(lang):
        assert header == [translation.pgettext("CSV heading", key) for key in need_columns.CSV_KEYS]
    if lang != "en":
        assert header != need_columns.CSV_KEYS  # translated, not left in English


def _page_titles(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>\s*<td><a [^>]*>([^<]+)</a>", body)


@pytest.mark.parametrize("key", sorted(need_columns.SORTS))
@pytest.mark.parametrize("direction", ["", "-"])
def test_page_api_and_csv_sort_alike(needs, isu, isu_client, key, direction):
    ordering = direction + key
    api = [doc["title"] for doc in isu_client.get(f"/api/v1/needs/?ordering={ordering}").json()["results"]]
    page = Client()
    page.force_login(isu)
    html = page.get("/assistance/", {"ordering": ordering}).content.decode()
    assert _page_titles(html) == api
    csv_url = re.search(r'href="(/api/v1/needs/\?[^"]+)" download', html).group(1).replace("&amp;", "&")
    assert f"ordering={ordering}" in csv_url
    rows = list(csv.reader(io.StringIO(b"".join(isu_client.get(csv_url).streaming_content).decode())))
    assert [row[need_columns.CSV_KEYS.index("title")] for row in rows[1:]] == api


@pytest.mark.parametrize(("old", "new"), [("gap", "funding_gap_usd"), ("-requested", "-amount_requested_usd")])
def test_old_page_sort_keys_still_work(needs, anon_client, old, new):
    page = Client()
    old_titles = _page_titles(page.get("/assistance/", {"ordering": old}).content.decode())
    new_titles = _page_titles(page.get("/assistance/", {"ordering": new}).content.decode())
    assert old_titles == new_titles and len(old_titles) == len(needs)


def test_sort_choice_of_the_filter_form_is_an_ordering(needs, isu_client):
    html = Client().get("/assistance/", {"sort": "deadline"}).content.decode()
    api = [doc["title"] for doc in isu_client.get("/api/v1/needs/?ordering=deadline").json()["results"]]
    assert _page_titles(html) == api
    assert 'aria-sort="ascending"' in html and "ordering=deadline" in html
    default = Client().get("/assistance/").content.decode()
    assert _page_titles(default) == [d["title"] for d in isu_client.get("/api/v1/needs/").json()["results"]]
