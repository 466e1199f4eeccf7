import django_filters
from django.utils.translation import gettext_lazy as _

from core.dates import PlausibleDateFilter
from obligations.models import Article, ExtensionRequest, ExtensionStatus, Obligation, ObligationStatus
from states.regions import REGION_CHOICES


class ObligationFilterSet(django_filters.FilterSet):
    """Shared by the obligations page and `/api/v1/obligations/`."""

    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO3)"))
    article = django_filters.ChoiceFilter(choices=Article.choices, label=_("Article"))
    status = django_filters.ChoiceFilter(choices=ObligationStatus.choices, label=_("Status"))
    region = django_filters.ChoiceFilter(field_name="state__region", choices=REGION_CHOICES, label=_("Region"))
    deadline_after = PlausibleDateFilter(
        field_name="current_deadline", lookup_expr="gte", label=_("Deadline on or after")
    )
    deadline_before = PlausibleDateFilter(
        field_name="current_deadline", lookup_expr="lte", label=_("Deadline on or before")
    )

    class Meta:
        model = Obligation
        fields = ["state", "article", "status", "region", "deadline_after", "deadline_before"]


class ExtensionRequestFilterSet(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="obligation__state__iso3", lookup_expr="iexact", label=_("State"))
    article = django_filters.ChoiceFilter(
        field_name="obligation__article", choices=[(3, "3"), (4, "4")], label=_("Article")
    )
    obligation = django_filters.NumberFilter(field_name="obligation_id", label=_("Obligation"))
    status = django_filters.ChoiceFilter(choices=ExtensionStatus.choices, label=_("Status"))
    meeting = django_filters.CharFilter(field_name="meeting__code", label=_("Meeting code"))

    class Meta:
        model = ExtensionRequest
        fields = ["state", "article", "obligation", "status", "meeting"]
