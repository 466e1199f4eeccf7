"""Pledges, commitments and disbursements: one flow of money at three stages, never counted twice.

A pledge carries the amount; `committed_on` marks the signed agreement; disbursements are the
payments against it. Totals count the pledge once, whatever its stage; payments never exceed it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Donor
from accounts.roles import DONOR, FOCAL_POINT, ISU, own_rows, role_of
from assistance.models.money import (
    MONEY,
    USD_FIELD,
    currency_field,
    format_money,
    rate_subquery,
    require_rate,
    usd_expression,
)
from assistance.models.needs import Need
from core.sql import Mul, SCase, SCoalesce, SRound, SSum, Sub, SValue, numeric
from obligations.models import Article
from states.models import State

AMOUNT_FIELD = models.DecimalField(**MONEY)


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    COMMITTED = "committed", _("Committed")
    DISBURSED = "disbursed", _("Disbursed")


class PledgeQuerySet(models.QuerySet):
    def live(self) -> PledgeQuerySet:
        """Pledges that count: not archived."""
        return self.filter(archived_on__isnull=True)

    def usual_currency(self, donor_id: int | None) -> str | None:
        """The currency the donor pledges in most often (the latest on a tie), None before its first."""
        row = (
            self.filter(donor_id=donor_id)
            .order_by()
            .values("currency")
            .annotate(times=Count("id"), latest=Max("pledged_on"))
            .order_by("-times", "-latest", "currency")
            .first()
        )
        return row["currency"] if row else None

    def visible_to(self, user) -> PledgeQuerySet:
        """What a reader may see follows the need: a pledge to a donors-only need is hidden from
        those who cannot see that need."""
        role = role_of(user)
        if role in ("isu", "donor"):
            return self
        public = Q(need__isnull=True) | Q(need__is_public=True)
        if role == "focal_point":
            return self.filter(public | Q(state_id=user.state_id))
        return self.filter(public)

    def editable_by(self, user) -> PledgeQuerySet:
        """The ISU all; a donor its own pledges."""
        return own_rows(self, user, DONOR, "donor_id")

    def with_amounts(self) -> PledgeQuerySet:
        """Annotate what was paid (in the pledge's currency and in USD at each payment's year), what
        remains to pay (0 once archived: nothing is promised any more; in USD at the pledge's
        year, as `amount_usd`) and the API's `status`."""
        zero_money = SValue(Decimal(0), output_field=AMOUNT_FIELD)
        zero_usd = SValue(Decimal(0), output_field=USD_FIELD)
        payments = Disbursement.objects.filter(pledge=OuterRef("pk"))
        paid = payments.order_by().values("pledge").annotate(total=Sum("amount")).values("total")
        # Convert each payment first, then group: the USD amount must not become a GROUP BY key.
        paid_usd = (
            payments.annotate(usd=usd_expression("amount", "pledge__currency", "date"))
            .order_by()
            .values("pledge")
            .annotate(total=SSum("usd"))
            .values("total")
        )
        return (
            self.annotate(
                amount_usd=numeric(usd_expression("amount", "currency", "pledged_on"), USD_FIELD),
                disbursed_amount=SCoalesce(
                    Subquery(paid, output_field=AMOUNT_FIELD), zero_money, output_field=AMOUNT_FIELD
                ),
                disbursed_amount_usd=SCoalesce(
                    Subquery(paid_usd, output_field=USD_FIELD), zero_usd, output_field=USD_FIELD
                ),
                computed_status=Case(
                    When(Exists(Disbursement.objects.filter(pledge=OuterRef("pk"))), then=Value("disbursed")),
                    When(committed_on__isnull=False, then=Value("committed")),
                    default=Value("pledged"),
                    output_field=models.CharField(),
                ),
            )
            .annotate(
                # numeric(): on SQLite a bare difference compares as a number below any parameter
                remaining_amount=numeric(
                    SCase(
                        When(archived_on__isnull=False, then=zero_money),
                        default=Sub(F("amount"), F("disbursed_amount")),
                        output_field=AMOUNT_FIELD,
                    ),
                    AMOUNT_FIELD,
                ),
            )
            .annotate(
                remaining_amount_usd=numeric(
                    SRound(
                        Mul(F("remaining_amount"), rate_subquery("currency", "pledged_on")), 2, output_field=USD_FIELD
                    ),
                    USD_FIELD,
                ),
            )
        )


class Pledge(models.Model):
    donor = models.ForeignKey(Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="pledges")
    need = models.ForeignKey(
        Need,
        verbose_name=_("need"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
        help_text=_("Empty for a pledge to a state and article without a specific need."),
    )
    state = models.ForeignKey(
        State, verbose_name=_("recipient state"), on_delete=models.PROTECT, related_name="pledges_received"
    )
    article = models.PositiveSmallIntegerField(_("article"), choices=Article.choices)
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    currency = currency_field(default="USD")
    pledged_on = models.DateField(_("pledged on"), default=timezone.localdate)
    committed_on = models.DateField(
        _("committed on"), null=True, blank=True, help_text=_("The date the agreement was signed.")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # Financial records are never deleted: a pledge withdrawn or entered by mistake is archived,
    # with the reason, and no longer counts in any total (archive_pledge).
    archived_on = models.DateField(_("archived on"), null=True, blank=True, editable=False)
    archive_reason = models.TextField(_("reason for archiving"), blank=True, editable=False)

    history = HistoricalRecords()
    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-pledged_on", "-id"]
        constraints = [
            models.CheckConstraint(name="pledge_amount_positive", condition=Q(amount__gt=0)),
            models.CheckConstraint(
                name="pledge_committed_after_pledged",
                condition=Q(committed_on__isnull=True) | Q(committed_on__gte=F("pledged_on")),
            ),
            models.CheckConstraint(
                name="pledge_archived_with_reason",
                condition=Q(archived_on__isnull=True, archive_reason="")
                | (Q(archived_on__isnull=False) & ~Q(archive_reason="")),
            ),
        ]

    # What the row holds in the database, remembered when it is read: a save that moves the
    # pledge refreshes both needs without asking the database again (assistance/funding.py), and
    # clean() knows whether the currency is being changed.
    NOT_LOADED = object()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.loaded_need_id = instance.__dict__.get("need_id", cls.NOT_LOADED)
        instance.loaded_currency = instance.__dict__.get("currency", cls.NOT_LOADED)
        return instance

    def __str__(self) -> str:
        return f"{self.donor} → {self.state}: {self.amount} {self.currency}"

    @property
    def status(self) -> str:
        if hasattr(self, "computed_status"):
            return self.computed_status
        if self.pk and self.disbursements.exists():
            return PledgeStatus.DISBURSED
        return PledgeStatus.COMMITTED if self.committed_on else PledgeStatus.PLEDGED

    def get_status_display(self) -> str:
        return PledgeStatus(self.status).label

    def private_text_visible_to(self, user) -> bool:
        """Notes and the reason for archiving are between the donor, the recipient state and the
        ISU (issue 19, finding 8): the pledge itself may be public, that text is not."""
        role = role_of(user)
        return (
            role == ISU
            or (role == DONOR and user.donor_id == self.donor_id)
            or (role == FOCAL_POINT and user.state_id == self.state_id)
        )

    def _paid(self) -> Decimal:
        return self.disbursed_amount if hasattr(self, "disbursed_amount") else self.paid_so_far()

    @property
    def paid_share(self) -> int:
        """Percent of the amount paid, rounded down (99.6 % paid is not "100 %"); at least 1 once paid."""
        paid = self._paid()
        if not paid or not self.amount:
            return 0
        return max(1, int(paid * 100 / self.amount))

    def stage_display(self) -> str:
        """What the pages say of the pledge. The API's `status` says "disbursed" from the first
        payment on (the contract); a reader needs to know whether it is paid in full."""
        if self.archived_on:
            return str(_("Archived"))
        paid = self._paid()
        if paid and paid >= self.amount:
            return str(_("Paid in full"))
        if paid:
            return _("Partly paid (%(pct)s%%)") % {"pct": self.paid_share}
        return self.get_status_display()

    def paid_so_far(self) -> Decimal:
        if not self.pk:
            return Decimal(0)
        return self.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal(0)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        need = self.need if self.need_id else None
        if need is not None:
            if need.closed_on:
                errors["need"] = _("This need is closed.")
            if self.state_id and self.state_id != need.state_id:
                errors["state"] = _("The recipient is the need's state, %(state)s.") % {"state": need.state.iso3}
            if self.article and self.article != need.article:
                errors["article"] = _("The need is under Article %(article)s.") % {"article": need.article}
        if self.committed_on and self.pledged_on and self.committed_on < self.pledged_on:
            errors["committed_on"] = _("A pledge is committed on or after the day it was made.")
        if self.committed_on and self.committed_on > timezone.localdate():
            errors["committed_on"] = _("The commitment date cannot be in the future.")
        if self.amount is not None and self.pk:
            paid = self.paid_so_far()
            if self.amount < paid:
                errors["amount"] = _("Payments of %(paid)s have already been made against it.") % {
                    "paid": format_money(paid, self.currency)
                }
            loaded = getattr(self, "loaded_currency", self.NOT_LOADED)
            if paid and loaded is not self.NOT_LOADED and loaded != self.currency:
                errors["currency"] = _("Payments were recorded in %(currency)s: the currency stays.") % {
                    "currency": loaded
                }
        if errors:
            raise ValidationError(errors)
        require_rate(self.currency, self.pledged_on, "currency")

    def save(self, *args, **kwargs) -> None:
        if self.need_id and not self.state_id:
            self.state_id = self.need.state_id
        if self.need_id and not self.article:
            self.article = self.need.article
        super().save(*args, **kwargs)


class PlannedDisbursement(models.Model):
    """A multi-year schedule: how much of the pledge the donor plans to pay in each year."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="planned_disbursements")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])

    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["pledge", "year"], name="planned_disbursement_one_per_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Disbursement(models.Model):
    """A payment against a pledge, in the pledge's currency."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="disbursements")
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        constraints = [models.CheckConstraint(name="disbursement_amount_positive", condition=Q(amount__gt=0))]

    def __str__(self) -> str:
        return f"{self.date}: {self.amount}"
