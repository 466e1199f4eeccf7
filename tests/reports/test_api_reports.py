"""`/api/v1/reports/`: role x verb, duplicates, filters, query counts."""

from datetime import date

import pytest

from reports.models import Report
from tests.conftest import ROLE_CLIENTS
from tests.factories import StateFactory
from tests.reports.factories import ReportFactory

URL = "/api/v1/reports/"
NEW = {"state": "LAO", "kind": "annual", "year": 2016, "received_on": "2017-04-28"}

WRITE_EXPECTED = {
    "anon_client": 401,
    "isu_client": 201,
    "donor_client": 403,
    "focal_client": 403,
    "outsider_client": 403,
}


@pytest.mark.parametrize("client_name", ROLE_CLIENTS)
def test_everyone_reads(request, client_name, lao):
    ReportFactory(state=lao)
    response = request.getfixturevalue(client_name).get(URL)
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert row["state"] == "LAO"
    assert row["due_date"] == "2017-04-30"
    assert row["status"] == "received"


@pytest.mark.parametrize("client_name", ROLE_CLIENTS)
def test_only_isu_creates(request, client_name, lao):
    response = request.getfixturevalue(client_name).post(URL, NEW, format="json")
    assert response.status_code == WRITE_EXPECTED[client_name]
    assert Report.objects.count() == (1 if client_name == "isu_client" else 0)


@pytest.mark.parametrize("client_name", ROLE_CLIENTS)
def test_only_isu_updates(request, client_name, lao):
    report = ReportFactory(state=lao)
    response = request.getfixturevalue(client_name).patch(f"{URL}{report.pk}/", {"received_on": "2017-05-02"})
    expected = 200 if client_name == "isu_client" else WRITE_EXPECTED[client_name]
    assert response.status_code == expected
    report.refresh_from_db()
    assert report.received_on == (date(2017, 5, 2) if client_name == "isu_client" else date(2017, 4, 28))
    if client_name == "isu_client":
        assert response.json()["status"] == "late"


def test_delete_not_allowed(isu_client, lao):
    report = ReportFactory(state=lao)
    assert isu_client.delete(f"{URL}{report.pk}/").status_code == 405
    assert Report.objects.filter(pk=report.pk).exists()


def test_second_annual_report_is_400(isu_client, lao):
    assert isu_client.post(URL, NEW, format="json").status_code == 201
    response = isu_client.post(URL, {**NEW, "received_on": "2017-05-10"}, format="json")
    assert response.status_code == 400
    assert Report.objects.count() == 1


def test_second_initial_report_is_400(isu_client, lao):
    initial = {"state": "LAO", "kind": "initial", "received_on": "2011-01-20"}
    assert isu_client.post(URL, initial, format="json").status_code == 201
    response = isu_client.post(URL, {**initial, "received_on": "2011-02-01"}, format="json")
    assert response.status_code == 400
    assert Report.objects.filter(kind="initial").count() == 1


def test_initial_report_due_date_and_late(isu_client, lao):
    response = isu_client.post(URL, {"state": "lao", "kind": "initial", "received_on": "2011-02-01"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["due_date"] == "2011-01-28"
    assert response.json()["status"] == "late"
    assert response.json()["year"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW, "year": None}, "year"),
        ({"state": "LAO", "kind": "initial", "year": 2016, "received_on": "2011-01-01"}, "year"),
        ({**NEW, "received_on": "2016-06-01"}, "received_on"),  # before the year ended
        ({**NEW, "state": "ZZZ"}, "state"),
        ({**NEW, "kind": "weekly"}, "kind"),
        ({**NEW, "received_on": "yesterday"}, "received_on"),
        ({**NEW, "year": 2009}, "year"),
    ],
)
def test_bad_values_are_400_naming_the_field(isu_client, lao, payload, field):
    response = isu_client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Report.objects.count() == 0


def test_not_a_party_owes_no_report(isu_client):
    StateFactory(
        iso3="USA", name="United States", status="non_signatory", deposit_date=None, signature_date=None, instrument=""
    )
    response = isu_client.post(URL, {**NEW, "state": "USA"}, format="json")
    assert response.status_code == 400
    assert "state" in response.json()


def test_joined_late_owes_no_annual_report_for_that_year(isu_client):
    StateFactory(iso3="XLT", deposit_date=date(2016, 6, 10))  # EIF 2016-12-01
    response = isu_client.post(URL, {**NEW, "state": "XLT"}, format="json")
    assert response.status_code == 400
    assert "year" in response.json()


def test_state_kind_year_cannot_change(isu_client, lao):
    report = ReportFactory(state=lao)
    response = isu_client.patch(f"{URL}{report.pk}/", {"year": 2015}, format="json")
    assert response.status_code == 400
    assert "year" in response.json()


def test_filters(anon_client, lao, other_state):
    ReportFactory(state=lao, year=2015, received_on=date(2016, 4, 1))
    ReportFactory(state=lao, year=2016)
    ReportFactory(state=other_state, year=2016)
    ReportFactory(state=lao, kind="initial", year=None, received_on=date(2011, 1, 1))
    assert anon_client.get(URL, {"state": "lao"}).json()["count"] == 3
    assert anon_client.get(URL, {"year": 2016}).json()["count"] == 2
    assert anon_client.get(URL, {"kind": "initial"}).json()["count"] == 1
    assert anon_client.get(URL, {"state": "BIH", "year": 2016}).json()["count"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "weekly"}, "kind"),
        ({"year": "twenty"}, "year"),
        ({"received_after": "2017-13-01"}, "received_after"),
        ({"ordering": "secret"}, "ordering"),
    ],
)
def test_bad_filter_values_are_400(anon_client, params, field):
    response = anon_client.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("size", [5, 30])
def test_list_query_count_is_constant(anon_client, django_assert_max_num_queries, size):
    for _ in range(size):
        ReportFactory(state=StateFactory(), year=2016)
    # savepoint + count + one select + release, whatever the page size
    with django_assert_max_num_queries(4):
        response = anon_client.get(URL, {"page_size": size})
    assert len(response.json()["results"]) == size
