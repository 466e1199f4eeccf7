from rest_framework import mixins, viewsets

from core.api.viewsets import BaseViewSet
from obligations.api.serializers import ExtensionRequestSerializer, MeetingSerializer, ObligationSerializer
from obligations.filtersets import ExtensionRequestFilterSet, ObligationFilterSet
from obligations.models import ExtensionRequest, Meeting, Obligation


class ObligationViewSet(BaseViewSet):
    queryset = Obligation.objects.select_related("state").order_by("state__name", "article", "id")
    serializer_class = ObligationSerializer
    filterset_class = ObligationFilterSet
    ordering_fields = ["current_deadline", "original_deadline", "article", "id"]

    def get_serializer_context(self):
        # One query for the meetings calendar, shared by every row's "extension request due".
        return {**super().get_serializer_context(), "meetings": list(Meeting.objects.exclude(start_date=None))}


class ExtensionRequestViewSet(BaseViewSet):
    queryset = ExtensionRequest.objects.select_related("obligation__state", "meeting").order_by(
        "obligation__state__name", "submitted_on", "id"
    )
    serializer_class = ExtensionRequestSerializer
    filterset_class = ExtensionRequestFilterSet
    ordering_fields = ["submitted_on", "decided_on", "granted_deadline", "id"]


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer
    filterset_fields = ["kind"]
    ordering_fields = ["start_date", "code"]
    lookup_field = "code"
