"""Donors (their own pledges) and the ISU change and archive pledges in the browser, with clear
errors; amounts are shown and read as people write them; the payment field names its currency;
a new pledge starts in the donor's usual currency; each pledge page has its own title
(issue 10, point 8)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from assistance.form_fields import parse_amount
from assistance.models import Need, Pledge
from assistance.services import archive_pledge, record_disbursement
from tests.assistance.factories import NeedFactory, PledgeFactory


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def pledge(lao, donor, rates):
    need = NeedFactory(state=lao, title="Clearance in Xieng Khouang", amount_requested=Decimal("4000000"))
    made = PledgeFactory(
        need=need, donor=donor, amount=Decimal("20000000"), currency="NOK", pledged_on=date(2024, 3, 3)
    )
    record_disbursement(made.pk, date(2024, 6, 1), Decimal("8000000"))
    return made


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _edit_data(**changes):
    return {"amount": "20000000", "currency": "NOK", "committed_on": "", "notes": "", **changes}


def test_a_donor_changes_its_pledge_and_the_need_follows(pledge, donor_user):
    browser = client_for(donor_user)
    form = browser.get(f"/assistance/pledges/{pledge.pk}/edit/").content.decode()
    assert 'value="20,000,000.00"' in form and 'inputmode="decimal"' in form
    response = browser.post(f"/assistance/pledges/{pledge.pk}/edit/", _edit_data(amount="25,000,000"))
    assert response.status_code == 302 and response["Location"] == f"/assistance/pledges/{pledge.pk}/"
    assert Pledge.objects.get(pk=pledge.pk).amount == Decimal("25000000.00")
    assert Need.objects.get(pk=pledge.need_id).pledged_usd == Decimal("2375000.00")  # 25 M NOK × 0.095


def test_amounts_are_read_as_written_in_french(pledge, donor_user):
    browser = client_for(donor_user)
    form = browser.get(f"/assistance/pledges/{pledge.pk}/edit/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'value="20\xa0000\xa0000,00"' in form
    response = browser.post(
        f"/assistance/pledges/{pledge.pk}/edit/", _edit_data(amount="21 000 000,50"), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).amount == Decimal("21000000.50")


@pytest.mark.parametrize(
    ("lang", "typed", "read"),
    [
        ("en", "20,000,000.50", "20000000.50"),
        ("en", "20000000", "20000000"),
        ("en", "1.5", "1.5"),
        ("fr", "20 000 000,50", "20000000.50"),
        ("fr", "20\u202f000,5", "20000.5"),
        ("fr", "1500.50", "1500.50"),
        ("es", "20.000.000,50", "20000000.50"),
        ("es", "20.000.000", "20000000"),
        ("en", "1.000.000", "1.000.000"),  # no sense in English: left for the field to refuse
        ("en", "abc", "abc"),
    ],
)
def test_parse_amount(lang, typed, read):
    with translation.override(lang):
        assert parse_amount(typed) == read


def test_errors_name_the_field_with_formatted_amounts(pledge, donor_user):
    browser = client_for(donor_user)
    response = browser.post(f"/assistance/pledges/{pledge.pk}/edit/", _edit_data(amount="7000000"))
    page = response.content.decode()
    assert response.status_code == 200 and "Please correct the following" in page
    assert "Amount: Payments of 8,000,000.00 NOK have already been made against it." in page
    form = browser.get(f"/assistance/pledges/{pledge.pk}/edit/").content.decode()
    assert re.search(r'<select name="currency"[^>]* disabled', form)  # payments exist: the currency stays
    assert "Payments were recorded in this currency: it stays." in form
    assert browser.post(f"/assistance/pledges/{pledge.pk}/edit/", _edit_data(currency="EUR")).status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).currency == "NOK"
    response = browser.post(f"/assistance/pledges/{pledge.pk}/edit/", _edit_data(amount="20 million"))
    assert "Enter a number." in response.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).amount == Decimal("20000000.00")


def test_the_api_refuses_a_new_currency_once_paid(pledge, donor_client):
    response = donor_client.patch(f"/api/v1/pledges/{pledge.pk}/", {"currency": "EUR"}, format="json")
    assert response.status_code == 400
    assert response.json()["currency"] == ["Payments were recorded in NOK: the currency stays."]


def test_the_overpayment_message_leads_to_the_pledges_amount(pledge, donor_user):
    browser = client_for(donor_user)
    page = browser.get(f"/assistance/pledges/{pledge.pk}/").content.decode()
    assert "Amount paid (NOK)" in page and "Still to pay: 12,000,000.00 NOK." in page
    response = browser.post(
        f"/assistance/pledges/{pledge.pk}/disburse/", {"date": "2024-06-10", "amount": "13,000,000"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Payments would reach 21,000,000.00 NOK, more than the pledge of 20,000,000.00 NOK" in page
    assert f'href="/assistance/pledges/{pledge.pk}/edit/">Change the pledge\'s amount</a>' in page
    browser.post(f"/assistance/pledges/{pledge.pk}/edit/", _edit_data(amount="21000000"))
    response = browser.post(
        f"/assistance/pledges/{pledge.pk}/disburse/", {"date": "2024-06-10", "amount": "13,000,000"}
    )
    assert response.status_code == 302
    assert Pledge.objects.with_amounts().get(pk=pledge.pk).remaining_amount == Decimal("0.00")


@pytest.mark.parametrize("user_name", ["other_donor_user", "focal_point"])
def test_others_cannot_change_or_archive_a_pledge(request, pledge, user_name):
    browser = client_for(request.getfixturevalue(user_name))
    expected = 404 if user_name == "other_donor_user" else 403
    assert browser.get(f"/assistance/pledges/{pledge.pk}/edit/").status_code == expected
    assert browser.post(f"/assistance/pledges/{pledge.pk}/edit/", _edit_data(amount="1")).status_code == expected
    assert browser.post(f"/assistance/pledges/{pledge.pk}/archive/", {"reason": "x"}).status_code == expected
    anonymous = client_for().get(f"/assistance/pledges/{pledge.pk}/edit/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert Pledge.objects.get(pk=pledge.pk).amount == Decimal("20000000.00")


def test_the_isu_changes_any_pledge_its_donor_and_date(pledge, isu, other_donor):
    browser = client_for(isu)
    data = _edit_data(donor=other_donor.pk, pledged_on="2024-02-01", amount="20000000")
    assert browser.post(f"/assistance/pledges/{pledge.pk}/edit/", data).status_code == 302
    changed = Pledge.objects.get(pk=pledge.pk)
    assert (changed.donor, changed.pledged_on) == (other_donor, date(2024, 2, 1))


def test_archiving_from_the_browser(lao, donor, donor_user, pledge):
    spare = PledgeFactory(need=pledge.need, donor=donor, amount=Decimal("500"))
    browser = client_for(donor_user)
    assert Need.objects.get(pk=pledge.need_id).pledged_usd == Decimal("1900500.00")  # 20 M NOK × 0.095 + 500
    form = browser.get(f"/assistance/pledges/{spare.pk}/archive/")
    assert form.status_code == 200 and "Why is the pledge archived?" in form.content.decode()
    response = browser.post(f"/assistance/pledges/{spare.pk}/archive/", {"reason": "  "})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    response = browser.post(f"/assistance/pledges/{spare.pk}/archive/", {"reason": "Entered twice"})
    assert response.status_code == 302
    spare.refresh_from_db()
    assert spare.archived_on == date(2024, 6, 15) and spare.archive_reason == "Entered twice"
    assert Need.objects.get(pk=pledge.need_id).pledged_usd == Decimal("1900000.00")
    page = browser.get(f"/assistance/pledges/{spare.pk}/").content.decode()
    assert "Archived" in page and "Entered twice" in page and "Record a payment" not in page
    assert browser.get(f"/assistance/pledges/{spare.pk}/edit/").status_code == 302  # archived: not changed

    paid = browser.get(f"/assistance/pledges/{pledge.pk}/archive/").content.decode()
    assert "it cannot be archived" in paid and "<textarea" not in paid
    response = browser.post(f"/assistance/pledges/{pledge.pk}/archive/", {"reason": "Withdrawn"})
    assert response.status_code == 400 and "Payments were made against this pledge" in response.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).archived_on is None


def test_a_new_pledge_starts_in_the_donors_usual_currency(lao, donor, donor_user, other_donor_user, isu, pledge):
    need = NeedFactory(state=lao, currency="EUR")
    PledgeFactory(need=need, donor=donor, amount=Decimal("10"), currency="EUR", pledged_on=date(2023, 1, 1))
    PledgeFactory(need=need, donor=donor, amount=Decimal("10"), currency="NOK", pledged_on=date(2024, 1, 1))

    def default_currency(user):
        html = client_for(user).get(f"/assistance/needs/{need.pk}/pledge/").content.decode()
        return re.search(r'<option value="([A-Z]{3})" selected>', html).group(1)

    assert default_currency(donor_user) == "NOK"  # two NOK pledges, one EUR
    assert default_currency(other_donor_user) == "USD"  # no pledge yet
    assert default_currency(isu) == "USD"


def test_every_pledge_page_has_its_own_title(pledge, donor_user):
    browser = client_for(donor_user)
    titles = [
        _title(browser.get(path).content.decode())
        for path in (
            f"/assistance/pledges/{pledge.pk}/",
            f"/assistance/pledges/{pledge.pk}/edit/",
            f"/assistance/pledges/{pledge.pk}/archive/",
            f"/assistance/needs/{pledge.need_id}/pledge/",
            "/assistance/pledges/",
        )
    ]
    assert len(set(titles)) == len(titles), titles
    assert titles[0].startswith("Pledge of Norway to Lao People&#x27;s Democratic Republic — 20,000,000.00 NOK")


def test_notes_and_the_archive_reason_stay_between_insiders(lao, donor, donor_user, other_donor_user, focal_point):
    need = NeedFactory(state=lao, is_public=True)
    noted = PledgeFactory(need=need, donor=donor, amount=Decimal("10"), notes="Board approval pending")
    archived = PledgeFactory(need=need, donor=donor, amount=Decimal("10"))
    archive_pledge(archived.pk, "Minister changed his mind")
    for user, insider in [(None, False), (other_donor_user, False), (donor_user, True), (focal_point, True)]:
        noted_page = client_for(user).get(f"/assistance/pledges/{noted.pk}/").content.decode()
        archived_page = client_for(user).get(f"/assistance/pledges/{archived.pk}/").content.decode()
        assert ("Board approval pending" in noted_page) is insider, user
        assert ("Minister changed his mind" in archived_page) is insider, user
        assert "Archived" in archived_page
