"""Obligations under Articles 3, 4, 5, 7 and 9, their deadlines, extension requests, meetings.

Deadlines are computed from the treaty module and the extension decisions, never typed in:
`original_deadline` from the state's entry into force, `current_deadline` from the latest
granted extension. They are stored only so that lists filter and sort on them; `refresh_deadlines`
is the one place that writes them.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

import treaty
from states.models import State


class Article(models.IntegerChoices):
    STOCKPILES = 3, _("Article 3 — stockpile destruction")
    CLEARANCE = 4, _("Article 4 — clearance of contaminated areas")
    VICTIM_ASSISTANCE = 5, _("Article 5 — victim assistance")
    TRANSPARENCY = 7, _("Article 7 — transparency reports")
    NATIONAL_MEASURES = 9, _("Article 9 — national implementation measures")


EXTENDABLE_ARTICLES = (Article.STOCKPILES, Article.CLEARANCE)

# Sent by Obligation.refresh_deadlines(save=True) (an extension granted or withdrawn, a state's
# dates corrected), which writes with .update() and so sends no post_save. Argument: obligation.
deadlines_refreshed = Signal()


class MeetingKind(models.TextChoices):
    MSP = "msp", _("Meeting of States Parties")
    RC = "rc", _("Review Conference")


class Meeting(models.Model):
    """A Meeting of States Parties or Review Conference: where extension requests are decided."""

    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("e.g. 9MSP, 2RC-1"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=3, choices=MeetingKind.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True, help_text=_("Empty until announced."))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    president = models.CharField(_("presidency"), max_length=300, blank=True)
    source = models.TextField(_("source"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("start_date").asc(nulls_last=True), "code"]
        constraints = [
            models.CheckConstraint(
                name="meeting_ends_after_start",
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
            )
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A meeting cannot end before it starts.")})

    @property
    def extension_request_due(self) -> date | None:
        """Articles 3(5) and 4(6): requests reach the ISU nine months before the meeting."""
        return treaty.extension_request_due(self.start_date) if self.start_date else None


class ObligationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class NationalMeasures(models.TextChoices):
    """Article 9 status, as the ISU records it (domain.md §5)."""

    NONE_REPORTED = "none_reported", _("No measures reported")
    EXISTING_LAW = "existing_law", _("Existing law deemed sufficient")
    SPECIFIC_LEGISLATION = "specific_legislation", _("Specific legislation adopted")


class ObligationQuerySet(models.QuerySet):
    def active_on(self, day: date) -> ObligationQuerySet:
        return self.filter(Q(completed_on__isnull=True) | Q(completed_on__gt=day)).exclude(
            state__withdrawal_effective_on__lte=day
        )


class Obligation(models.Model):
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="obligations")
    article = models.PositiveSmallIntegerField(_("article"), choices=Article.choices)
    hostilities_ended_on = models.DateField(
        _("hostilities ended on"),
        null=True,
        blank=True,
        help_text=_("Article 4(1)(b) only: remnants from hostilities after entry into force."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ObligationStatus.choices, default=ObligationStatus.ACTIVE
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    compliance_declared_at = models.ForeignKey(
        Meeting,
        verbose_name=_("compliance declared at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="compliance_declarations",
        help_text=_("Article 4(1)(c): the meeting to which completion was declared."),
    )
    national_measures = models.CharField(
        _("national measures (Article 9)"), max_length=25, choices=NationalMeasures.choices, blank=True
    )
    legislation_adopted_on = models.DateField(_("legislation adopted on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    # Derived (see module docstring); never set from a form or the API.
    original_deadline = models.DateField(_("original deadline"), null=True, blank=True, editable=False)
    current_deadline = models.DateField(_("current deadline"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = ObligationQuerySet.as_manager()

    class Meta:
        ordering = ["state__name", "article", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "article"],
                condition=Q(hostilities_ended_on__isnull=True),
                name="obligation_one_per_state_and_article",
                violation_error_message=_("This state already has an obligation under this article."),
            ),
            models.UniqueConstraint(
                fields=["state", "article", "hostilities_ended_on"],
                name="obligation_one_per_hostilities",
                violation_error_message=_("This state already has an obligation for these hostilities."),
            ),
            models.CheckConstraint(
                name="obligation_completed_has_date",
                condition=Q(status="completed", completed_on__isnull=False)
                | Q(status="active", completed_on__isnull=True),
                violation_error_message=_("A completed obligation has a completion date, an active one none."),
            ),
            models.CheckConstraint(
                name="obligation_hostilities_only_article_4",
                condition=Q(hostilities_ended_on__isnull=True) | Q(article=4),
                violation_error_message=_("Only Article 4 obligations start from the end of hostilities."),
            ),
        ]
        indexes = [models.Index(fields=["current_deadline"]), models.Index(fields=["article", "status"])]

    def __str__(self) -> str:
        return f"{self.state} — Article {self.article}"

    def get_absolute_url(self) -> str:
        return reverse("obligations:detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        state = self.state if self.state_id else None
        if state is not None and state.entry_into_force is None:
            errors["state"] = _("%(state)s is not a State Party: it has no obligations yet.") % {"state": state}
        if self.hostilities_ended_on and self.article != Article.CLEARANCE:
            errors["hostilities_ended_on"] = _("Only Article 4 obligations start from the end of hostilities.")
        if (
            self.hostilities_ended_on
            and state is not None
            and state.entry_into_force
            and self.hostilities_ended_on < state.entry_into_force
        ):
            errors["hostilities_ended_on"] = _(
                "Article 4(1)(b) covers hostilities that ended after entry into force (%(eif)s)."
            ) % {"eif": state.entry_into_force.isoformat()}
        if self.status == ObligationStatus.COMPLETED and not self.completed_on:
            errors["completed_on"] = _("Give the date the obligation was fulfilled.")
        if self.status == ObligationStatus.ACTIVE and self.completed_on:
            errors["status"] = _("An obligation with a completion date is completed.")
        if (
            self.completed_on
            and state is not None
            and state.entry_into_force
            and self.completed_on < state.entry_into_force
        ):
            errors["completed_on"] = _("Completion cannot come before entry into force.")
        if self.legislation_adopted_on and self.national_measures != NationalMeasures.SPECIFIC_LEGISLATION:
            errors["legislation_adopted_on"] = _("Only specific legislation has an adoption date.")
        if (self.national_measures or self.legislation_adopted_on) and self.article != Article.NATIONAL_MEASURES:
            errors["national_measures"] = _("National measures are recorded on Article 9 obligations.")
        if errors:
            raise ValidationError(errors)

    def compute_original_deadline(self) -> date | None:
        eif = self.state.entry_into_force
        if eif is None:
            return None
        if self.article == Article.STOCKPILES:
            return treaty.stockpile_deadline(eif)
        if self.article == Article.CLEARANCE:
            return treaty.clearance_deadline(eif, self.hostilities_ended_on)
        if self.article == Article.TRANSPARENCY:
            return treaty.initial_report_due(eif)
        return None  # Articles 5 and 9 have no treaty deadline

    def compute_current_deadline(self) -> date | None:
        if self.pk is None:
            return self.original_deadline
        granted = (
            self.extension_requests.filter(status=ExtensionStatus.GRANTED)
            .order_by("-decided_on", "-granted_deadline", "-id")
            .values_list("granted_deadline", flat=True)
            .first()
        )
        return granted or self.original_deadline

    def refresh_deadlines(self, save: bool = True) -> None:
        """Recompute both deadlines from the treaty and the granted extensions."""
        self.original_deadline = self.compute_original_deadline()
        self.current_deadline = self.compute_current_deadline()
        if save and self.pk:
            Obligation.objects.filter(pk=self.pk).update(
                original_deadline=self.original_deadline, current_deadline=self.current_deadline
            )
            # .update() sends no post_save: tell higher apps that keep copies (assistance's needs).
            deadlines_refreshed.send(sender=Obligation, obligation=self)

    def save(self, *args, **kwargs) -> None:
        self.refresh_deadlines(save=False)
        super().save(*args, **kwargs)

    @property
    def is_extendable(self) -> bool:
        return self.article in EXTENDABLE_ARTICLES

    def deciding_meeting(self, meetings: list[Meeting] | None = None) -> Meeting | None:
        """The last meeting before the current deadline: the one to ask for an extension."""
        if not self.is_extendable or self.current_deadline is None or self.status != ObligationStatus.ACTIVE:
            return None
        if meetings is None:
            meetings = list(Meeting.objects.filter(start_date__lt=self.current_deadline))
        by_date = {m.start_date: m for m in meetings if m.start_date}
        day = treaty.deciding_meeting_date(self.current_deadline, list(by_date))
        return by_date.get(day) if day else None

    @property
    def extension_request_due(self) -> date | None:
        meeting = self.deciding_meeting()
        return meeting.extension_request_due if meeting else None


class ExtensionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


DECIDED = (ExtensionStatus.GRANTED, ExtensionStatus.REFUSED)


class ExtensionRequest(models.Model):
    """A request to move an Article 3 or 4 deadline, and the meeting's decision on it.

    The meeting may grant less than asked (store the granted date, never compute it) but never
    more than one extension period (4 years under Article 3, 5 under Article 4).
    """

    obligation = models.ForeignKey(
        Obligation, verbose_name=_("obligation"), on_delete=models.PROTECT, related_name="extension_requests"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("deciding meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="extension_requests",
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    previous_deadline = models.DateField(_("deadline before the request"), null=True, blank=True, editable=False)
    requested_deadline = models.DateField(_("requested deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.SUBMITTED
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    granted_deadline = models.DateField(_("granted deadline"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.TextField(_("source"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["obligation__state__name", "submitted_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="extension_granted_has_deadline",
                condition=~Q(status="granted") | Q(granted_deadline__isnull=False),
                violation_error_message=_("A granted extension has a granted deadline."),
            ),
            models.CheckConstraint(
                name="extension_only_granted_has_deadline",
                condition=Q(status="granted") | Q(granted_deadline__isnull=True),
                violation_error_message=_("Only a granted extension has a granted deadline."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} — extension to {self.granted_deadline or self.requested_deadline or '?'}"

    def get_absolute_url(self) -> str:
        return self.obligation.get_absolute_url()

    def _deadline_before(self) -> date | None:
        """The obligation's deadline before this request: the latest other granted extension
        decided earlier, else the original deadline."""
        obligation = self.obligation
        others = obligation.extension_requests.filter(status=ExtensionStatus.GRANTED)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if self.decided_on:
            others = others.filter(Q(decided_on__lt=self.decided_on) | Q(decided_on__isnull=True))
        if self.granted_deadline:
            others = others.filter(granted_deadline__lt=self.granted_deadline)
        latest = others.order_by("-granted_deadline").values_list("granted_deadline", flat=True).first()
        return latest or obligation.original_deadline

    @property
    def is_late(self) -> bool:
        """Submitted less than nine months before the deciding meeting (Articles 3(5), 4(6))."""
        due = self.meeting.extension_request_due if self.meeting_id and self.meeting else None
        return bool(due and self.submitted_on and self.submitted_on > due)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.obligation_id:
            return
        obligation = self.obligation
        if not obligation.is_extendable:
            raise ValidationError({"obligation": _("Only Article 3 and Article 4 deadlines can be extended.")})
        previous = self._deadline_before()
        if self.status in DECIDED and not self.decided_on:
            errors["decided_on"] = _("Give the date of the decision.")
        if self.status in (ExtensionStatus.SUBMITTED, ExtensionStatus.WITHDRAWN) and self.decided_on:
            errors["decided_on"] = _("Only a granted or refused request has a decision date.")
        if self.status == ExtensionStatus.GRANTED and not self.granted_deadline:
            errors["granted_deadline"] = _("Give the deadline the meeting granted.")
        if self.status != ExtensionStatus.GRANTED and self.granted_deadline:
            errors["granted_deadline"] = _("Only a granted request has a granted deadline.")
        if previous:
            limit = treaty.latest_permitted_extension(obligation.article, previous)
            years = treaty.MAX_EXTENSION_YEARS[obligation.article]
            for name in ("requested_deadline", "granted_deadline"):
                value = getattr(self, name)
                if value and value <= previous:
                    errors[name] = _("Must be later than the current deadline (%(d)s).") % {"d": previous.isoformat()}
                elif value and value > limit:
                    errors[name] = _(
                        "One extension is at most %(years)s years under Article %(article)s: %(limit)s at the latest."
                    ) % {"years": years, "article": obligation.article, "limit": limit.isoformat()}
        if self.submitted_on and self.decided_on and self.decided_on < self.submitted_on:
            errors["decided_on"] = _("A decision cannot come before the request.")
        if (
            self.meeting_id
            and self.decided_on
            and self.meeting.start_date
            and self.decided_on < self.meeting.start_date
        ):
            errors["decided_on"] = _("The meeting decides on or after its opening day.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        if self.previous_deadline is None and self.obligation_id:
            self.previous_deadline = self._deadline_before()
        super().save(*args, **kwargs)
        self.obligation.refresh_deadlines()

    def delete(self, *args, **kwargs):
        obligation = self.obligation
        result = super().delete(*args, **kwargs)
        obligation.refresh_deadlines()
        return result
