from datetime import date

from playwright.sync_api import expect

from tests.factories import ExtensionRequestFactory, MeetingFactory, ObligationFactory


def test_isu_logs_in_and_opens_a_state_profile(page, login, isu, lao):
    obligation = ObligationFactory(state=lao, article=4)
    meeting = MeetingFactory(code="9MSP", start_date=date(2019, 9, 2), end_date=date(2019, 9, 4))
    ExtensionRequestFactory(
        obligation=obligation,
        meeting=meeting,
        status="granted",
        decided_on=date(2019, 9, 4),
        granted_deadline=date(2025, 8, 1),
    )

    login(page, isu)
    expect(page.get_by_text("isabel")).to_be_visible()
    page.get_by_role("link", name="States").first.click()
    page.get_by_label("Search").fill("Lao")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Lao People's Democratic Republic").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Lao People's Democratic Republic")
    profile = page.locator("main")
    expect(profile).to_contain_text("2010-08-01")  # entry into force, Article 17
    expect(profile).to_contain_text("2020-08-01")  # Article 4 original deadline
    expect(profile).to_contain_text("2025-08-01")  # granted at 9MSP
    expect(page.get_by_role("img", name="Timeline of deadlines")).to_be_visible()
