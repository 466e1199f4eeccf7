import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from states.models import State, TreatyStatus
from states.regions import REGION_CHOICES


class StateFilterSet(django_filters.FilterSet):
    """Shared by the states page and `/api/v1/states/`."""

    status = django_filters.ChoiceFilter(choices=TreatyStatus.choices, label=_("Treaty status"))
    region = django_filters.ChoiceFilter(choices=REGION_CHOICES, label=_("Region"))
    search = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=100)

    class Meta:
        model = State
        fields = ["status", "region", "search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(iso3__iexact=value))
