"""What donors and partners offer (capacities), the coalitions around one affected state, and the
experience states share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Donor
from accounts.roles import DONOR, FOCAL_POINT, own_rows
from assistance.models.needs import AssistanceType, Need
from obligations.models import Article
from states.models import State
from states.regions import REGION_CHOICES


def _validate_list(value, allowed, field: str) -> list:
    if not isinstance(value, list) or any(item not in allowed for item in value):
        raise ValidationError({field: _("Choose from: %(allowed)s.") % {"allowed": ", ".join(map(str, allowed))}})
    return value


class CapacityQuerySet(models.QuerySet):
    def visible_to(self, user) -> CapacityQuerySet:
        """Offers are public: everyone may find a partner."""
        return self

    def editable_by(self, user) -> CapacityQuerySet:
        """The ISU all; a donor its own offers."""
        return own_rows(self, user, DONOR, "donor_id")


class Capacity(models.Model):
    """An offer: "survey teams for Article 4 in South-East Asia, 2025–2027". Empty regions = anywhere."""

    donor = models.ForeignKey(
        Donor, verbose_name=_("donor or partner"), on_delete=models.PROTECT, related_name="capacities"
    )
    title = models.CharField(_("title"), max_length=200)
    assistance_types = models.JSONField(_("types of assistance"), default=list)
    articles = models.JSONField(_("articles"), default=list)
    regions = models.JSONField(_("regions"), default=list, blank=True, help_text=_("Empty: anywhere."))
    period_start = models.DateField(_("available from"), null=True, blank=True)
    period_end = models.DateField(_("available until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    objects = CapacityQuerySet.as_manager()

    class Meta:
        ordering = ["donor__name", "title", "id"]
        verbose_name_plural = _("capacities")

    def __str__(self) -> str:
        return f"{self.donor}: {self.title}"

    def clean(self) -> None:
        _validate_list(self.assistance_types, AssistanceType.values, "assistance_types")
        _validate_list(self.articles, Article.values, "articles")
        _validate_list(self.regions, [code for code, _label in REGION_CHOICES], "regions")
        if not self.assistance_types:
            raise ValidationError({"assistance_types": _("Name at least one type of assistance.")})
        if not self.articles:
            raise ValidationError({"articles": _("Name at least one article.")})
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class CoalitionStatus(models.TextChoices):
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    CONCLUDED = "concluded", _("Concluded")


class CountryCoalition(models.Model):
    """One affected state, its partner donors and operators, and the needs they cover together."""

    state = models.ForeignKey(
        State, verbose_name=_("affected state"), on_delete=models.PROTECT, related_name="coalitions"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    partners = models.ManyToManyField(Donor, verbose_name=_("partners"), related_name="coalitions", blank=True)
    needs = models.ManyToManyField(Need, verbose_name=_("needs covered"), related_name="coalitions", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CoalitionStatus.choices, default=CoalitionStatus.FORMING
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        ordering = ["state__name", "id"]

    def __str__(self) -> str:
        return self.name or str(_("Coalition for %(state)s") % {"state": self.state})


class ExperienceQuerySet(models.QuerySet):
    def visible_to(self, user) -> ExperienceQuerySet:
        """Shared experience is public: that is what it is for."""
        return self

    def editable_by(self, user) -> ExperienceQuerySet:
        """The ISU all; a focal point its own state's."""
        return own_rows(self, user, FOCAL_POINT, "state_id")


class Experience(models.Model):
    """Lessons and practice shared by a state ("how we completed clearance") — the ambassadors."""

    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="experiences")
    article = models.PositiveSmallIntegerField(_("article"), choices=Article.choices)
    topic = models.CharField(_("topic"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    published_on = models.DateField(_("published on"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ExperienceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["article", "topic"])]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def search_q(cls, text: str) -> Q:
        q = Q()
        for word in text.split():
            q &= Q(title__icontains=word) | Q(body__icontains=word) | Q(topic__icontains=word)
        return q
