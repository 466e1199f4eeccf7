"""Money in real Chromium: a donor changes and archives its pledges; a focal point submits a need
in a currency the ISU has no rate for yet, the ISU is told and enters the rate (issue 10, points
7, 8 and 13). Pages are checked with axe on the way."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from assistance.models import ExchangeRate, Need, Pledge
from assistance.services import record_disbursement
from tests.assistance.factories import ExchangeRateFactory, NeedFactory, PledgeFactory
from tests.browser.conftest import assert_accessible

TODAY = date(2030, 6, 15)


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(TODAY, tick=True):
        yield


def test_a_donor_changes_a_pledge_after_an_overpayment_and_archives_another(
    ui_page_factory, login, donor_user, donor, lao
):
    ExchangeRateFactory(currency="NOK", year=2030, usd_per_unit=Decimal("0.1"))
    need = NeedFactory(state=lao, title="Clearance in Xieng Khouang", amount_requested=Decimal("5000000"))
    pledge = PledgeFactory(
        need=need, donor=donor, amount=Decimal("20000000"), currency="NOK", pledged_on=date(2030, 3, 3)
    )
    record_disbursement(pledge.pk, date(2030, 6, 1), Decimal("8000000"))
    spare = PledgeFactory(need=need, donor=donor, amount=Decimal("500000"), currency="NOK", pledged_on=TODAY)

    page = ui_page_factory("desktop", "en")
    login(page, donor_user)
    page.get_by_label("Main").get_by_role("link", name="Our pledges").click()
    expect(page.locator("table.data")).to_contain_text("Partly paid (40%)")
    page.locator("tr", has_text="Partly paid (40%)").get_by_role("link", name="Norway").click()
    expect(page.locator("#pledge-status")).to_have_text("Partly paid (40%)")
    expect(page.locator("#pledge-remaining")).to_contain_text("12,000,000.00 NOK")
    assert page.title().startswith("Pledge of Norway to Lao People's Democratic Republic — 20,000,000.00 NOK")

    # A payment larger than what remains: the message leads to the pledge's amount.
    expect(page.get_by_label("Amount paid (NOK)")).to_be_visible()
    expect(page.get_by_text("Still to pay: 12,000,000.00 NOK.")).to_be_visible()
    page.get_by_label("Amount paid (NOK)").fill("13,000,000")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Payments would reach 21,000,000.00 NOK, more than the pledge of 20,000,000.00 NOK"
    )
    assert_accessible(page, "payment refused")
    page.get_by_role("link", name="Change the pledge's amount", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Change the pledge of Norway to Lao People's Democratic Republic"
    )
    amount = page.get_by_label("Amount")
    expect(amount).to_have_value("20,000,000.00")
    expect(page.get_by_label("Currency")).to_have_value("NOK")
    amount.fill("7,000,000")
    page.get_by_role("button", name="Save the pledge").click()
    expect(page.get_by_role("alert")).to_contain_text("Payments of 8,000,000.00 NOK have already been made")
    assert_accessible(page, "pledge form with an error")
    page.get_by_label("Amount").fill("21,000,000")
    page.get_by_role("button", name="Save the pledge").click()
    expect(page.get_by_text("Pledge saved.")).to_be_visible()
    expect(page.locator("#pledge-amount")).to_contain_text("21,000,000.00 NOK")
    expect(page.locator("#pledge-remaining")).to_contain_text("13,000,000.00 NOK")
    page.get_by_label("Amount paid (NOK)").fill("13,000,000")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.locator("#pledge-status")).to_have_text("Paid in full")
    assert Pledge.objects.get(pk=pledge.pk).amount == Decimal("21000000.00")
    assert Need.objects.get(pk=need.pk).disbursed_usd == Decimal("2100000.00")

    # The spare pledge was entered twice: archive it, with a reason.
    page.goto(f"/assistance/pledges/{spare.pk}/")
    page.get_by_role("link", name="Archive this pledge").click()
    page.get_by_role("button", name="Archive this pledge").click()
    expect(page.get_by_role("alert")).to_contain_text("This field is required.")
    page.get_by_label("Why is the pledge archived?").fill("Entered twice")
    page.get_by_role("button", name="Archive this pledge").click()
    expect(page.locator("#pledge-status")).to_have_text("Archived")
    expect(page.get_by_role("link", name="Change this pledge")).to_have_count(0)
    assert Need.objects.get(pk=need.pk).pledged_usd == Decimal("2100000.00")  # the spare counts no more


def test_a_need_in_a_currency_without_a_rate_waits_for_it(ui_page_factory, login, focal_point, isu, lao):
    page = ui_page_factory("desktop", "en")
    login(page, focal_point)
    page.goto("/assistance/needs/new/")
    page.get_by_label("Article").select_option("4")
    page.get_by_label("Title").fill("Survey of Sepon district")
    page.get_by_label("Type of assistance").select_option("survey")
    page.get_by_label("Amount requested").fill("5,000,000,000")
    page.get_by_label("Currency").select_option("LAK")
    assert_accessible(page, "need form with the currency list")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey of Sepon district")
    expect(page.locator("#requested")).to_contain_text("5,000,000,000.00 LAK")
    expect(page.locator("#requested")).to_contain_text("USD equivalent pending a rate")
    expect(page.locator("#gap-usd")).to_have_text("pending a rate")
    expect(page.get_by_text("No exchange rate: the amount cannot be compared.")).to_be_visible()
    need = Need.objects.get()
    assert need.currency == "LAK" and need.amount_requested_usd is None

    isu_page = ui_page_factory("desktop", "en")
    login(isu_page, isu)
    panel = isu_page.locator("section", has=isu_page.get_by_role("heading", name="Exchange rates to enter"))
    expect(panel).to_contain_text("LAK 2030")
    expect(panel.get_by_role("link", name="Survey of Sepon district")).to_be_visible()
    assert_accessible(isu_page, "ISU home with rates to enter")
    ExchangeRate.objects.create(currency="LAK", year=2030, usd_per_unit=Decimal("0.00005"))  # the admin way
    isu_page.reload()
    expect(isu_page.get_by_role("heading", name="Exchange rates to enter")).to_have_count(0)

    page.reload()
    expect(page.locator("#requested")).to_contain_text("(250,000 USD)")
    expect(page.locator("#gap-usd")).to_have_text("250,000 USD")
