"""Money: amounts keep their ISO 4217 currency and date; totals convert to USD with the ISU's
exchange-rate table (one rate per currency per year, as OCHA FTS and IATI do).

A conversion without a rate is an error (`MissingExchangeRate`), never a silent zero: a total
that quietly drops a pledge would tell a donor a need is less funded than it is.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import DecimalField, F, OuterRef, Subquery, When
from django.db.models.functions import ExtractYear
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assistance.codes import CURRENCIES
from core.sql import Mul, SCase, SRound, SValue

USD = "USD"
MONEY = {"max_digits": 16, "decimal_places": 2}
RATE = {"max_digits": 18, "decimal_places": 8}
USD_FIELD = DecimalField(max_digits=28, decimal_places=2)


def format_money(amount: Decimal, currency: str) -> str:
    """An amount as a reader writes it in the active language: 20,000,000.00 NOK (English),
    20 000 000,00 NOK (French, Spanish)."""
    return f"{number_format(amount, 2, force_grouping=True)} {currency}"


def validate_currency(value: str) -> None:
    if value not in CURRENCIES:
        raise ValidationError(_("%(code)s is not an ISO 4217 currency code."), params={"code": value})


currency_validators = [
    RegexValidator(r"^[A-Z]{3}$", _("Three capital letters (ISO 4217), e.g. EUR.")),
    validate_currency,
]


def currency_field(**kwargs) -> models.CharField:
    return models.CharField(_("currency"), max_length=3, validators=currency_validators, **kwargs)


class MissingExchangeRate(ValidationError):  # noqa: N818 — the domain's name for it
    """No rate for this currency and year: the ISU must add one before the amount counts."""

    def __init__(self, currency: str, year: int, field: str = "currency"):
        self.currency, self.year, self.field = currency, year, field
        message = _(
            "No exchange rate for %(currency)s in %(year)s: the ISU must enter one before this amount can be "
            "converted to USD."
        ) % {"currency": currency, "year": year}
        super().__init__({field: [message]})


class ExchangeRate(models.Model):
    """US dollars per unit of a currency, for one calendar year (the ISU maintains the table)."""

    currency = currency_field()
    year = models.PositiveSmallIntegerField(_("year"))
    usd_per_unit = models.DecimalField(_("USD per unit"), **RATE, validators=[MinValueValidator(Decimal("0.00000001"))])
    source = models.CharField(_("source"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["currency", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "year"],
                name="exchange_rate_one_per_currency_year",
                violation_error_message=_("There is already a rate for this currency and year."),
            ),
            models.CheckConstraint(name="exchange_rate_positive", condition=models.Q(usd_per_unit__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.year}: {self.usd_per_unit} USD"

    def clean(self) -> None:
        if self.currency == USD:
            raise ValidationError({"currency": _("USD is always 1; it needs no rate.")})


def rate_for(currency: str, year: int) -> Decimal:
    if currency == USD:
        return Decimal(1)
    rate = ExchangeRate.objects.filter(currency=currency, year=year).values_list("usd_per_unit", flat=True).first()
    if rate is None:
        raise MissingExchangeRate(currency, year)
    return rate


def to_usd(amount: Decimal, currency: str, year: int) -> Decimal:
    """`amount` of `currency` in US dollars at the rate of `year`, rounded to the cent.

    Raises MissingExchangeRate (naming currency and year) when the ISU has no rate for them.
    """
    return (Decimal(amount) * rate_for(currency, year)).quantize(Decimal("0.01"))


def require_rate(currency: str | None, day, field: str = "currency") -> None:
    """For model clean(): a clear error on `field` when the amount could not be converted."""
    if currency and day and currency in CURRENCIES:
        try:
            rate_for(currency, day.year)
        except MissingExchangeRate as exc:
            raise MissingExchangeRate(currency, day.year, field) from exc


def rate_subquery(currency_ref: str, date_ref: str):
    """SQL: the rate (USD per unit) for the outer row's currency in the year of its date; NULL if missing."""
    rate = ExchangeRate.objects.filter(currency=OuterRef(currency_ref), year=ExtractYear(OuterRef(date_ref)))
    return SCase(
        When(**{currency_ref: USD}, then=SValue(Decimal(1), output_field=DecimalField(**RATE))),
        default=Subquery(rate.order_by().values("usd_per_unit")[:1], output_field=DecimalField(**RATE)),
        output_field=DecimalField(**RATE),
    )


def usd_expression(amount_ref: str, currency_ref: str, date_ref: str):
    """SQL: amount × rate(currency, year of date), to the cent; NULL (never 0) when the rate is missing."""
    product = Mul(F(amount_ref), rate_subquery(currency_ref, date_ref), output_field=USD_FIELD)
    return SRound(product, 2, output_field=USD_FIELD)
