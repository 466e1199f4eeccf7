"""Article 7 transparency reports, and the reminders sent about reports and deadlines.

A `Report` records a fact: a State Party's initial or annual report was received on a date.
Its due date and its status (received on time / late) are computed from the treaty module,
never typed in. The content of the forms adopted at the First MSP (CCM/MSP/2010/WP.4, revised
at the Tenth MSP in 2022) is kept where it matters to the rest of the system: the cover page
status of each form, keyed by topic (the letters of the middle forms differ between copies),
the contact, and the figures that feed obligations' progress. Every detailed field is optional:
states report unevenly and some keep the 2010 template.

`Reminder` is the memory of the reminder job: one row per recipient, kind, subject and stage,
claimed (inserted) before the email is sent, so a doubled tick or two workers never send twice.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

import treaty
from accounts.roles import DONOR, FOCAL_POINT, ISU, role_of
from core.uploads import validate_pdf  # one upload check for the whole portal
from states.models import State


class ReportKind(models.TextChoices):
    INITIAL = "initial", _("Initial report")
    ANNUAL = "annual", _("Annual report")


class ReportStatus(models.TextChoices):
    """A report on file: on time or late (API contract `/api/v1/reports/`)."""

    RECEIVED = "received", _("Received")
    LATE = "late", _("Received late")


class ReportingStatus(models.TextChoices):
    """A report owed, as of a date (API contract `/api/v1/reporting-status/`)."""

    RECEIVED = "received", _("Received")
    LATE = "late", _("Received late")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")


class TemplateVersion(models.TextChoices):
    WP4_2010 = "2010", _("2010 forms (CCM/MSP/2010/WP.4)")
    REVISED_2022 = "2022", _("2022 revised template (10MSP)")


class FormTopic(models.TextChoices):
    """The forms of the report, by topic (never by letter: copies disagree on the letters)."""

    NATIONAL_MEASURES = "national_measures", _("National implementation measures")
    STOCKPILES = "stockpiles", _("Stockpiles and their destruction")
    TECHNICAL_CHARACTERISTICS = "technical_characteristics", _("Technical characteristics")
    RETAINED = "retained", _("Cluster munitions retained")
    TRANSFERRED = "transferred", _("Cluster munitions transferred")
    CONVERSION = "conversion", _("Conversion of production facilities")
    CONTAMINATED_AREAS = "contaminated_areas", _("Contaminated areas and clearance")
    RISK_EDUCATION = "risk_education", _("Risk reduction education")
    VICTIM_ASSISTANCE = "victim_assistance", _("Victim assistance")
    COOPERATION_ASSISTANCE = "cooperation_assistance", _("National resources, cooperation and assistance")
    OTHER = "other", _("Other matters")


class FormStatus(models.TextChoices):
    CHANGED = "changed", _("Changed")
    UNCHANGED = "unchanged", _("Unchanged since")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


def _document_path(report: Report, filename: str) -> str:
    what = report.kind if report.kind == ReportKind.INITIAL else f"annual-{report.year}"
    return f"reports/{report.state.iso3}/{what}.pdf"


def validate_form_status(value) -> None:
    """The cover page: `{topic: {"status": changed|unchanged|not_applicable, "since": YYYY}}`."""
    if value in (None, ""):
        return
    if not isinstance(value, dict):
        raise ValidationError(_("The cover page is a mapping of form topics to statuses."))
    for topic, entry in value.items():
        if topic not in FormTopic.values:
            raise ValidationError(_("Unknown form topic: %(topic)s.") % {"topic": topic})
        if not isinstance(entry, dict) or entry.get("status") not in FormStatus.values:
            raise ValidationError(_("Form %(topic)s: give a status.") % {"topic": topic})
        since = entry.get("since")
        if entry["status"] == FormStatus.UNCHANGED:
            if not isinstance(since, int) or not 2010 <= since <= 2100:
                raise ValidationError(_("Form %(topic)s: unchanged since which year?") % {"topic": topic})
        elif since is not None:
            raise ValidationError(_("Form %(topic)s: only an unchanged form has a year.") % {"topic": topic})


class ReportQuerySet(models.QuerySet):
    def received_by(self, day: date) -> ReportQuerySet:
        return self.filter(received_on__lte=day)

    def finished(self) -> ReportQuerySet:
        """Reports whose entry is finished: the only ones statistics, statuses and feeds count."""
        return self.filter(is_draft=False)

    def visible_to(self, user) -> ReportQuerySet:
        """Drafts (contact details, figures not checked yet) are for the ISU and the state's own
        focal points only (issue 19, finding 4); finished reports for everyone."""
        role = role_of(user)
        if role == ISU:
            return self
        if role == FOCAL_POINT:
            return self.filter(models.Q(is_draft=False) | models.Q(state_id=user.state_id))
        return self.finished()


class Report(models.Model):
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year covered"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2010)],
        help_text=_("The calendar year an annual report covers; empty for the initial report."),
    )
    received_on = models.DateField(_("received on"))
    template_version = models.CharField(
        _("template"), max_length=4, choices=TemplateVersion.choices, default=TemplateVersion.REVISED_2022
    )
    document = models.FileField(
        _("document (PDF)"), upload_to=_document_path, blank=True, validators=[validate_pdf], max_length=200
    )
    period_from = models.DateField(_("reporting period from"), null=True, blank=True)
    period_to = models.DateField(_("reporting period to"), null=True, blank=True)

    # Header: national point of contact.
    contact_organisation = models.CharField(_("contact organisation"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    # Cover page, keyed by FormTopic (see validate_form_status).
    form_status = models.JSONField(
        _("status of each form"), default=dict, blank=True, validators=[validate_form_status]
    )

    # Figures that matter to the rest of the system; all optional.
    stockpile_held = models.PositiveBigIntegerField(_("cluster munitions held"), null=True, blank=True)
    stockpile_destroyed = models.PositiveBigIntegerField(
        _("cluster munitions destroyed in the period"), null=True, blank=True
    )
    retained = models.PositiveBigIntegerField(_("cluster munitions retained (Art. 3.6)"), null=True, blank=True)
    transferred = models.PositiveBigIntegerField(_("cluster munitions transferred (Art. 3.7)"), null=True, blank=True)
    contaminated_area_remaining_m2 = models.PositiveBigIntegerField(
        _("contaminated area remaining (m²)"), null=True, blank=True
    )
    contaminated_area_cleared_m2 = models.PositiveBigIntegerField(
        _("area cleared in the period (m²)"), null=True, blank=True
    )
    victims = models.PositiveIntegerField(_("cluster munition victims recorded"), null=True, blank=True)
    resources_currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code of the amounts below, e.g. USD.")
    )
    national_resources = models.DecimalField(
        _("national resources allocated"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    assistance_given = models.DecimalField(
        _("international assistance given"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    assistance_received = models.DecimalField(
        _("international assistance received"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    other_matters = models.TextField(_("other matters"), blank=True)

    is_draft = models.BooleanField(
        _("draft"), default=False, help_text=_("Data entry not finished; the receipt itself is recorded.")
    )
    entry_step = models.CharField(_("last step entered"), max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["document"])
    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["state__name", "kind", "year", "id"]
        constraints = [
            # year is NULL for initial reports, so (state, kind, year) is unique per kind instead.
            models.UniqueConstraint(
                fields=["state"],
                condition=Q(kind="initial"),
                name="report_one_initial_per_state",
                violation_error_message=_("This state's initial report is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["state", "year"],
                condition=Q(kind="annual"),
                name="report_one_annual_per_state_and_year",
                violation_error_message=_("This state's annual report for this year is already recorded."),
            ),
            models.CheckConstraint(
                name="report_year_iff_annual",
                condition=Q(kind="initial", year__isnull=True) | Q(kind="annual", year__isnull=False),
                violation_error_message=_("An annual report names its year; an initial report none."),
            ),
        ]
        indexes = [models.Index(fields=["year", "kind"])]

    def __str__(self) -> str:
        if self.kind == ReportKind.INITIAL:
            return _("%(state)s — initial report") % {"state": self.state}
        return _("%(state)s — annual report %(year)s") % {"state": self.state, "year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def due_date(self) -> date | None:
        """Article 7(1) and (2): EIF + 180 days for the initial report, 30 April Y+1 for year Y."""
        if self.kind == ReportKind.ANNUAL:
            return treaty.annual_report_due(self.year) if self.year else None
        eif = self.state.entry_into_force if self.state_id else None
        return treaty.initial_report_due(eif) if eif else None

    @property
    def status(self) -> str | None:
        due = self.due_date
        if self.received_on is None or due is None:
            return None
        return ReportStatus.RECEIVED if self.received_on <= due else ReportStatus.LATE

    def get_status_display(self) -> str:
        return ReportStatus(self.status).label if self.status else ""

    def document_visible_to(self, user) -> bool:
        """The ISU, the state's own focal points, and donors (finished reports only). The copy here
        may be an unofficial scan not yet published by UNODA, so it is not public. (Who reads the
        report itself is visible_to; only the ISU writes reports, as their API permission says.)"""
        role = role_of(user)
        if role == FOCAL_POINT:
            return user.state_id == self.state_id
        return role == ISU or (role == DONOR and not self.is_draft)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        state = self.state if self.state_id else None
        if self.kind == ReportKind.ANNUAL and not self.year:
            errors["year"] = _("Give the calendar year the annual report covers.")
        if self.kind == ReportKind.INITIAL and self.year:
            errors["year"] = _("An initial report covers no calendar year; leave the year empty.")
        if state is not None and state.entry_into_force is None:
            errors["state"] = _("%(state)s is not a State Party: it owes no report.") % {"state": state}
        elif state is not None and self.kind == ReportKind.ANNUAL and self.year:
            if not treaty.owes_annual_report(state.entry_into_force, self.year, state.withdrawal_effective_on):
                errors["year"] = _(
                    "%(state)s owes no annual report for %(year)s (entry into force %(eif)s: its initial "
                    "report covers that year, or it was not a State Party)."
                ) % {"state": state, "year": self.year, "eif": state.entry_into_force.isoformat()}
        if self.year and self.received_on and self.received_on.year <= self.year:
            errors["received_on"] = _("A report covering %(year)s is received after that year ends.") % {
                "year": self.year
            }
        if self.period_from and self.period_to and self.period_to < self.period_from:
            errors["period_to"] = _("The reporting period ends after it starts.")
        if self.resources_currency:
            self.resources_currency = self.resources_currency.upper()
            if len(self.resources_currency) != 3 or not self.resources_currency.isalpha():
                errors["resources_currency"] = _("Use a three-letter ISO 4217 code, e.g. USD.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_progress_figures(self) -> bool:
        return any(
            getattr(self, name) is not None
            for name in (
                "stockpile_held",
                "stockpile_destroyed",
                "contaminated_area_remaining_m2",
                "contaminated_area_cleared_m2",
            )
        )

    def form_status_rows(self) -> list[tuple[str, str, int | None]]:
        rows = []
        for topic in FormTopic:
            entry = (self.form_status or {}).get(topic.value)
            if entry:
                rows.append((topic.label, FormStatus(entry["status"]).label, entry.get("since")))
        return rows


class ReminderKind(models.TextChoices):
    ARTICLE7_ANNUAL = "article7_annual", _("Annual Article 7 report")
    ARTICLE7_INITIAL = "article7_initial", _("Initial Article 7 report")
    DEADLINE = "deadline", _("Article 3/4 deadline")
    EXTENSION_REQUEST = "extension_request", _("Extension request due")
    PLEDGE_FOLLOWUP = "pledge_followup", _("Pledge follow-up")
    ISU_DIGEST = "isu_digest", _("ISU weekly digest")


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Reminder(models.Model):
    """One email about one subject at one stage to one recipient; at most one row ever."""

    recipient = models.EmailField(_("recipient"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    state = models.ForeignKey(
        State, verbose_name=_("state"), null=True, blank=True, on_delete=models.PROTECT, related_name="reminders"
    )
    subject_key = models.CharField(_("subject"), max_length=100, help_text=_("e.g. the report year, an obligation"))
    stage = models.CharField(_("stage"), max_length=20, help_text=_("e.g. 60d, 30d, 7d, overdue, 24m"))
    stage_date = models.DateField(_("stage date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    language = models.CharField(_("language"), max_length=5, blank=True)
    subject_line = models.CharField(_("e-mail subject"), max_length=250, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-claimed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject_key", "stage"], name="reminder_once_per_recipient_stage"
            )
        ]
        indexes = [
            # "what needs a retry" stays fast however long the log grows (healthchecks' partial index)
            models.Index(fields=["status", "claimed_at"], name="reminder_retry", condition=~Q(status="sent")),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_key} {self.stage} → {self.recipient}"


class ReminderOptOut(models.Model):
    """A recipient stopped one kind of reminder through the signed link in an email."""

    email = models.EmailField(_("e-mail"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email", "kind"]
        constraints = [models.UniqueConstraint(fields=["email", "kind"], name="reminder_optout_once")]

    def __str__(self) -> str:
        return f"{self.email} stopped {self.kind}"
