from decimal import Decimal

import pytest

from assistance.models import ExchangeRate, MissingExchangeRate, Need, to_usd
from tests.assistance.factories import NeedFactory, PledgeFactory


def test_to_usd_uses_the_rate_of_the_year(rates):
    assert to_usd(Decimal("100"), "EUR", 2023) == Decimal("108.00")
    assert to_usd(Decimal("100"), "EUR", 2024) == Decimal("110.00")
    assert to_usd(Decimal("1000"), "NOK", 2024) == Decimal("95.00")
    assert to_usd(Decimal("12.34"), "USD", 1999) == Decimal("12.34")  # USD needs no rate


def test_missing_rate_is_an_error_naming_currency_and_year(rates):
    with pytest.raises(MissingExchangeRate) as error:
        to_usd(Decimal("100"), "CHF", 2024)
    assert error.value.message_dict["currency"][0].startswith("No exchange rate for CHF in 2024")
    with pytest.raises(MissingExchangeRate):
        to_usd(Decimal("100"), "NOK", 2023)  # a rate of another year is not used


def test_need_totals_convert_each_amount_at_its_own_year(lao, donor, other_donor, rates):
    need = NeedFactory(state=lao, amount_requested=Decimal("1000"), currency="EUR")  # 2024: 1100 USD
    PledgeFactory(need=need, donor=donor, amount=Decimal("2000"), currency="NOK")  # 190 USD
    PledgeFactory(need=need, donor=other_donor, amount=Decimal("500"), currency="EUR")  # 550 USD
    annotated = Need.objects.with_funding().get()
    assert annotated.amount_requested_usd == Decimal("1100.00")
    assert annotated.pledged_usd == Decimal("740.00")
    assert annotated.funding_gap_usd == Decimal("360.00")


def test_api_refuses_an_unknown_currency(focal_client, lao):
    response = focal_client.post(
        "/api/v1/needs/",
        {
            "state": "LAO",
            "article": 4,
            "title": "S",
            "assistance_type": "survey",
            "amount_requested": "5",
            "currency": "XYZ",
        },
    )
    assert response.status_code == 400 and "currency" in response.json()


def test_pledge_without_rate_is_refused(donor_client, lao, rates):
    need = NeedFactory(state=lao)
    response = donor_client.post("/api/v1/pledges/", {"need": need.pk, "amount": "10", "currency": "JPY"})
    assert response.status_code == 400
    assert "JPY" in response.json()["currency"][0]


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [("anon_client", 401), ("outsider_client", 403), ("donor_client", 403), ("focal_client", 403), ("isu_client", 201)],
)
def test_exchange_rates_are_written_by_the_isu_only(request, client_name, expected, lao, donor_user):
    client = request.getfixturevalue(client_name)
    response = client.post("/api/v1/exchange-rates/", {"currency": "GBP", "year": 2024, "usd_per_unit": "1.27"})
    assert response.status_code == expected
    assert ExchangeRate.objects.filter(currency="GBP").exists() == (expected == 201)
    assert client.get("/api/v1/exchange-rates/").status_code == 200


def test_exchange_rate_duplicate_and_usd_refused(isu_client, rates):
    assert (
        isu_client.post("/api/v1/exchange-rates/", {"currency": "EUR", "year": 2024, "usd_per_unit": "1"}).status_code
        == 400
    )
    response = isu_client.post("/api/v1/exchange-rates/", {"currency": "USD", "year": 2024, "usd_per_unit": "1"})
    assert response.status_code == 400 and "currency" in response.json()
    assert isu_client.delete(f"/api/v1/exchange-rates/{rates['EUR', 2024].pk}/").status_code == 405
