"""Every filter of /api/v1/needs/ (and the page, which shares the FilterSet), bad values, ordering,
CSV export and a query count that does not grow with the page size."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from assistance.models import Need
from tests.assistance.factories import NeedFactory, PledgeFactory
from tests.factories import ObligationFactory


@pytest.fixture
def needs(lao, other_state, donor):
    """LAO Art.4 with a 2020 deadline (fully funded), LAO Art.5 own deadline 2025-03-01 (open),
    BIH Art.3 own deadline 2027-01-01 training (partially funded), one closed."""
    obligation = ObligationFactory(state=lao, article=4)
    funded = NeedFactory(state=lao, article=4, obligation=obligation, title="funded", assistance_type="survey")
    PledgeFactory(need=funded, donor=donor, amount=Decimal("100000"))
    soon = NeedFactory(state=lao, article=5, own_deadline=date(2025, 3, 1), title="soon", assistance_type="technical")
    later = NeedFactory(
        state=other_state, article=3, own_deadline=date(2027, 1, 1), title="later", assistance_type="training"
    )
    PledgeFactory(need=later, donor=donor, amount=Decimal("1000"))
    closed = NeedFactory(
        state=lao, article=4, title="closed", closed_on=date(2024, 5, 1), submitted_on=date(2024, 1, 5)
    )
    return {"funded": funded, "soon": soon, "later": later, "closed": closed}


def titles(client, query):
    response = client.get(f"/api/v1/needs/?{query}")
    assert response.status_code == 200, response.content
    return {n["title"] for n in response.json()["results"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=LAO", {"funded", "soon", "closed"}),
        ("state=bih", {"later"}),
        ("article=5", {"soon"}),
        ("assistance_type=training", {"later"}),
        ("region=europe", {"later"}),
        ("region=asia", {"funded", "soon", "closed"}),
        ("status=funded", {"funded"}),
        ("status=partially_funded", {"later"}),
        ("status=open", {"soon"}),
        ("status=closed", {"closed"}),
        ("deadline_before=2025-12-31", {"funded", "soon"}),
        ("deadline_after=2025-01-01", {"soon", "later"}),
        ("deadline_after=2025-03-01&deadline_before=2025-03-01", {"soon"}),  # inclusive
        ("deadline_window=12", {"soon"}),
        ("deadline_window=36", {"soon", "later"}),
        ("has_gap=true", {"soon", "later"}),  # a closed need has no gap
        ("closed=false", {"funded", "soon", "later"}),
        ("closed=true", {"closed"}),
        ("has_gap=false", {"funded", "closed"}),
        ("state=LAO&has_gap=true&article=5", {"soon"}),
    ],
)
def test_filter(anon_client, needs, query, expected):
    assert titles(anon_client, query) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("article=6", "article"),
        ("assistance_type=money", "assistance_type"),
        ("region=atlantis", "region"),
        ("status=pending", "status"),
        ("deadline_before=2025-13-01", "deadline_before"),
        ("deadline_after=tomorrow", "deadline_after"),
        ("deadline_window=7", "deadline_window"),
        ("has_gap=maybe", "has_gap"),
        ("closed=maybe", "closed"),
        ("ordering=description", "ordering"),
        ("page_size=abc&ordering=nonsense", "ordering"),
        ("obligation=abc", "obligation"),
    ],
)
def test_bad_filter_values_answer_400(anon_client, needs, query, field):
    response = anon_client.get(f"/api/v1/needs/?{query}")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("ordering", "first"),
    [
        ("deadline", "funded"),
        ("-deadline", "later"),
        ("funding_gap_usd", "funded"),
        ("submitted_on", "closed"),
        ("title", "closed"),
        ("-title", "soon"),
        ("state", "later"),  # Bosnia and Herzegovina before Lao PDR
    ],
)
def test_ordering(anon_client, needs, ordering, first):
    results = anon_client.get(f"/api/v1/needs/?ordering={ordering}").json()["results"]
    assert results[0]["title"] == first


@pytest.mark.parametrize("query", ["obligation=99999999999999999999999", "state=%00", "obligation=1e400"])
def test_odd_values_never_500(anon_client, needs, query):
    assert anon_client.get(f"/api/v1/needs/?{query}").status_code in (200, 400)


def test_default_order_is_priority(anon_client, needs):
    results = anon_client.get("/api/v1/needs/").json()["results"]
    priorities = [Decimal(n["priority"]) for n in results]
    assert priorities == sorted(priorities, reverse=True)
    assert results[0]["title"] == "soon"  # deadline within 12 months, nothing pledged: 50 + 30


def test_csv_export_follows_the_filters(isu_client, needs):
    response = isu_client.get("/api/v1/needs/?format=csv&state=LAO&has_gap=true")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {r["title"] for r in rows} == {"soon"}  # the closed one has no gap
    soon = next(r for r in rows if r["title"] == "soon")
    assert soon["state"] == "LAO" and soon["funding_gap_usd"] == "100000.00" and soon["deadline"] == "2025-03-01"


def test_csv_with_bad_filter_is_a_400(isu_client, needs):
    response = isu_client.get("/api/v1/needs/?format=csv&deadline_before=never")
    assert response.status_code == 400
    assert b"deadline_before" in response.content


@pytest.mark.parametrize("page_size", [5, 100])
def test_api_list_query_count_is_fixed(anon_client, lao, donor, django_assert_max_num_queries, page_size):
    for i in range(30):
        need = NeedFactory(
            state=lao,
            obligation=ObligationFactory(state=lao, article=4, hostilities_ended_on=date(2011, 1, i % 28 + 1))
            if i < 10
            else None,
        )
        PledgeFactory(need=need, donor=donor, amount=Decimal("10"))
    with django_assert_max_num_queries(4):  # savepoint, count, page, release
        response = anon_client.get(f"/api/v1/needs/?page_size={page_size}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, 30)


@pytest.mark.parametrize("page_size", [5, 100])
def test_pledge_list_query_count_is_fixed(isu_client, lao, donor, django_assert_max_num_queries, page_size):
    for _ in range(30):
        PledgeFactory(need=NeedFactory(state=lao), donor=donor, amount=Decimal("10"))
    with django_assert_max_num_queries(8):
        response = isu_client.get(f"/api/v1/pledges/?page_size={page_size}")
    assert len(response.json()["results"]) == min(page_size, 30)


@pytest.mark.parametrize("count", [5, 60])
def test_list_page_query_count_is_fixed(lao, donor, django_assert_max_num_queries, count):
    for _ in range(count):
        PledgeFactory(need=NeedFactory(state=lao), donor=donor, amount=Decimal("10"))
    with django_assert_max_num_queries(4):
        response = Client().get("/assistance/?sort=deadline")
    assert response.status_code == 200
    assert Need.objects.count() == count
