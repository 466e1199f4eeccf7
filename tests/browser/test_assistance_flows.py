"""The three assistance flows of issue 3, in real Chromium.

Time is frozen (ticking) on a day after today's real date, so that the session cookie Django
sets is not already expired for the browser's own clock.
"""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

import treaty
from assistance.models import Disbursement, Need, Pledge
from tests.assistance.factories import NeedFactory, PledgeFactory
from tests.factories import ObligationFactory

TODAY = date(2030, 6, 15)


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(TODAY, tick=True):
        yield


def test_focal_point_submits_a_need_fixes_an_error_and_sees_status_and_pledges(page, login, focal_point, donor):
    ObligationFactory(state=focal_point.state, article=4)
    login(page, focal_point)
    page.get_by_label("Main").get_by_role("link", name="Needs", exact=True).click()
    page.get_by_role("link", name="Submit a need").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit a need")

    page.get_by_label("Article").select_option("4")
    page.get_by_label("Title").fill("Survey of Xieng Khouang province")
    page.get_by_label("Type of assistance").select_option("survey")
    page.get_by_label("Amount requested").fill("0")
    page.get_by_role("button", name="Save").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct the following")
    expect(summary).to_contain_text("Amount requested")
    expect(page.locator(".has-error .field-error")).to_contain_text("greater than or equal to 0.01")
    assert not Need.objects.exists()

    page.get_by_label("Amount requested").fill("120000")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey of Xieng Khouang province")
    expect(page.locator("#need-status")).to_have_text("Open")
    expect(page.get_by_text("No pledge yet.")).to_be_visible()
    need = Need.objects.get()
    assert need.state == focal_point.state and need.submitted_on == TODAY and need.created_by == focal_point

    PledgeFactory(need=need, donor=donor, amount=Decimal("20000"), pledged_on=TODAY)
    page.reload()
    expect(page.locator("#need-status")).to_have_text("Partially funded")
    expect(page.locator("#pledges")).to_contain_text("Norway")
    expect(page.locator("#pledges")).to_contain_text("Pledged")
    expect(page.locator("#gap-usd")).to_contain_text("100,000")


def test_donor_filters_pledges_commits_and_pays(page, login, donor_user, lao, other_state):
    soon = NeedFactory(
        state=lao, article=5, own_deadline=treaty.add_months(TODAY, 6), title="Prosthetics workshop", submitted_on=TODAY
    )
    NeedFactory(state=lao, article=5, own_deadline=treaty.add_months(TODAY, 30), title="Later need", submitted_on=TODAY)
    funded = NeedFactory(
        state=other_state, article=5, own_deadline=treaty.add_months(TODAY, 3), title="Funded need", submitted_on=TODAY
    )
    PledgeFactory(need=funded, donor=donor_user.donor, amount=funded.amount_requested, pledged_on=TODAY)

    login(page, donor_user)
    page.get_by_label("Main").get_by_role("link", name="Needs", exact=True).click()
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(3)
    page.get_by_label("Deadline within").select_option(label="Next 12 months")
    page.get_by_label("Has a funding gap").select_option(label="Yes")
    page.get_by_label("Sort by").select_option(label="Deadline")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Prosthetics workshop")
    expect(rows.first.get_by_role("img")).to_have_attribute("aria-label", "0% pledged, 0% disbursed")

    rows.first.get_by_role("link", name="Prosthetics workshop").click()
    page.get_by_role("link", name="Pledge to this need").click()
    page.get_by_label("Amount").fill("40000")
    page.get_by_role("button", name="Record the pledge").click()
    expect(page.get_by_text("Pledge recorded.")).to_be_visible()
    expect(page.locator("#need-status")).to_have_text("Partially funded")
    expect(page.locator("#pledges")).to_contain_text("Pledged")
    pledge = Pledge.objects.get(need=soon)
    assert pledge.donor == donor_user.donor and pledge.amount == Decimal("40000")

    # later: the agreement is signed, then a first payment, then one too many
    page.locator("#pledges").get_by_role("link", name="Norway").click()
    expect(page.locator("#pledge-status")).to_have_text("Pledged")
    page.get_by_role("button", name="Mark as committed").click()
    expect(page.locator("#pledge-status")).to_have_text("Committed")
    page.get_by_label("Amount paid").fill("15000")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.locator("#pledge-status")).to_have_text("Partly paid (37%)")  # the API says "disbursed"
    expect(page.locator("#pledge-disbursed")).to_contain_text("15,000.00")
    expect(page.locator("#pledge-remaining")).to_contain_text("25,000.00 USD")
    page.get_by_label("Amount paid").fill("30000")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_role("alert")).to_contain_text("more than the pledge")
    assert list(Disbursement.objects.values_list("amount", flat=True)) == [Decimal("15000.00")]
    pledge.refresh_from_db()
    assert pledge.committed_on == TODAY


def test_isu_sees_everything_corrects_and_exports_csv(page, login, isu, lao, other_state):
    NeedFactory(state=lao, title="Donors-only stockpile plan", is_public=False, submitted_on=TODAY)
    typo = NeedFactory(state=lao, title="Clearence of Xieng Khouang", submitted_on=TODAY)
    NeedFactory(state=other_state, title="Bosnian survey", submitted_on=TODAY)

    login(page, isu)
    page.get_by_label("Main").get_by_role("link", name="Needs", exact=True).click()
    expect(page.locator("table.data tbody tr")).to_have_count(3)
    expect(page.get_by_text("donors only")).to_be_visible()

    page.get_by_role("link", name="Clearence of Xieng Khouang").click()
    page.get_by_role("link", name="Edit this need").click()
    page.get_by_label("Title").fill("Clearance of Xieng Khouang")
    page.get_by_label("Submitted on").fill("2029-11-02")  # the ISU may enter an earlier date
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clearance of Xieng Khouang")
    typo.refresh_from_db()
    assert typo.title == "Clearance of Xieng Khouang" and typo.submitted_on == date(2029, 11, 2)
    assert typo.history.count() == 2  # the correction is in the audit trail

    page.get_by_label("Main").get_by_role("link", name="Needs", exact=True).click()
    page.get_by_label("State (ISO3)").fill("LAO")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.data tbody tr")).to_have_count(2)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this list (CSV)").click()
    download = download_info.value
    content = open(download.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {r["title"] for r in rows} == {"Clearance of Xieng Khouang", "Donors-only stockpile plan"}
    assert {r["state"] for r in rows} == {"LAO"}
