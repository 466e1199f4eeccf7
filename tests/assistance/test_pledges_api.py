import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from assistance.models import Disbursement, Need, Pledge
from assistance.services import record_disbursement
from tests.assistance.factories import NeedFactory, PledgeFactory


def _snapshot():
    return list(Pledge.objects.order_by("id").values()), list(Disbursement.objects.order_by("id").values())


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [
        ("anon_client", 401),
        ("outsider_client", 403),
        ("focal_client", 403),
        ("donor_client", 201),
        ("isu_client", 201),
    ],
)
def test_create_pledge(request, client_name, expected, lao, donor, donor_user):
    need = NeedFactory(state=lao)
    before = _snapshot()
    response = request.getfixturevalue(client_name).post(
        "/api/v1/pledges/", {"need": need.pk, "amount": "5000", "donor": donor.pk}
    )
    assert response.status_code == expected, response.content
    if expected == 201:
        body = response.json()
        assert (body["state"], body["article"], body["status"], body["donor_name"]) == ("LAO", 4, "pledged", "Norway")
        assert body["amount_usd"] == "5000.00" and body["pledged_on"] == "2024-06-15"
    else:
        assert _snapshot() == before


def test_donor_pledges_for_itself_only(donor_client, other_donor, lao):
    need = NeedFactory(state=lao)
    before = _snapshot()
    response = donor_client.post("/api/v1/pledges/", {"need": need.pk, "amount": "5", "donor": other_donor.pk})
    assert response.status_code == 403
    assert _snapshot() == before
    response = donor_client.post("/api/v1/pledges/", {"need": need.pk, "amount": "5"})  # defaults to its donor
    assert response.status_code == 201 and response.json()["donor_name"] == "Norway"


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [
        ("anon_client", 401),
        ("outsider_client", 403),
        ("focal_client", 403),
        ("other_donor_client", 403),
        ("donor_client", 200),
        ("isu_client", 200),
    ],
)
def test_update_pledge(request, client_name, expected, lao, donor, donor_user):
    pledge = PledgeFactory(need=NeedFactory(state=lao), donor=donor)
    before = _snapshot()
    response = request.getfixturevalue(client_name).patch(
        f"/api/v1/pledges/{pledge.pk}/", {"committed_on": "2024-06-01"}
    )
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["status"] == "committed"
    else:
        assert _snapshot() == before


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [
        ("anon_client", 401),
        ("outsider_client", 403),
        ("focal_client", 403),
        ("other_donor_client", 403),
        ("donor_client", 201),
        ("isu_client", 201),
    ],
)
def test_record_disbursement(request, client_name, expected, lao, donor, donor_user):
    pledge = PledgeFactory(need=NeedFactory(state=lao), donor=donor, amount=Decimal("1000"))
    before = _snapshot()
    response = request.getfixturevalue(client_name).post(
        f"/api/v1/pledges/{pledge.pk}/disbursements/", {"date": "2024-06-10", "amount": "400"}
    )
    assert response.status_code == expected
    if expected == 201:
        body = response.json()
        assert body["status"] == "disbursed" and body["disbursed_amount"] == "400.00"
        assert body["disbursements"] == [
            {"id": Disbursement.objects.get().pk, "date": "2024-06-10", "amount": "400.00"}
        ]
    else:
        assert _snapshot() == before


@pytest.mark.parametrize("client_name", ["anon_client", "donor_client", "isu_client"])
def test_pledges_are_never_deleted(request, client_name, lao, donor, donor_user):
    pledge = PledgeFactory(need=NeedFactory(state=lao), donor=donor)
    assert request.getfixturevalue(client_name).delete(f"/api/v1/pledges/{pledge.pk}/").status_code in (401, 405)
    assert Pledge.objects.filter(pk=pledge.pk).exists()


def test_payments_never_exceed_the_pledge(donor_client, lao, donor):
    pledge = PledgeFactory(need=NeedFactory(state=lao), donor=donor, amount=Decimal("1000"))
    url = f"/api/v1/pledges/{pledge.pk}/disbursements/"
    assert donor_client.post(url, {"date": "2024-05-01", "amount": "600"}).status_code == 201
    response = donor_client.post(url, {"date": "2024-06-01", "amount": "400.01"})
    assert response.status_code == 400 and "amount" in response.json()
    assert donor_client.post(url, {"date": "2024-06-01", "amount": "400"}).status_code == 201
    # lowering the pledge below what was paid is refused too
    response = donor_client.patch(f"/api/v1/pledges/{pledge.pk}/", {"amount": "900"})
    assert response.status_code == 400 and "amount" in response.json()
    assert Pledge.objects.get().amount == Decimal("1000")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"date": "2024-03-01", "amount": "10"}, "date"),  # before the pledge
        ({"date": "2024-07-01", "amount": "10"}, "date"),  # in the future
        ({"date": "2024-06-01", "amount": "-5"}, "amount"),
        ({"date": "June", "amount": "5"}, "date"),
        ({"date": "2024-06-01"}, "amount"),
    ],
)
def test_bad_disbursements(donor_client, lao, donor, payload, field):
    pledge = PledgeFactory(need=NeedFactory(state=lao), donor=donor, amount=Decimal("1000"))
    response = donor_client.post(f"/api/v1/pledges/{pledge.pk}/disbursements/", payload)
    assert response.status_code == 400 and field in response.json()
    assert not Disbursement.objects.exists()


def test_disbursement_converted_at_its_own_year(isu_client, lao, donor, rates):
    pledge = PledgeFactory(
        need=NeedFactory(state=lao), donor=donor, amount=Decimal("1000"), currency="EUR", pledged_on=date(2023, 6, 1)
    )
    record_disbursement(pledge.pk, date(2023, 12, 1), Decimal("100"))
    record_disbursement(pledge.pk, date(2024, 2, 1), Decimal("100"))
    body = isu_client.get(f"/api/v1/pledges/{pledge.pk}/").json()
    assert body["amount_usd"] == "1080.00"  # 2023 rate
    assert body["disbursed_amount_usd"] == "218.00"  # 108 + 110


def test_disbursement_without_a_rate_for_its_year(isu_client, lao, donor, rates):
    pledge = PledgeFactory(need=NeedFactory(state=lao), donor=donor, amount=Decimal("1000"), currency="NOK")
    with pytest.raises(Exception) as error:
        record_disbursement(pledge.pk, date(2023, 6, 1), Decimal("1"))
    assert "date" in error.value.message_dict  # pledged 2024-04-01: the date is the first problem


def test_pledge_state_and_article_follow_the_need(isu_client, lao, other_state, donor):
    need = NeedFactory(state=lao, article=4)
    response = isu_client.post("/api/v1/pledges/", {"need": need.pk, "amount": "1", "donor": donor.pk, "state": "BIH"})
    assert response.status_code == 400 and "state" in response.json()
    response = isu_client.post("/api/v1/pledges/", {"need": need.pk, "amount": "1", "donor": donor.pk, "article": 3})
    assert response.status_code == 400 and "article" in response.json()
    response = isu_client.post("/api/v1/pledges/", {"amount": "1", "donor": donor.pk})
    assert response.status_code == 400 and "state" in response.json()
    response = isu_client.post("/api/v1/pledges/", {"amount": "1", "donor": donor.pk, "state": "BIH", "article": 5})
    assert response.status_code == 201 and response.json()["need"] is None


def test_only_the_isu_backdates_a_pledge(donor_client, isu_client, lao, donor):
    need = NeedFactory(state=lao)
    response = donor_client.post("/api/v1/pledges/", {"need": need.pk, "amount": "1", "pledged_on": "2023-01-01"})
    assert response.status_code == 400 and "pledged_on" in response.json()
    response = isu_client.post(
        "/api/v1/pledges/", {"need": need.pk, "amount": "1", "pledged_on": "2023-01-01", "donor": donor.pk}
    )
    assert response.status_code == 201


def test_multi_year_schedule(donor_client, lao):
    need = NeedFactory(state=lao)
    payload = {
        "need": need.pk,
        "amount": "300",
        "planned_disbursements": [{"year": 2024, "amount": "100"}, {"year": 2025, "amount": "200"}],
    }
    response = donor_client.post("/api/v1/pledges/", payload, format="json")
    assert response.status_code == 201
    assert response.json()["planned_disbursements"] == [
        {"year": 2024, "amount": "100.00"},
        {"year": 2025, "amount": "200.00"},
    ]
    too_much = {**payload, "planned_disbursements": [{"year": 2024, "amount": "301"}]}
    response = donor_client.post("/api/v1/pledges/", too_much, format="json")
    assert response.status_code == 400 and "planned_disbursements" in response.json()


def test_pledge_filters(isu_client, lao, other_state, donor, other_donor):
    PledgeFactory(need=NeedFactory(state=lao), donor=donor)
    committed = PledgeFactory(need=NeedFactory(state=other_state), donor=other_donor, committed_on=date(2024, 5, 1))
    assert isu_client.get(f"/api/v1/pledges/?donor={donor.pk}").json()["count"] == 1
    assert isu_client.get("/api/v1/pledges/?state=BIH").json()["results"][0]["id"] == committed.pk
    assert isu_client.get("/api/v1/pledges/?status=committed").json()["count"] == 1
    for bad in ("donor=999999", "status=paid", "pledged_after=x", "article=8"):
        assert isu_client.get(f"/api/v1/pledges/?{bad}").status_code == 400, bad


# --- concurrency: two real database connections -----------------------------------------------------


def _in_thread(target, *args):
    errors = []

    def run():
        try:
            target(*args)
        except Exception as exc:  # noqa: BLE001 — reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    return thread, errors


@pytest.mark.django_db(transaction=True)
def test_two_donors_pledging_at_the_same_time_leave_correct_totals(lao, donor, other_donor):
    need = NeedFactory(state=lao, amount_requested=Decimal("1000"))
    barrier = threading.Barrier(2)

    def pledge(who, amount):
        barrier.wait(timeout=10)
        p = Pledge(need=need, donor=who, state=lao, article=4, amount=Decimal(amount), pledged_on=date(2024, 6, 15))
        p.full_clean()
        p.save()

    threads = [_in_thread(pledge, donor, "300"), _in_thread(pledge, other_donor, "450")]
    for thread, _errors in threads:
        thread.start()
    for thread, _errors in threads:
        thread.join(timeout=20)
    assert [e for _t, errors in threads for e in errors] == []
    funded = Need.objects.with_funding().get(pk=need.pk)
    assert funded.pledged_usd == Decimal("750.00")
    assert funded.funding_gap_usd == Decimal("250.00")
    assert funded.computed_status == "partially_funded"


@pytest.mark.django_db(transaction=True)
def test_two_payments_at_the_same_time_cannot_exceed_the_pledge(lao, donor):
    pledge = PledgeFactory(need=NeedFactory(state=lao), donor=donor, amount=Decimal("1000"))
    barrier = threading.Barrier(2)

    def pay():
        barrier.wait(timeout=10)
        record_disbursement(pledge.pk, date(2024, 6, 1), Decimal("600"))

    threads = [_in_thread(pay), _in_thread(pay)]
    for thread, _errors in threads:
        thread.start()
    for thread, _errors in threads:
        thread.join(timeout=20)
    errors = [e for _t, errs in threads for e in errs]
    assert len(errors) == 1 and "amount" in errors[0].message_dict
    assert Disbursement.objects.count() == 1
    assert sum(d.amount for d in Disbursement.objects.all()) == Decimal("600")
