"""Yearly progress on Article 3 (stockpile) and Article 4 (clearance) obligations.

Entered by the ISU, or fed from Article 7 figures through `assistance.progress.record_progress`.
The outlook (projected completion, at risk, close to completion) is computed from these rows in
`assistance.priority`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from obligations.models import EXTENDABLE_ARTICLES, Obligation

QUANTITY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class ProgressUnit(models.TextChoices):
    MUNITIONS = "munitions", _("cluster munitions")
    SUBMUNITIONS = "submunitions", _("submunitions")
    SQUARE_METRES = "m2", _("square metres")


class ProgressSource(models.TextChoices):
    ISU = "isu", _("Entered by the ISU")
    ARTICLE7 = "article7", _("Article 7 report")


class ProgressRecord(models.Model):
    obligation = models.ForeignKey(
        Obligation, verbose_name=_("obligation"), on_delete=models.PROTECT, related_name="progress_records"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    remaining = models.DecimalField(_("remaining at the end of the year"), **QUANTITY)
    done_in_year = models.DecimalField(_("destroyed or cleared in the year"), **QUANTITY)
    unit = models.CharField(_("unit"), max_length=12, choices=ProgressUnit.choices)
    source = models.CharField(_("source"), max_length=10, choices=ProgressSource.choices, default=ProgressSource.ISU)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["obligation", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "year"],
                name="progress_one_per_obligation_year",
                violation_error_message=_("There is already a progress record for this obligation and year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.obligation} {self.year}: {self.remaining} {self.unit} remaining"

    def clean(self) -> None:
        if self.obligation_id and self.obligation.article not in EXTENDABLE_ARTICLES:
            raise ValidationError({"obligation": _("Progress is recorded for Article 3 and 4 obligations only.")})
        if self.obligation_id and self.unit:
            expected = ProgressUnit.SQUARE_METRES if self.obligation.article == 4 else None
            if expected and self.unit != expected:
                raise ValidationError({"unit": _("Clearance (Article 4) is measured in square metres.")})
            if self.obligation.article == 3 and self.unit == ProgressUnit.SQUARE_METRES:
                raise ValidationError({"unit": _("Stockpiles (Article 3) are counted in munitions.")})
