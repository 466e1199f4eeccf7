"""`/api/v1/reporting-status/`: computed rows, filters, bad values, query count."""

from datetime import date

import pytest
import time_machine

from tests.factories import StateFactory
from tests.reports.factories import ReportFactory

URL = "/api/v1/reporting-status/"


@pytest.fixture
def lao_reports(lao):
    ReportFactory(state=lao, kind="initial", year=None, received_on=date(2011, 1, 20))
    ReportFactory(state=lao, year=2010, received_on=date(2011, 5, 3))  # late
    ReportFactory(state=lao, year=2011, received_on=date(2012, 4, 1))
    return lao


def test_rows_and_statuses(anon_client, lao_reports):
    response = anon_client.get(URL, {"as_of": "2013-02-01", "state": "LAO"})
    assert response.status_code == 200
    rows = [(r["kind"], r["year"], r["due_date"], r["received_on"], r["status"]) for r in response.json()["results"]]
    assert rows == [
        ("initial", None, "2011-01-28", "2011-01-20", "received"),
        ("annual", 2010, "2011-04-30", "2011-05-03", "late"),
        ("annual", 2011, "2012-04-30", "2012-04-01", "received"),
        ("annual", 2012, "2013-04-30", None, "due"),
    ]
    assert response.json()["results"][0]["state"] == "LAO"


def test_as_of_defaults_to_today(anon_client, lao_reports):
    with time_machine.travel(date(2013, 5, 1), tick=False):
        rows = anon_client.get(URL, {"state": "LAO", "year": 2012}).json()["results"]
    assert [r["status"] for r in rows] == ["overdue"]


def test_filters(anon_client, lao_reports, other_state):
    params = {"as_of": "2013-05-01"}
    assert anon_client.get(URL, {**params, "status": "late"}).json()["count"] == 1
    assert anon_client.get(URL, {**params, "kind": "initial"}).json()["count"] == 2
    assert anon_client.get(URL, {**params, "year": 2012}).json()["count"] == 2
    assert anon_client.get(URL, {**params, "state": "bih"}).json()["count"] == 3  # BIH EIF 2011-03-01


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"as_of": "2013-02-30"}, "as_of"),
        ({"as_of": "yesterday"}, "as_of"),
        ({"status": "lost"}, "status"),
        ({"kind": "weekly"}, "kind"),
        ({"year": "abc"}, "year"),
    ],
)
def test_bad_values_are_400(anon_client, params, field):
    response = anon_client.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("size", [5, 40])
def test_query_count_constant(anon_client, django_assert_max_num_queries, size):
    for _ in range(20):
        ReportFactory(state=StateFactory(), year=2015, received_on=date(2016, 3, 1))
    with django_assert_max_num_queries(4):
        response = anon_client.get(URL, {"as_of": "2017-12-20", "page_size": size})
    assert len(response.json()["results"]) == size


def test_status_page(client, lao_reports):
    response = client.get("/reports/status/", {"as_of": "2013-02-01", "state": "LAO"})
    assert response.status_code == 200
    assert "2013-04-30" in response.content.decode()
    assert client.get("/reports/status/", {"as_of": "nope"}).status_code == 200  # the form shows the error
