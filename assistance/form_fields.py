"""Form fields for money: amounts typed as people write them in their language, and currencies
picked from a list."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext_lazy as _

from assistance.codes import CURRENCIES
from assistance.models import ExchangeRate
from assistance.models.money import USD

# Currencies donors pledge in most, offered first with those of the ISU's rate table.
COMMON_CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY", "NOK", "SEK", "DKK", "CAD", "AUD", "NZD")

_GROUPING_MARKS = re.compile(r"[\s\u00a0\u202f'’_]")  # spaces (no-break ones too), apostrophes


def _grouped(text: str, mark: str) -> bool:
    """'20,000,000' with mark ',': groups of three digits."""
    return re.fullmatch(rf"[-+]?\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+", text) is not None


def parse_amount(text: str) -> str:
    """An amount as typed, as a plain decimal string ("20000000.50"), or the text unchanged when
    it makes no sense (the field then says "Enter a number").

    Spaces and apostrophes group digits in every language. The language's decimal separator
    ("." in English, "," in French and Spanish) is the decimal point; the other mark groups
    thousands when it splits the digits in threes ("20.000.000" in Spanish, "20,000,000" in
    English), and is a decimal point otherwise ("1500.50" typed on a French page)."""
    original, text = text, _GROUPING_MARKS.sub("", text.strip())
    point = get_format("DECIMAL_SEPARATOR")
    other = "," if point == "." else "."
    if point in text:
        whole, _sep, cents = text.rpartition(point)
        if other in whole:
            if not _grouped(whole, other):
                return original
            whole = whole.replace(other, "")
        return f"{whole}.{cents}"
    if other in text:
        if _grouped(text, other):
            return text.replace(other, "")
        if text.count(other) == 1:
            return text.replace(other, ".")
        return original
    return text


class MoneyField(forms.DecimalField):
    """An amount in a text box (a number input refuses grouping and decimal commas), shown grouped
    in the reader's language and read back whichever way it is typed (`parse_amount`)."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if isinstance(value, str):
            value = parse_amount(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, (Decimal, int)):
            return number_format(value, 2, force_grouping=True)
        return value


def currency_choices() -> list:
    """The rate table's currencies and the common ones first, then every other ISO 4217 code (a
    need in one of those is accepted; its USD equivalent waits for the ISU's rate). Evaluated when
    the list is shown, not when a form is only validated."""
    frequent = sorted({USD, *COMMON_CURRENCIES, *ExchangeRate.objects.values_list("currency", flat=True).distinct()})
    others = sorted(CURRENCIES - set(frequent))
    return [
        (_("Rate table and common currencies"), [(code, code) for code in frequent]),
        (_("Other ISO 4217 currencies"), [(code, code) for code in others]),
    ]


class CurrencySelect(forms.Select):
    """A list of ISO 4217 codes (the model field's validators still check what is sent)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=currency_choices)
