"""Every role's main flow in a desktop window in English and in a phone-sized one in French
(`ui_page`), with axe on the pages the flow passes through. The English desktop flows of
test_assistance_flows.py / test_reports_*.py go deeper into each feature; these check that the
same journeys hold on a small screen and in another language."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from accounts.models import User
from assistance.models import Need, Pledge
from reports.models import Report
from tests.browser.conftest import assert_accessible
from tests.browser.ui_helpers import login_any_language, submit
from tests.ui import world

TEXT = {
    "en": {"attention": "What needs your attention", "saved": "Need saved.", "pledged": "Pledge recorded."},
    "fr": {
        "attention": "Ce qui demande votre attention",
        "saved": "Besoin enregistré.",
        "pledged": "Promesse enregistrée.",
    },
}


@pytest.fixture
def ui_world(lao, other_state, donor):
    with time_machine.travel(world.TODAY, tick=True):
        yield world.build(lao, other_state, donor)


def test_focal_point_submits_a_need(ui_page, ui_world, focal_point):
    page, text = ui_page, TEXT[ui_page.language]
    login_any_language(page, focal_point)
    expect(page.get_by_role("heading", level=1)).to_have_text(text["attention"])
    page.click("main a.button[href='/assistance/needs/new/']")
    page.select_option("#id_article", "5")
    page.fill("#id_title", "Mobile rehabilitation teams")
    page.select_option("#id_assistance_type", "training")
    page.fill("#id_amount_requested", "0")
    submit(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "need form with errors")
    page.fill("#id_amount_requested", "80000")
    page.fill("#id_own_deadline", "2027-12-31")
    submit(page)
    expect(page.locator(".messages")).to_contain_text(text["saved"])
    need = Need.objects.get(title="Mobile rehabilitation teams")
    assert (need.state_id, need.amount_requested, need.created_by_id) == (
        focal_point.state_id,
        Decimal("80000.00"),
        focal_point.pk,
    )
    page.goto("/")
    expect(page.locator("#my-needs-h + table")).to_contain_text("Mobile rehabilitation teams")


def test_donor_filters_needs_by_deadline_and_pledges(ui_page, ui_world, donor_user):
    page, text = ui_page, TEXT[ui_page.language]
    login_any_language(page, donor_user)
    page.goto("/assistance/")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(3)
    # htmx: changing the select refreshes the results in place and keeps the URL shareable.
    page.select_option("#id_deadline_window", "12")
    expect(rows).to_have_count(1)
    assert "deadline_window=12" in page.url
    expect(rows.first).to_contain_text("Rehabilitation services")
    assert_accessible(page, "needs filtered")
    page.click("#results tbody tr >> a >> nth=0")
    page.click(f"a[href='/assistance/needs/{ui_world['close'].pk}/pledge/']")
    page.fill("#id_amount", "25000")
    submit(page)
    expect(page.locator(".messages")).to_contain_text(text["pledged"])
    assert Pledge.objects.filter(need=ui_world["close"], amount=Decimal("25000.00")).exists()


def test_donor_filters_without_javascript(ui_page_factory, ui_world, donor_user, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    login_any_language(page, donor_user)
    page.goto("/assistance/")
    page.select_option("#id_deadline_window", "12")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "deadline_window=12" in page.url
    assert page.locator("#results tbody tr").count() == 1
    context.close()


def test_isu_enters_a_report_and_reads_the_dashboard(ui_page, ui_world, isu):
    page = ui_page
    login_any_language(page, isu)
    page.goto("/reports/new/")
    page.select_option("#id_state", label="Bosnia and Herzegovina")
    page.select_option("#id_kind", "annual")
    page.fill("#id_year", "2025")
    page.fill("#id_received_on", "2026-04-20")
    page.click("button[name=next]")
    page.wait_for_load_state()
    assert_accessible(page, "report entry step 2")
    page.click("button[name=leave]")
    page.wait_for_load_state()
    report = Report.objects.get(state__iso3="BIH", year=2025)
    assert report.is_draft and report.received_on == date(2026, 4, 20)
    page.goto("/reports/dashboard/?year=2025")
    expect(page.locator("main svg[role=img]").first).to_be_visible()
    assert_accessible(page, "dashboard")


def test_anyone_reads_a_state_profile(ui_page, ui_world):
    page = ui_page
    page.goto("/states/")
    page.click("a[href='/states/LAO/']")
    expect(page.locator(".timeline svg")).to_be_visible()
    expect(page.locator(".coverage svg")).to_be_visible()
    expect(page.locator("#reports-h")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == page.language
    assert_accessible(page, "state profile")


def test_language_switch_sticks(ui_page_factory, ui_world, focal_point):
    page = ui_page_factory("desktop", "en")
    page.goto("/states/")
    page.select_option("#language-select", "fr")
    page.click(".lang-switch button")
    page.wait_for_load_state()
    assert page.url.endswith("/states/")
    expect(page.get_by_role("heading", level=1)).to_have_text("États")
    page.goto("/assistance/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Besoins d'assistance")
    login_any_language(page, focal_point)
    page.select_option("#language-select", "es")
    page.click(".lang-switch button")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lo que requiere su atención")
    assert User.objects.get(pk=focal_point.pk).language == "es"
    # Another device, English by default: the account's language wins after logging in.
    other = ui_page_factory("phone", "en")
    login_any_language(other, focal_point)
    expect(other.get_by_role("heading", level=1)).to_have_text("Lo que requiere su atención")
    assert other.evaluate("document.documentElement.lang") == "es"
