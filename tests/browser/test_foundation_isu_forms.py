"""The ISU records an obligation and a granted extension through the forms, is stopped by the
five-year limit of Article 4(5), corrects the date, and sees the new deadline on the profile."""

import re
from datetime import date

from playwright.sync_api import expect

from obligations.models import ExtensionRequest, Obligation
from tests.factories import MeetingFactory


def test_isu_creates_an_obligation_and_records_a_granted_extension(page, login, isu, lao):
    MeetingFactory(
        code="9MSP", name="Ninth Meeting of States Parties", start_date=date(2019, 9, 2), end_date=date(2019, 9, 4)
    )

    login(page, isu)
    page.goto("/states/LAO/")
    page.get_by_role("link", name="Add an obligation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("New obligation")
    expect(page.get_by_label("State")).to_have_value(str(lao.pk))  # preselected from the profile
    page.get_by_label(re.compile(r"^Article")).select_option(label="Article 4 — clearance of contaminated areas")
    page.get_by_role("button", name="Save").click()

    main = page.locator("main")
    expect(main).to_contain_text("Obligation saved.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Article 4")
    expect(main).to_contain_text("2020-08-01")  # EIF 2010-08-01 + 10 years
    obligation = Obligation.objects.get(state=lao, article=4)

    page.get_by_role("link", name="Record an extension request").click()
    page.get_by_label("Deciding meeting").select_option(label="9MSP")
    page.get_by_label("Submitted on").fill("2018-11-30")
    page.get_by_label("Requested deadline").fill("2025-08-01")
    page.get_by_label("Status").select_option("granted")
    page.get_by_label("Decided on").fill("2019-09-04")
    page.get_by_label("Granted deadline").fill("2025-08-02")  # one day beyond five years
    page.get_by_role("button", name="Save").click()

    message = "One extension is at most 5 years under Article 4: 2025-08-01 at the latest."
    expect(page.get_by_role("alert")).to_contain_text(message)  # the error summary
    expect(page.locator("#id_granted_deadline_error")).to_have_text(message)  # next to the field
    expect(page.get_by_label("Granted deadline")).to_have_value("2025-08-02")  # what was typed is kept
    assert not ExtensionRequest.objects.exists()

    page.get_by_label("Granted deadline").fill("2025-08-01")
    page.get_by_role("button", name="Save").click()
    expect(main).to_contain_text("Extension request saved.")
    expect(page).to_have_url(f"{page.url.split('/obligations/')[0]}/obligations/{obligation.pk}/")

    page.get_by_role("link", name="Lao People's Democratic Republic").first.click()
    row = page.locator("table.data tbody tr").filter(has_text="Article 4")
    expect(row.first).to_contain_text("2020-08-01")  # original
    expect(row.first).to_contain_text("2025-08-01")  # current, after the grant at 9MSP
    obligation.refresh_from_db()
    assert obligation.current_deadline == date(2025, 8, 1)
