"""Needs (assistance requests): what an affected state asks for to meet an obligation.

Funding figures (USD requested, pledged, disbursed, gap), the deadline and "close to completion"
are computed in SQL from pledges, payments, exchange rates and progress and stored on the need by
assistance/funding.py, called by every write that changes them (assistance/services.py), never
typed. The status and the priority, which depends on the day, are computed from them by
`NeedQuerySet.with_funding()`: a list sorted by priority reads one row per need instead of
re-aggregating every pledge on each request (docs/performance.md).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import FOCAL_POINT, own_rows, role_of
from assistance.models.money import MONEY, currency_field
from assistance.priority import SCORE, priority_expression
from core.sql import numeric
from core.uploads import validate_pdf
from obligations.models import Article, Obligation
from states.models import State

FUNDING_FIELDS = [
    "amount_requested_usd",
    "pledged_usd",
    "disbursed_usd",
    "funding_gap_usd",
    "deadline",
    "close_to_completion",
    "priority_points",
]


class AssistanceType(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    TECHNICAL = "technical", _("Technical expertise")
    EQUIPMENT = "equipment", _("Equipment")
    TRAINING = "training", _("Training")
    SURVEY = "survey", _("Survey")
    LEGAL = "legal", _("Legal / legislative advice")
    OTHER = "other", _("Other")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PARTIALLY_FUNDED = "partially_funded", _("Partially funded")
    FUNDED = "funded", _("Funded")
    CLOSED = "closed", _("Closed")


class NeedQuerySet(models.QuerySet):
    def visible_to(self, user) -> NeedQuerySet:
        """Anonymous and role-less users: public needs only; donors and the ISU: all; a focal point:
        public needs and all of its own state's."""
        role = role_of(user)
        if role in ("isu", "donor"):
            return self
        if role == "focal_point":
            return self.filter(Q(is_public=True) | Q(state_id=user.state_id))
        return self.filter(is_public=True)

    @staticmethod
    def visibility_scope(user) -> str:
        """Readers who see the same needs share a scope (the needs API's cache key)."""
        role = role_of(user)
        if role in ("isu", "donor"):
            return "all"
        if role == "focal_point":
            return f"state-{user.state_id}"
        return "public"

    def editable_by(self, user) -> NeedQuerySet:
        """The ISU all; a focal point its own state's."""
        return own_rows(self, user, FOCAL_POINT, "state_id")

    def with_funding(self, today: date | None = None) -> NeedQuerySet:
        """Annotate the status and the priority (which depends on `today`) from the stored funding
        figures (amount_requested_usd, pledged_usd, disbursed_usd, funding_gap_usd, deadline,
        close_to_completion): a cheap expression per row, so a list sorted by priority stays fast."""
        today = today or timezone.localdate()
        qs = self.annotate(
            computed_status=Case(
                When(closed_on__isnull=False, then=Value(NeedStatus.CLOSED.value)),
                When(
                    Q(amount_requested_usd__gt=0, pledged_usd__gte=F("amount_requested_usd")),
                    then=Value(NeedStatus.FUNDED.value),
                ),
                When(pledged_usd__gt=0, then=Value(NeedStatus.PARTIALLY_FUNDED.value)),
                default=Value(NeedStatus.OPEN.value),
                output_field=models.CharField(),
            )
        )
        return qs.annotate(priority=numeric(priority_expression(today), SCORE))

    def waiting_for_a_rate(self) -> NeedQuerySet:
        """Open needs whose amount has no USD equivalent yet (annotated with the `rate_year` whose
        rate is missing), by currency and year: the rates the ISU should enter."""
        return (
            self.filter(closed_on__isnull=True, amount_requested_usd__isnull=True)
            .annotate(rate_year=ExtractYear("submitted_on"))
            .order_by("currency", "rate_year", "title", "id")
        )


def need_document_path(need: Need, filename: str) -> str:
    today = timezone.localdate()
    return f"assistance/needs/{today:%Y}/{need.state.iso3 if need.state_id else 'XXX'}-{today:%Y%m%d}.pdf"


class Need(models.Model):
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="needs")
    article = models.PositiveSmallIntegerField(_("article"), choices=Article.choices)
    obligation = models.ForeignKey(
        Obligation,
        verbose_name=_("obligation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="needs",
        help_text=_("The obligation this need helps to meet (same state and article)."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    assistance_type = models.CharField(_("type of assistance"), max_length=10, choices=AssistanceType.choices)
    amount_requested = models.DecimalField(
        _("amount requested"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    currency = currency_field(default="USD")
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    completion_plan = models.TextField(
        _("completion plan"), blank=True, help_text=_("The national completion plan this request belongs to.")
    )
    completion_plan_url = models.URLField(_("completion plan link"), blank=True)
    document = models.FileField(
        _("document (PDF)"),
        upload_to=need_document_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=_("A PDF of at most 10 MB."),
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Untick to show this need to donors and the ISU only.")
    )
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    own_deadline = models.DateField(
        _("own deadline"),
        null=True,
        blank=True,
        help_text=_("Only when no obligation with a treaty deadline applies (e.g. a national plan milestone)."),
    )
    share_of_remaining_work = models.DecimalField(
        _("share of the remaining work (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("How much of the obligation's remaining work this need covers, in percent."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Stored by assistance/funding.py; never edited.
    amount_requested_usd = models.DecimalField(
        _("amount requested (USD)"), max_digits=28, decimal_places=2, null=True, blank=True, editable=False
    )
    pledged_usd = models.DecimalField(
        _("pledged (USD)"), max_digits=28, decimal_places=2, default=Decimal(0), editable=False
    )
    disbursed_usd = models.DecimalField(
        _("disbursed (USD)"), max_digits=28, decimal_places=2, default=Decimal(0), editable=False
    )
    funding_gap_usd = models.DecimalField(
        _("funding gap (USD)"), max_digits=28, decimal_places=2, null=True, blank=True, editable=False
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, editable=False)
    close_to_completion = models.BooleanField(_("close to completion"), default=False, editable=False)
    priority_points = models.DecimalField(
        _("priority points independent of the day"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Unfunded share + close to completion (assistance/priority.py); empty when the score is 0."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    # The stored funding figures change with pledges, not with edits of the need: not history.
    history = HistoricalRecords(excluded_fields=FUNDING_FIELDS)
    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "id"]
        constraints = [
            models.CheckConstraint(name="need_amount_positive", condition=Q(amount_requested__gt=0)),
            models.CheckConstraint(
                name="need_period_ordered",
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "article"]),
            models.Index(fields=["is_public"]),
            # Filter on the deadline and sort by priority from the index alone (lean list, floor).
            models.Index(
                fields=["deadline"],
                include=["id", "priority_points", "is_public", "state_id"],
                name="need_deadline_priority",
            ),
            models.Index(fields=["submitted_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assistance:need-detail", args=[self.pk])

    @property
    def status(self) -> str:
        """The stored part of the status (closed or not); with_funding() computes the rest."""
        return getattr(self, "computed_status", NeedStatus.CLOSED if self.closed_on else NeedStatus.OPEN)

    def get_status_display(self) -> str:
        return NeedStatus(self.status).label

    def clean(self) -> None:
        errors: dict[str, str] = {}
        obligation = self.obligation if self.obligation_id else None
        if obligation is not None:
            if self.state_id and obligation.state_id != self.state_id:
                errors["obligation"] = _("This obligation belongs to another state.")
            elif self.article and obligation.article != self.article:
                errors["obligation"] = _("This obligation is under Article %(article)s.") % {
                    "article": obligation.article
                }
            elif self.own_deadline and obligation.current_deadline:
                errors["own_deadline"] = _("The obligation's deadline (%(d)s) applies; leave this empty.") % {
                    "d": obligation.current_deadline.isoformat()
                }
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.submitted_on and self.submitted_on > timezone.localdate():
            errors["submitted_on"] = _("A need cannot be submitted in the future.")
        if self.closed_on and self.submitted_on and self.closed_on < self.submitted_on:
            errors["closed_on"] = _("A need cannot be closed before it was submitted.")
        if errors:
            raise ValidationError(errors)
        # No rate for the currency and year yet: the need is accepted all the same; its USD figures
        # stay empty ("pending a rate") until the ISU enters the rate (assistance/funding.py).
