"""States and their treaty status. Entry into force is derived, never typed in (Article 17)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

import treaty
from states.regions import REGION_CHOICES


class TreatyStatus(models.TextChoices):
    PARTY = "party", _("State Party")
    SIGNATORY = "signatory", _("Signatory")
    NON_SIGNATORY = "non_signatory", _("Not a signatory")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Instrument(models.TextChoices):
    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    SUCCESSION = "succession", _("Succession")


class StateQuerySet(models.QuerySet):
    def parties(self, on: date | None = None) -> StateQuerySet:
        """States Parties; with `on`, those bound on that day (entered into force, not withdrawn)."""
        if on is None:
            return self.filter(status=TreatyStatus.PARTY)
        return self.filter(entry_into_force__lte=on).exclude(withdrawal_effective_on__lte=on)


class State(models.Model):
    iso3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("region"), max_length=10, choices=REGION_CHOICES)
    status = models.CharField(_("treaty status"), max_length=15, choices=TreatyStatus.choices)
    signature_date = models.DateField(_("signature date"), null=True, blank=True)
    deposit_date = models.DateField(
        _("deposit date"), null=True, blank=True, help_text=_("Instrument of ratification, accession… deposited.")
    )
    instrument = models.CharField(_("instrument"), max_length=15, choices=Instrument.choices, blank=True)
    withdrawal_date = models.DateField(
        _("withdrawal date"), null=True, blank=True, help_text=_("Instrument of withdrawal received (Article 20).")
    )
    # Derived from the dates above in save(); stored so that lists filter and sort on them.
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True, editable=False)
    withdrawal_effective_on = models.DateField(_("withdrawal effective"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(name="state_iso3_is_three_capitals", condition=models.Q(iso3__regex=r"^[A-Z]{3}$")),
            models.CheckConstraint(
                name="state_party_has_deposit",
                condition=~models.Q(status__in=["party", "withdrawn"]) | models.Q(deposit_date__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("states:detail", args=[self.iso3])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.iso3:
            self.iso3 = self.iso3.upper()
        needs_deposit = self.status in (TreatyStatus.PARTY, TreatyStatus.WITHDRAWN)
        if needs_deposit and not self.deposit_date:
            errors["deposit_date"] = _("A State Party (or a state that withdrew) has a deposit date.")
        if self.status in (TreatyStatus.SIGNATORY, TreatyStatus.NON_SIGNATORY) and self.deposit_date:
            errors["status"] = _("A state that deposited its instrument is a State Party, not a signatory.")
        if self.status == TreatyStatus.SIGNATORY and not self.signature_date:
            errors["signature_date"] = _("A signatory has a signature date.")
        if self.deposit_date and not self.instrument:
            errors["instrument"] = _("Say which instrument was deposited.")
        if self.signature_date and self.deposit_date and self.deposit_date < self.signature_date:
            errors["deposit_date"] = _("The instrument cannot be deposited before the signature.")
        if self.withdrawal_date and not self.deposit_date:
            errors["withdrawal_date"] = _("Only a state that deposited an instrument can withdraw.")
        elif self.withdrawal_date and self.withdrawal_date < self.deposit_date:
            errors["withdrawal_date"] = _("A withdrawal cannot come before the deposit.")
        if self.status == TreatyStatus.WITHDRAWN and not self.withdrawal_date:
            errors["withdrawal_date"] = _("A state that withdrew has a withdrawal date.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        self.entry_into_force = treaty.entry_into_force(self.deposit_date) if self.deposit_date else None
        self.withdrawal_effective_on = (
            treaty.withdrawal_effective(self.withdrawal_date) if self.withdrawal_date else None
        )
        super().save(*args, **kwargs)

    def is_party_on(self, day: date) -> bool:
        if self.entry_into_force is None or self.entry_into_force > day:
            return False
        return self.withdrawal_effective_on is None or self.withdrawal_effective_on > day
