"""One design: navigation by role, the home page per role, sortable tables, the language switch."""

from __future__ import annotations

import re

import pytest
import time_machine

from accounts.models import User
from tests.ui import world


@pytest.fixture
def ui_world(lao, other_state, donor):
    with time_machine.travel(world.TODAY, tick=False):
        yield world.build(lao, other_state, donor)


@pytest.fixture
def at_today():
    with time_machine.travel(world.TODAY, tick=False):
        yield


def nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Main".*?</nav>', html, re.S).group(0)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


def test_navigation_fits_the_role(client, db, isu, focal_point, donor_user):
    assert nav_links(client.get("/").content.decode()) == ["States", "Obligations", "Needs", "Reports", "Dashboard"]
    client.force_login(focal_point)
    assert nav_links(client.get("/").content.decode()) == ["My state", "Needs", "Reports", "Obligations", "States"]
    client.force_login(donor_user)
    assert nav_links(client.get("/").content.decode()) == ["Needs", "Our pledges", "States", "Dashboard"]
    client.force_login(isu)
    links = nav_links(client.get("/").content.decode())
    assert links == ["States", "Obligations", "Needs", "Pledges", "Reports", "Dashboard", "Reminders"]


def test_current_page_is_marked(client, db):
    html = client.get("/assistance/").content.decode()
    assert re.search(r'<a href="/assistance/" aria-current="page">Needs</a>', html)


def test_home_of_a_focal_point(client, ui_world, focal_point, at_today):
    client.force_login(focal_point)
    response = client.get("/")
    focal = response.context["focal"]
    assert [n.title for n in focal["needs"]] == ["Rehabilitation services", "Prosthetics workshop"]
    assert {p.pk for p in focal["pledges"]} == {ui_world["pledged"].pk, ui_world["committed"].pk}
    assert [o.article for o in focal["deadlines"]] == [4]
    # LAO (EIF 2010-08-01) owes its 2025 annual report by 2026-04-30: overdue on 2026-06-15.
    assert [(r.kind, r.year, r.status) for r in focal["reports_to_do"] if r.year == 2025] == [
        ("annual", 2025, "overdue")
    ]
    assert "donor" not in response.context and "isu" not in response.context
    html = response.content.decode()
    assert "Article 7 reports to submit" in html and "Submit a need" in html


def test_home_of_a_donor(client, ui_world, donor_user, at_today):
    client.force_login(donor_user)
    donor = client.get("/").context["donor"]
    # Within 18 months and with a gap: the rehabilitation need (2027-03-01), not the 2030 one.
    assert [n.title for n in donor["close_needs"]] == ["Rehabilitation services"]
    assert [p.pk for p in donor["to_commit"]] == [ui_world["pledged"].pk]
    assert [p.pk for p in donor["to_pay"]] == [ui_world["committed"].pk]


def test_home_of_the_isu(client, ui_world, isu, at_today):
    client.force_login(isu)
    context = client.get("/").context["isu"]
    overdue = {r["state"].iso3: r["count"] for r in context["overdue_reports"]}
    assert overdue["LAO"] >= 1 and overdue["BIH"] >= 1
    assert [e.obligation.state.iso3 for e in context["pending_extensions"]] == ["LAO"]
    assert [n.title for n in context["new_needs"]] == ["Rehabilitation services"]


def test_home_of_a_visitor_hides_donors_only_needs(client, ui_world, at_today):
    response = client.get("/")
    assert response.context["role"] == "anonymous"
    grid = response.context["region_grid"]
    assert sum(c["count"] for c in grid["cells"]) == 2  # the BIH need is donors-only
    assert 'role="img"' in response.content.decode()


def test_home_empty_states_say_what_to_do(client, focal_point, at_today):
    client.force_login(focal_point)
    html = client.get("/").content.decode()
    assert "Submit one so donors can see what you need" in html


@pytest.mark.parametrize(
    ("path", "key", "first"),
    [
        ("/states/", "-name", "Norway"),
        ("/states/", "name", "Bosnia and Herzegovina"),
        ("/obligations/", "-state", "Lao People&#x27;s Democratic Republic"),
        ("/assistance/", "title", "Prosthetics workshop"),
        ("/assistance/", "-title", "Rehabilitation services"),
    ],
)
def test_tables_sort_by_column_with_aria_sort(client, ui_world, path, key, first, at_today):
    html = client.get(path, {"ordering": key}).content.decode()
    body = html.split("<tbody>", 1)[1]
    assert body.index(first) < min(body.index(x) for x in ("</tbody>",))
    rows = re.findall(r"<tr>\s*<td><a [^>]*>([^<]+)</a>", body)
    assert rows[0] == first
    direction = "descending" if key.startswith("-") else "ascending"
    assert f'aria-sort="{direction}"' in html


def test_sort_links_keep_filters_and_drop_the_page(client, ui_world, at_today):
    html = client.get("/states/", {"status": "party", "page": "1"}).content.decode()
    assert 'href="?status=party&amp;ordering=-name"' in html  # name is the default order: next is descending
    assert 'href="?status=party&amp;ordering=region"' in html


def test_unknown_ordering_falls_back_to_the_default(client, ui_world, at_today):
    assert client.get("/states/", {"ordering": "password"}).status_code == 200
    assert client.get("/assistance/", {"ordering": "-nope"}).status_code == 200


def test_filter_forms_are_enhanced_by_htmx_but_work_without(client, db):
    html = client.get("/assistance/").content.decode()
    assert 'method="get" action="/assistance/"' in html
    assert 'hx-get="/assistance/"' in html and 'hx-target="#results"' in html and 'hx-push-url="true"' in html
    assert '<div id="results"' in html
    assert re.search(r'<script src="/static/vendor/htmx/htmx\.min\.js" defer></script>', html)


def test_language_switch_sets_the_cookie_and_the_account(client, focal_point):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/states/"})
    assert response.status_code == 302 and response["Location"] == "/states/"
    assert response.cookies["django_language"].value == "fr"
    client.force_login(focal_point)
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    focal_point.refresh_from_db()
    assert focal_point.language == "es"
    assert '<html lang="es">' in client.get("/").content.decode()


def test_saved_language_wins_on_a_new_device(client, focal_point):
    User.objects.filter(pk=focal_point.pk).update(language="fr")
    client.force_login(focal_point)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr">' in response.content.decode()
    assert response.cookies["django_language"].value == "fr"


def test_language_switch_refuses_unknown_languages_and_get(client, focal_point):
    client.force_login(focal_point)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    focal_point.refresh_from_db()
    assert focal_point.language == ""
    assert client.get("/i18n/setlang/").status_code == 405


def test_state_profile_shows_funding_coverage(client, ui_world, at_today):
    html = client.get("/states/LAO/").content.decode()
    # 50 000 pledged + 20 000 of 350 000 requested = 20 %.
    assert "20% of the 350,000 USD requested in open needs is pledged." in html
    assert re.search(r'class="coverage".*?aria-label="20% pledged, 0% disbursed"', html, re.S)


def test_numbers_follow_the_reader_language(client, ui_world, at_today):
    html = client.get("/states/LAO/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "350\u202f000 USD" in html or "350 000 USD" in html or "350\xa0000 USD" in html


@pytest.mark.parametrize(
    "path", ["/states/", "/obligations/", "/assistance/", "/reports/", "/assistance/experience/", "/reports/reminders/"]
)
def test_every_filter_form_has_its_results_target(client, isu, path):
    client.force_login(isu)
    html = client.get(path).content.decode()
    assert 'hx-target="#results"' in html and '<div id="results" class="results">' in html
    # The form stays outside the swapped part, so what the reader is typing is never replaced.
    assert html.index('<form method="get"') < html.index('<div id="results"')
