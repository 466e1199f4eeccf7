"""core/lists.py: every list page filters, sorts and pages the same way, and answers an htmx
filter change with its results only."""

import pytest

from tests.factories import StateFactory

pytestmark = pytest.mark.django_db

LIST_PAGES = ["/states/", "/obligations/", "/assistance/", "/assistance/experience/", "/reports/"]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize("url", LIST_PAGES)
def test_an_htmx_filter_change_gets_the_results_only(client, url):
    response = client.get(url, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="results" class="results">')
    assert "<html" not in html and 'class="filters"' not in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("url", LIST_PAGES)
def test_a_plain_request_and_a_history_restore_get_the_whole_page(client, url):
    for extra in ({}, {**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}):
        html = client.get(url, **extra).content.decode()
        assert "<html" in html and '<div id="results" class="results">' in html and 'class="filters"' in html


def test_the_reminder_log_results_for_the_isu(client, isu):
    client.force_login(isu)
    html = client.get("/reports/reminders/", **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="results"') and "Recipients who stopped" not in html
    assert "Recipients who stopped" in client.get("/reports/reminders/").content.decode()


def test_filter_sort_and_page_together(client):
    for name in ("Chile", "Austria", "Benin"):
        StateFactory(name=name, region="europe" if name == "Austria" else "americas")
    response = client.get("/states/?region=americas&ordering=-name", **HTMX)
    assert [s.name for s in response.context["page"].object_list] == ["Chile", "Benin"]


def test_invalid_filters_list_nothing_and_say_why(client):
    StateFactory()
    response = client.get("/states/?status=nonsense")
    assert response.context["page"].paginator.count == 0
    assert response.context["filter"].errors["status"]
