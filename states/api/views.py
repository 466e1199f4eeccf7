from core.api.viewsets import BaseViewSet
from states.api.serializers import StateSerializer
from states.filtersets import StateFilterSet
from states.models import State


class StateViewSet(BaseViewSet):
    """States Parties, signatories and others, addressed by ISO3. Anyone reads; the ISU writes."""

    queryset = State.objects.order_by("name")
    serializer_class = StateSerializer
    filterset_class = StateFilterSet
    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"
    ordering_fields = ["name", "iso3", "deposit_date", "entry_into_force"]

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()
