"""Issue 19, finding 3: every date query parameter is bounded (core/dates.py); a bad one is a
400 naming it (API) or the form's message (pages), never a 500 or a year 9998."""

import importlib
from datetime import date

import django_filters
import pytest
import time_machine
from django import forms

from core.dates import EARLIEST, LATEST, PlausibleDateField
from reports.filtersets import ReportingStatusFilterForm
from reports.forms import DashboardForm

FILTERSET_MODULES = ["assistance.filtersets", "obligations.filtersets", "reports.filtersets", "states.filtersets"]
OUT_OF_RANGE = ["0001-01-01", "2007-12-31", "2101-01-01", "9999-12-31"]


def every_filterset():
    for name in FILTERSET_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, django_filters.FilterSet) and value.__module__ == name:
                yield value


def date_filters():
    for filterset in every_filterset():
        for name, declared in filterset.base_filters.items():
            if issubclass(declared.field_class, forms.DateField):
                yield filterset, name, declared


def test_every_date_filter_is_plausible():
    found = list(date_filters())
    assert len(found) >= 8  # needs, pledges, obligations, reports: two each
    for filterset, name, declared in found:
        assert issubclass(declared.field_class, PlausibleDateField), f"{filterset.__name__}.{name} is unbounded"


@pytest.mark.parametrize("form_class", [DashboardForm, ReportingStatusFilterForm])
def test_every_as_of_form_field_is_plausible(form_class):
    assert isinstance(form_class.base_fields["as_of"], PlausibleDateField)


# (API list, its date parameters): each filterset above, as the API serves it.
API_DATE_PARAMETERS = [
    ("/api/v1/needs/", "deadline_after"),
    ("/api/v1/needs/", "deadline_before"),
    ("/api/v1/pledges/", "pledged_after"),
    ("/api/v1/pledges/", "pledged_before"),
    ("/api/v1/obligations/", "deadline_after"),
    ("/api/v1/obligations/", "deadline_before"),
    ("/api/v1/reports/", "received_after"),
    ("/api/v1/reports/", "received_before"),
    ("/api/v1/reporting-status/", "as_of"),
    ("/api/v1/stats/", "as_of"),
]


def test_the_api_list_covers_every_date_filter():
    names = {name for _filterset, name, _declared in date_filters()}
    assert names <= {parameter for _url, parameter in API_DATE_PARAMETERS}


@pytest.mark.django_db
@pytest.mark.parametrize("url,parameter", API_DATE_PARAMETERS)
@pytest.mark.parametrize("value", OUT_OF_RANGE + ["2025-02-30", "yesterday"])
def test_api_answers_400_naming_the_parameter(anon_client, url, parameter, value):
    response = anon_client.get(url, {parameter: value})
    assert response.status_code == 400, response.content
    assert parameter in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("url,parameter", API_DATE_PARAMETERS)
@pytest.mark.parametrize("value", [EARLIEST.isoformat(), LATEST.isoformat()])
def test_api_accepts_the_bounds(anon_client, lao, url, parameter, value):
    with time_machine.travel(date(2025, 6, 1), tick=False):
        assert anon_client.get(url, {parameter: value}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_stats_of_the_pentest(anon_client, value):
    response = anon_client.get("/api/v1/stats/", {"as_of": value})
    assert response.status_code == 400
    assert response.json() == {"as_of": ["Enter a date between 2008-01-01 and 2100-12-31."]}


PAGES = [
    ("/reports/dashboard/", "as_of"),
    ("/reports/dashboard/outstanding.csv", "as_of"),
    ("/reports/status/", "as_of"),
    ("/assistance/", "deadline_after"),
    ("/obligations/", "deadline_before"),
    ("/reports/", "received_after"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("url,parameter", PAGES)
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_pages_show_the_message_never_a_500(isu_session, url, parameter, value):
    response = isu_session.get(url, {parameter: value})
    assert response.status_code in (200, 400)
    assert "Enter a date between 2008-01-01 and 2100-12-31." in response.content.decode()


@pytest.fixture
def isu_session(client, isu):
    client.force_login(isu)
    return client
