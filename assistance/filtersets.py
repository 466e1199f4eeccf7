"""FilterSets shared by the assistance pages and the API (`/api/v1/needs/`, `/api/v1/pledges/`, …)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import treaty
from accounts.models import Donor
from assistance.models import (
    AssistanceType,
    Capacity,
    CoalitionStatus,
    CountryCoalition,
    ExchangeRate,
    Experience,
    Need,
    NeedStatus,
    Pledge,
    PledgeStatus,
    ProgressRecord,
)
from core.dates import PlausibleDateFilter
from obligations.models import Article
from states.regions import REGION_CHOICES

# Strict booleans: `?has_gap=maybe` is a 400, not silently ignored (NullBooleanSelect would ignore it).
BOOLEAN_CHOICES = [("true", _("Yes")), ("false", _("No"))]
TRUE_VALUES = ("true",)
DEADLINE_WINDOWS = [("12", _("Next 12 months")), ("24", _("Next 24 months")), ("36", _("Next 36 months"))]


class NeedFilterSet(django_filters.FilterSet):
    """Filters on a queryset annotated by `Need.objects.with_funding()`."""

    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO3)"))
    article = django_filters.ChoiceFilter(choices=Article.choices, label=_("Article"))
    assistance_type = django_filters.ChoiceFilter(choices=AssistanceType.choices, label=_("Type of assistance"))
    region = django_filters.ChoiceFilter(field_name="state__region", choices=REGION_CHOICES, label=_("Region"))
    status = django_filters.ChoiceFilter(field_name="computed_status", choices=NeedStatus.choices, label=_("Status"))
    deadline_window = django_filters.ChoiceFilter(
        choices=DEADLINE_WINDOWS, method="filter_deadline_window", label=_("Deadline within")
    )
    deadline_after = PlausibleDateFilter(field_name="deadline", lookup_expr="gte", label=_("Deadline on or after"))
    deadline_before = PlausibleDateFilter(field_name="deadline", lookup_expr="lte", label=_("Deadline on or before"))
    has_gap = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES, method="filter_has_gap", label=_("Has a funding gap"), empty_label=_("Any")
    )
    obligation = django_filters.NumberFilter(field_name="obligation_id", label=_("Obligation"))
    closed = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES, method="filter_closed", label=_("Closed"), empty_label=_("Any")
    )

    class Meta:
        model = Need
        fields = [
            "state",
            "article",
            "assistance_type",
            "region",
            "status",
            "deadline_window",
            "deadline_after",
            "deadline_before",
            "has_gap",
            "obligation",
            "closed",
        ]

    def filter_has_gap(self, queryset, name, value):
        """A closed need's stored gap is 0: it has none. An open need waiting for an exchange rate
        has a gap of unknown size (NULL): it counts as having one — nothing shows it is funded."""
        if not value:
            return queryset
        if value in TRUE_VALUES:
            return queryset.filter(Q(funding_gap_usd__gt=0) | Q(funding_gap_usd__isnull=True, closed_on__isnull=True))
        return queryset.filter(funding_gap_usd__lte=0)

    def filter_closed(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(closed_on__isnull=value not in TRUE_VALUES)

    def filter_deadline_window(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.filter(deadline__gte=today, deadline__lte=treaty.add_months(today, int(value)))


class PledgeFilterSet(django_filters.FilterSet):
    donor = django_filters.ModelChoiceFilter(queryset=Donor.objects.all(), label=_("Donor"))
    need = django_filters.NumberFilter(field_name="need_id", label=_("Need"))
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("Recipient (ISO3)"))
    article = django_filters.ChoiceFilter(choices=Article.choices, label=_("Article"))
    status = django_filters.ChoiceFilter(field_name="computed_status", choices=PledgeStatus.choices, label=_("Status"))
    pledged_after = PlausibleDateFilter(field_name="pledged_on", lookup_expr="gte", label=_("Pledged on or after"))
    pledged_before = PlausibleDateFilter(field_name="pledged_on", lookup_expr="lte", label=_("Pledged on or before"))
    archived = django_filters.BooleanFilter(
        field_name="archived_on", lookup_expr="isnull", exclude=True, label=_("Archived")
    )

    class Meta:
        model = Pledge
        fields = ["donor", "need", "state", "article", "status", "pledged_after", "pledged_before", "archived"]


class CapacityFilterSet(django_filters.FilterSet):
    donor = django_filters.ModelChoiceFilter(queryset=Donor.objects.all(), label=_("Donor"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Capacity
        fields = ["donor", "is_active"]


class CoalitionFilterSet(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO3)"))
    status = django_filters.ChoiceFilter(choices=CoalitionStatus.choices, label=_("Status"))

    class Meta:
        model = CountryCoalition
        fields = ["state", "status"]


class ExperienceFilterSet(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO3)"))
    article = django_filters.ChoiceFilter(choices=Article.choices, label=_("Article"))
    topic = django_filters.CharFilter(lookup_expr="iexact", label=_("Topic"))
    search = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)

    class Meta:
        model = Experience
        fields = ["state", "article", "topic", "search"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Experience.search_q(value)) if value.strip() else queryset


class ExchangeRateFilterSet(django_filters.FilterSet):
    currency = django_filters.CharFilter(lookup_expr="iexact", label=_("Currency"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = ExchangeRate
        fields = ["currency", "year"]


class ProgressRecordFilterSet(django_filters.FilterSet):
    obligation = django_filters.NumberFilter(field_name="obligation_id", label=_("Obligation"))
    state = django_filters.CharFilter(field_name="obligation__state__iso3", lookup_expr="iexact", label=_("State"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = ProgressRecord
        fields = ["obligation", "state", "year"]
