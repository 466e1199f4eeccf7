"""The plausible range of a treaty date, declared once (issue 19, finding 3; issue 17, point 1).

The Convention was opened for signature on 3 December 2008; nothing it records happened before
2008 and nothing is planned past the horizon below. A date outside the range is a typing error
or an attack (`as_of=0001-01-01` made Python's date arithmetic overflow into a 500): every date
query parameter uses the fields here, so it answers 400 naming the parameter (API) or shows the
form's error (pages).
"""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

EARLIEST = date(2008, 1, 1)
LATEST = date(2100, 12, 31)


def validate_plausible_date(value: date) -> None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="out_of_range",
            params={"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        )


class PlausibleDateField(forms.DateField):
    """A form field for a treaty date: ISO 8601 (as the contract says) within EARLIEST…LATEST."""

    default_validators = [validate_plausible_date]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(*args, **kwargs)


class PlausibleDateFilter(django_filters.DateFilter):
    """django-filter's DateFilter with the plausible range (a bad value is the filterset's 400)."""

    field_class = PlausibleDateField


class PlausibleDateSerializerField(serializers.DateField):
    """The serializer field of a date query parameter (e.g. the stats' `as_of`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["iso-8601"])
        super().__init__(**kwargs)
        self.validators.append(_serializer_validator)


def _serializer_validator(value: date) -> None:
    try:
        validate_plausible_date(value)
    except ValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc
