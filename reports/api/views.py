from datetime import date

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import ISUOnly
from core.api.viewsets import BaseViewSet
from core.dates import PlausibleDateSerializerField
from reports.api.serializers import ReminderSerializer, ReportingStatusSerializer, ReportSerializer, StatsSerializer
from reports.filtersets import ReminderFilterSet, ReportFilterSet, ReportingStatusFilterForm
from reports.models import Reminder, Report
from reports.stats import get_stats, reporting_status


class ReportViewSet(BaseViewSet):
    """Article 7 reports received. The ISU records them; anyone reads. Never deleted (history)."""

    queryset = Report.objects.select_related("state").order_by("state__name", "kind", "year", "id")
    serializer_class = ReportSerializer
    filterset_class = ReportFilterSet
    ordering_fields = ["received_on", "year", "id"]
    # Drafts for the ISU and the state's focal points only (issue 19, finding 4): Report.visible_to.


AS_OF = OpenApiParameter("as_of", OpenApiTypes.DATE, description="YYYY-MM-DD; defaults to today")


@extend_schema(
    parameters=[
        AS_OF,
        OpenApiParameter("state", OpenApiTypes.STR, description="ISO3"),
        OpenApiParameter("kind", OpenApiTypes.STR, enum=["initial", "annual"]),
        OpenApiParameter("year", OpenApiTypes.INT),
        OpenApiParameter("status", OpenApiTypes.STR, enum=["received", "late", "due", "overdue"]),
    ]
)
class ReportingStatusView(generics.ListAPIView):
    """Every report owed by a State Party up to `as_of`, with its status (reports.rules)."""

    serializer_class = ReportingStatusSerializer
    filter_backends: list = []

    def get_queryset(self):
        form = ReportingStatusFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return form.apply(reporting_status(form.cleaned_data["as_of"], form.cleaned_data["state"] or None))


class StatsQuery(serializers.Serializer):
    year = serializers.IntegerField(min_value=2010, max_value=2100, required=False)
    as_of = PlausibleDateSerializerField(required=False)


@extend_schema(
    parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="defaults to the year before as_of"), AS_OF],
    responses=StatsSerializer,
)
class StatsView(APIView):
    """The ISU's figures for `year` as of a day (API contract `/api/v1/stats/`); cached."""

    def get(self, request):
        query = StatsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of: date = query.validated_data.get("as_of") or timezone.localdate()
        year = query.validated_data.get("year") or as_of.year - 1
        return Response(get_stats(year, as_of))


class ReminderViewSet(viewsets.ReadOnlyModelViewSet):
    """The reminder log (ISU only)."""

    queryset = Reminder.objects.select_related("state").order_by("-claimed_at", "-id")
    serializer_class = ReminderSerializer
    filterset_class = ReminderFilterSet
    permission_classes = [ISUOnly]
    ordering_fields = ["claimed_at", "sent_at", "id"]
