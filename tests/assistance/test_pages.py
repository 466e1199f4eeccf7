"""The browser pages: who may open which form, what a refused write leaves behind, form errors."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from assistance.models import Disbursement, Need, Pledge
from tests.assistance.factories import NeedFactory, PledgeFactory


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


FORM = {
    "article": "4",
    "title": "Survey",
    "assistance_type": "survey",
    "amount_requested": "1000",
    "currency": "usd",
    "is_public": "on",
}


def test_anonymous_is_sent_to_login(lao):
    need = NeedFactory(state=lao)
    for path in (
        "/assistance/needs/new/",
        f"/assistance/needs/{need.pk}/edit/",
        f"/assistance/needs/{need.pk}/pledge/",
    ):
        response = client_for().get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("user_name", ["outsider", "donor_user"])
def test_need_form_refused_to_other_roles(request, user_name, lao):
    response = client_for(request.getfixturevalue(user_name)).post("/assistance/needs/new/", {**FORM, "state": lao.pk})
    assert response.status_code == 403
    assert not Need.objects.exists()


def test_focal_point_creates_for_its_own_state_only(focal_point, lao, other_state):
    response = client_for(focal_point).post("/assistance/needs/new/", {**FORM, "state": other_state.pk})
    need = Need.objects.get()
    assert response.status_code == 302 and need.state == lao and need.currency == "USD"  # state field ignored


def test_focal_point_cannot_edit_another_states_need(other_focal_point, lao):
    need = NeedFactory(state=lao, title="Kept")
    response = client_for(other_focal_point).post(f"/assistance/needs/{need.pk}/edit/", {**FORM, "title": "Changed"})
    assert response.status_code == 404
    assert Need.objects.get().title == "Kept"


def test_form_errors_are_shown_with_the_field(focal_point, lao, rates):
    response = client_for(focal_point).post("/assistance/needs/new/", {**FORM, "currency": "CHF", "title": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please correct the following" in page
    assert "Title: This field is required." in page
    assert not Need.objects.exists()
    response = client_for(focal_point).post("/assistance/needs/new/", {**FORM, "currency": "ABC"})
    assert "ABC is not an ISO 4217 currency code." in response.content.decode()


def test_isu_closes_a_need_and_backdates_it(isu, lao):
    need = NeedFactory(state=lao)
    data = {**FORM, "state": lao.pk, "submitted_on": "2023-02-01", "close": "on"}
    assert client_for(isu).post(f"/assistance/needs/{need.pk}/edit/", data).status_code == 302
    need.refresh_from_db()
    assert need.closed_on == date(2024, 6, 15) and need.submitted_on == date(2023, 2, 1)
    assert need.history.count() == 2


def test_pledge_form_for_donors(donor_user, focal_point, lao):
    need = NeedFactory(state=lao)
    assert (
        client_for(focal_point)
        .post(f"/assistance/needs/{need.pk}/pledge/", {"amount": "5", "currency": "USD"})
        .status_code
        == 403
    )
    response = client_for(donor_user).post(f"/assistance/needs/{need.pk}/pledge/", {"amount": "5", "currency": "USD"})
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.donor, pledge.state, pledge.article, pledge.pledged_on) == (
        donor_user.donor,
        lao,
        4,
        date(2024, 6, 15),
    )


def test_commit_and_disburse_are_the_pledges_donors(donor_user, other_donor_user, lao, donor):
    pledge = PledgeFactory(need=NeedFactory(state=lao), donor=donor, amount=Decimal("100"))
    other = client_for(other_donor_user)
    assert other.post(f"/assistance/pledges/{pledge.pk}/commit/", {"committed_on": "2024-06-01"}).status_code == 404
    assert (
        other.post(f"/assistance/pledges/{pledge.pk}/disburse/", {"date": "2024-06-01", "amount": "5"}).status_code
        == 404
    )
    assert (
        client_for().post(f"/assistance/pledges/{pledge.pk}/commit/", {"committed_on": "2024-06-01"}).status_code == 403
    )
    pledge.refresh_from_db()
    assert pledge.committed_on is None and not Disbursement.objects.exists()

    own = client_for(donor_user)
    response = own.post(f"/assistance/pledges/{pledge.pk}/commit/", {"committed_on": "2024-03-01"})
    assert response.status_code == 400 and "committed on or after" in response.content.decode()
    assert own.post(f"/assistance/pledges/{pledge.pk}/commit/", {"committed_on": "2024-06-01"}).status_code == 302
    response = own.post(f"/assistance/pledges/{pledge.pk}/disburse/", {"date": "2024-06-02", "amount": "101"})
    assert response.status_code == 400 and "more than the pledge" in response.content.decode()
    assert (
        own.post(f"/assistance/pledges/{pledge.pk}/disburse/", {"date": "2024-06-02", "amount": "100"}).status_code
        == 302
    )
    assert Pledge.objects.with_amounts().get().computed_status == "disbursed"


def test_list_page_filters_and_bad_values(lao, other_state):
    NeedFactory(state=lao, title="Lao need")
    NeedFactory(state=other_state, title="Bosnian need")
    page = client_for().get("/assistance/?region=europe").content.decode()
    assert "Bosnian need" in page and "Lao need" not in page
    page = client_for().get("/assistance/?deadline_before=soon").content.decode()
    assert "Enter a valid date" in page and "Lao need" not in page
    assert "format=csv" in client_for().get("/assistance/?state=LAO").content.decode()


def test_state_profile_panel(lao, donor):
    need = NeedFactory(state=lao, title="Panel need", amount_requested=Decimal("1000"))
    PledgeFactory(need=need, donor=donor, amount=Decimal("250"))
    page = client_for().get("/states/LAO/").content.decode()
    assert "Needs and funding" in page and "Panel need" in page and "25% of the 1,000 USD" in page


def test_outlook_page(lao):
    from tests.assistance.factories import ProgressRecordFactory
    from tests.factories import ObligationFactory

    obligation = ObligationFactory(state=lao, article=4)
    ProgressRecordFactory(obligation=obligation, year=2023, remaining=Decimal("50"), done_in_year=Decimal("100"))
    page = client_for().get("/assistance/outlook/").content.decode()
    close_section, table = page.split("All active Article 3 and 4 obligations")
    assert "Lao People&#x27;s Democratic Republic — Article 4" in close_section  # 50 left, 100 done a year
    assert "2024-06-30" in table  # end of 2023 + 50/100 of a year
    assert "at risk" in table  # the deadline was 2020-08-01
