from playwright.sync_api import expect

from reports.models import Report


def test_isu_enters_a_report_through_the_wizard(page, login, isu, lao, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    pdf = tmp_path / "lao-2016.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    login(page, isu)
    page.goto("/reports/")
    page.get_by_role("link", name="Enter a report").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Step 1 of 8")
    page.get_by_label("State").select_option(label="Lao People's Democratic Republic")
    page.get_by_label("Kind").select_option("annual")
    page.get_by_label("Year covered").fill("2016")
    page.get_by_label("Received on").fill("2017-04-28")
    page.get_by_label("Document (PDF)").set_input_files(str(pdf))
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Point of contact")
    page.get_by_label("Contact organisation").fill("National Regulatory Authority")
    page.get_by_label("Contact e-mail").fill("not an address")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a valid email address")
    expect(page.locator(".field-error")).to_contain_text("Enter a valid email address")
    page.get_by_label("Contact e-mail").fill("nra@example.la")
    page.get_by_role("button", name="Save draft and leave").click()

    # a draft, and the ISU comes back to it
    expect(page.locator("h1")).to_contain_text("draft")
    page.get_by_role("link", name="Cover page: status of each form").click()
    page.get_by_label("Stockpiles and their destruction", exact=True).select_option("unchanged")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Give the year since which this form is unchanged")
    page.get_by_label("Stockpiles and their destruction: unchanged since (year)").fill("2014")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Stockpiles, retained")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Contaminated area remaining (m²)").fill("1000000")
    page.get_by_label("Area cleared in the period (m²)").fill("25000")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # victims
    page.get_by_role("button", name="Save and continue").click()  # cooperation
    expect(page.get_by_role("heading", level=2)).to_contain_text("Step 8 of 8")
    page.get_by_role("button", name="Finish").click()

    expect(page.get_by_text("Report saved.")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("2017-04-30")
    expect(main).to_contain_text("Unchanged since 2014")
    # No longer a draft (the ISU's audit trail below records the change of the draft field).
    expect(page.locator("h1")).not_to_contain_text("draft")
    expect(main.locator(".audit-trail")).to_contain_text("draftyesno")
    report = Report.objects.get()
    assert not report.is_draft and report.contact_email == "nra@example.la"
    assert report.contaminated_area_remaining_m2 == 1000000
