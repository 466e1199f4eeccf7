"""The optimisations of docs/performance.md change nothing a reader can see.

- the needs' stored funding figures equal the live SQL after every kind of write;
- the lean needs documents (list, one need, CSV) equal what NeedSerializer / the need objects give;
- orjson renders what DRF's JSONRenderer renders;
- the needs API's response cache follows writes and never crosses visibility scopes;
- seed_benchmark refuses a database that holds data.
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from assistance import funding
from assistance.api.renderers_json import ORJSONRenderer
from assistance.api.serializers import NeedSerializer
from assistance.models import Disbursement, ExchangeRate, Need, Pledge
from assistance.need_columns import CSV_COLUMNS
from obligations.models import ExtensionRequest
from tests.assistance.factories import ExchangeRateFactory, NeedFactory, PledgeFactory, ProgressRecordFactory
from tests.factories import ObligationFactory

TODAY = date(2025, 6, 2)
STORED = ["amount_requested_usd", "pledged_usd", "disbursed_usd", "deadline", "close_to_completion"]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def needs(lao, other_state, donor):
    """Needs of every shape: with and without obligation, EUR with and without a rate, closed,
    fully funded, donors-only, with a document and a share of the remaining work."""
    ExchangeRateFactory(currency="EUR", year=2024, usd_per_unit=Decimal("1.10"))
    obligation = ObligationFactory(state=lao, article=4)
    ProgressRecordFactory(obligation=obligation, year=2023, remaining=Decimal("1000"), done_in_year=Decimal("900"))
    result = [
        NeedFactory(state=lao, obligation=obligation, share_of_remaining_work=Decimal("12.5")),
        NeedFactory(state=lao, currency="EUR", amount_requested=Decimal("5000.00"), own_deadline=date(2027, 1, 1)),
        NeedFactory(state=lao, currency="GBP", submitted_on=date(2024, 3, 1)),  # no GBP rate: USD unknown
        NeedFactory(state=other_state, is_public=False, article=5),
        NeedFactory(state=other_state, closed_on=date(2024, 6, 1)),
        NeedFactory(state=other_state, amount_requested=Decimal("100.00")),
    ]
    PledgeFactory(need=result[0], donor=donor, amount=Decimal("25000.00"))
    PledgeFactory(need=result[1], donor=donor, amount=Decimal("1000.00"), currency="EUR")
    PledgeFactory(need=result[5], donor=donor, amount=Decimal("100.00"))  # fully funded
    result[3].document.save("need.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return result


def live(need_ids):
    rows = funding.live(Need.objects.filter(pk__in=need_ids))
    return {
        n.pk: {
            "amount_requested_usd": n.live_requested,
            "pledged_usd": n.live_pledged,
            "disbursed_usd": n.live_disbursed,
            "deadline": n.live_deadline,
            "close_to_completion": n.live_close,
        }
        for n in rows
    }


def stored(need_ids):
    return {n.pk: {f: getattr(n, f) for f in STORED} for n in Need.objects.filter(pk__in=need_ids)}


def test_stored_funding_follows_every_kind_of_write(needs, donor, other_donor):
    ids = [n.pk for n in needs]
    assert stored(ids) == live(ids)
    pledge = Pledge.objects.filter(need=needs[0]).get()
    pledge.committed_on = date(2024, 5, 1)
    pledge.save()
    Disbursement.objects.create(pledge=pledge, date=date(2024, 6, 1), amount=Decimal("5000.00"))
    assert Need.objects.get(pk=needs[0].pk).disbursed_usd == Decimal("5000.00")
    pledge.need = needs[2]  # moved: both needs change
    pledge.state = needs[2].state
    pledge.save()
    ExchangeRateFactory(currency="GBP", year=2024, usd_per_unit=Decimal("1.25"))  # a missing rate arrives
    ExchangeRate.objects.filter(currency="EUR").get().save()
    ProgressRecordFactory(obligation=needs[0].obligation, year=2024, remaining=Decimal("10"), done_in_year=Decimal("5"))
    ExtensionRequest.objects.create(
        obligation=needs[0].obligation,
        submitted_on=date(2024, 3, 1),
        requested_deadline=date(2027, 8, 1),
        status="granted",
        decided_on=date(2024, 9, 1),
        granted_deadline=date(2027, 8, 1),
    )
    closed = needs[1]
    closed.closed_on = date(2025, 1, 1)
    closed.save()
    PledgeFactory(need=needs[3], donor=other_donor, amount=Decimal("7.00"))
    assert stored(ids) == live(ids)
    assert Need.objects.get(pk=needs[0].pk).deadline == date(2027, 8, 1)
    assert Need.objects.get(pk=needs[2].pk).amount_requested_usd == Decimal("125000.00")


def test_lean_list_and_detail_equal_the_serializer(needs, isu_client, isu):
    request = APIRequestFactory().get("/api/v1/needs/")
    request.user = isu
    expected = {
        n.pk: NeedSerializer(n, context={"request": request}).data
        for n in Need.objects.with_funding().select_related("state", "obligation")
    }
    body = isu_client.get("/api/v1/needs/?page_size=100").json()
    assert body["count"] == len(needs)
    for doc in body["results"]:
        assert doc == pytest.approx(dict(expected[doc["id"]])), doc["id"]
        assert list(doc) == list(expected[doc["id"]])  # same keys, same order
    one = isu_client.get(f"/api/v1/needs/{needs[3].pk}/").json()
    assert one == dict(expected[needs[3].pk])
    assert one["document_url"].endswith(f"/api/v1/needs/{needs[3].pk}/document/")
    # The browsable API still goes through the serializer, and agrees.
    assert isu_client.get("/api/v1/needs/?format=api").status_code == 200


def test_lean_list_pages_like_before(needs, isu_client):
    first = isu_client.get("/api/v1/needs/?page_size=4&ordering=-funding_gap_usd").json()
    second = isu_client.get(first["next"]).json()
    assert first["count"] == second["count"] == len(needs)
    assert len(first["results"]) == 4 and len(second["results"]) == 2
    ordered = [d["id"] for d in first["results"] + second["results"]]
    qs = Need.objects.with_funding().order_by(*NeedsOrder.gap_desc())
    assert ordered == [n.pk for n in qs]
    assert isu_client.get("/api/v1/needs/?page=9").status_code == 404


class NeedsOrder:
    @staticmethod
    def gap_desc():
        from django.db.models import F

        return [F("funding_gap_usd").desc(nulls_last=True), "id"]


def test_csv_equals_the_needs_read_as_objects(needs, isu_client):
    response = isu_client.get("/api/v1/needs/?format=csv")
    assert response.status_code == 200 and response.streaming
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    import csv

    rows = list(csv.reader(lines))
    by_id = {int(r[0]): r for r in rows[1:]}
    assert rows[0] == [column.key for column in CSV_COLUMNS]
    for need in Need.objects.with_funding().select_related("state"):
        expected = [_attribute(need, column.read) for column in CSV_COLUMNS]
        expected = [("true" if v else "false") if isinstance(v, bool) else "" if v is None else v for v in expected]
        expected = [v.isoformat() if isinstance(v, date) else str(v) for v in expected]
        assert by_id[need.pk] == expected


def _attribute(need, path):
    """`state__iso3` → need.state.iso3 (the path `.values()` reads)."""
    value = need
    for name in path.split("__"):
        value = getattr(value, name)
    return value


def test_orjson_renders_like_drf():
    data = {
        "count": 2,
        "results": [
            {"id": 1, "amount": "12.50", "on": date(2024, 1, 2), "title": "Déminage — phase 2", "ok": True},
            {"id": 2, "amount": None, "message": gettext_lazy("Open")},
        ],
    }
    assert ORJSONRenderer().render(data) == JSONRenderer().render(data)


def test_response_cache_follows_writes_and_scopes(settings, needs, isu_client, anon_client, donor):
    settings.NEEDS_API_CACHE_SECONDS = 60
    cache.clear()
    url = "/api/v1/needs/?page_size=100&ordering=id"
    before = isu_client.get(url).json()
    assert isu_client.get(url).json() == before  # served from the cache
    public = anon_client.get(url).json()
    assert public["count"] == len(needs) - 1  # the donors-only need stays hidden: another scope
    PledgeFactory(need=needs[1], donor=donor, amount=Decimal("10.00"))
    after = isu_client.get(url).json()
    old = {d["id"]: d for d in before["results"]}[needs[1].pk]
    new = {d["id"]: d for d in after["results"]}[needs[1].pk]
    assert Decimal(new["pledged_usd"]) > Decimal(old["pledged_usd"])
    one = f"/api/v1/needs/{needs[0].pk}/"
    assert isu_client.get(one).json()["title"] == needs[0].title
    needs[0].title = "Renamed"
    needs[0].save()
    assert isu_client.get(one).json()["title"] == "Renamed"
    assert anon_client.get(f"/api/v1/needs/{needs[3].pk}/").status_code == 404


def test_seed_benchmark_refuses_a_database_with_data(needs):
    with pytest.raises(CommandError, match="--yes-destroy"):
        call_command("seed_benchmark")
    with pytest.raises(CommandError, match="holds data"):
        call_command("seed_benchmark", "--yes-destroy")
    assert Need.objects.count() == len(needs)
