from datetime import date

from playwright.sync_api import expect

from tests.factories import ObligationFactory, StateFactory
from tests.reports.factories import ReportFactory


def test_isu_reads_the_dashboard_for_a_year_and_date(page, login, isu):
    states = [StateFactory(iso3=f"D{chr(65 + i // 26)}{chr(65 + i % 26)}", name=f"Dashland {i:02d}") for i in range(50)]
    for state in states[:41]:
        ReportFactory(state=state, year=2016, received_on=date(2017, 5, 2))
    ReportFactory(state=states[41], year=2016, received_on=date(2018, 1, 5))  # after the as-of date
    ObligationFactory(state=states[0], article=3)  # deadline 2018-08-01

    login(page, isu)
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_label("Year", exact=True).fill("2016")
    page.get_by_label("As of", exact=True).fill("2017-12-20")
    page.get_by_role("button", name="Show").click()

    expect(page.locator("#headline")).to_contain_text(
        "82% of Article 7 reports for 2016 received as of 20 December 2017"
    )
    expect(page.locator("#headline")).to_contain_text("9 awaited")
    outstanding = page.get_by_role("table", name="Annual reports for 2016 outstanding")
    expect(outstanding).to_contain_text("Dashland 41")
    expect(outstanding.locator("tbody tr")).to_have_count(9)
    expect(page.get_by_role("img", name="Annual reports received (%)")).to_be_visible()
    expect(page.get_by_role("table", name="Upcoming deadlines and extension-request due dates")).to_contain_text(
        "2018-08-01"
    )
    with page.expect_download() as download:
        page.locator("a[href*='outstanding.csv']").first.click()
    assert download.value.suggested_filename == "outstanding-2016-as-of-2017-12-20.csv"
