import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import InvalidPage
from django.db.models import F, Prefetch
from django.http import StreamingHttpResponse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404  # 404, not 500, for a malformed id
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Donor
from accounts.roles import DONOR, FOCAL_POINT, ISU, role_permission
from assistance import funding, need_columns
from assistance.api import lean
from assistance.api.renderers import CSVRenderer, XMLRenderer
from assistance.api.renderers_json import ORJSONRenderer
from assistance.api.serializers import (
    ArchiveSerializer,
    CapacitySerializer,
    CoalitionSerializer,
    DisbursementSerializer,
    ExchangeRateSerializer,
    ExperienceSerializer,
    MatchSerializer,
    NeedSerializer,
    PledgeSerializer,
    ProgressRecordSerializer,
)
from assistance.filtersets import (
    CapacityFilterSet,
    CoalitionFilterSet,
    ExchangeRateFilterSet,
    ExperienceFilterSet,
    NeedFilterSet,
    PledgeFilterSet,
    ProgressRecordFilterSet,
)
from assistance.iati import activities_xml
from assistance.matching import matches_for
from assistance.models import (
    Capacity,
    CountryCoalition,
    ExchangeRate,
    Experience,
    Need,
    Pledge,
    ProgressRecord,
)
from assistance.services import archive_pledge, record_disbursement
from core import csv_safe
from core.api.ordering import StrictOrderingFilter
from core.api.viewsets import BaseViewSet
from core.uploads import pdf_response


def stream_csv(header: list[str], rows) -> StreamingHttpResponse:
    """`header` is already in the reader's language: the generator runs after the view, when the
    request's language is no longer active."""

    class Echo:
        def write(self, value):
            return value

    writer = csv_safe.writer(Echo())  # formula cells neutralised (issue 19)

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="needs-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


class NeedOrderingFilter(StrictOrderingFilter):
    """`?ordering=` by the sorts the needs page uses too (assistance/need_columns.py): needs without
    a value (no deadline: Articles 5 and 9) come last whichever way, then the id."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        return queryset.order_by(*need_columns.ordering_terms(ordering))


class NeedViewSet(BaseViewSet):
    """Assistance requests. Anyone reads public needs; donors and the ISU read all; a focal point
    writes its own state's needs, the ISU all. `?format=csv` downloads the filtered list."""

    serializer_class = NeedSerializer
    filterset_class = NeedFilterSet
    filter_backends = [DjangoFilterBackend, NeedOrderingFilter]
    permission_classes = [role_permission(ISU, FOCAL_POINT)]
    refused_message = "A focal point submits and changes needs of its own state only."
    refetch_after_save = True
    renderer_classes = [ORJSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering_fields = list(need_columns.SORTS)

    def base_queryset(self):
        return (
            Need.objects.with_funding()
            .select_related("state")
            .order_by(F("priority").desc(nulls_last=True), F("deadline").asc(nulls_last=True), "id")
        )

    def _lean(self) -> bool:
        """Reads rendered as JSON skip the serializer (assistance/api/lean.py); the browsable API
        keeps it for its forms."""
        return isinstance(self.request.accepted_renderer, JSONRenderer)

    def _cache_key(self) -> str | None:
        """Reads by the JSON renderer are cached for NEEDS_API_CACHE_SECONDS (default 60) under the
        version that every write to needs, pledges, payments, rates, progress, obligations and
        states bumps (assistance/funding.py), per day (the priority depends on it) and per
        visibility scope; donors' systems poll the same URLs."""
        seconds = getattr(settings, "NEEDS_API_CACHE_SECONDS", 60)
        if not seconds or not self._lean():
            return None
        request = self.request
        scope = Need.objects.visibility_scope(request.user)
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(url.encode()).hexdigest()[:32]
        return f"assistance:needs:v{funding.version()}:{timezone.localdate().isoformat()}:{scope}:{digest}"

    def _cached(self, build) -> Response:
        key = self._cache_key()
        data = cache.get(key) if key else None
        if data is None:
            data = build()
            if key:
                cache.set(key, data, getattr(settings, "NEEDS_API_CACHE_SECONDS", 60))
        return Response(data)

    def retrieve(self, request, *args, **kwargs):
        if not self._lean():
            return super().retrieve(request, *args, **kwargs)
        lookup = str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        if not (lookup.isascii() and lookup.isdigit() and len(lookup) <= 18):
            raise NotFound()

        def build():
            row = self.get_queryset().filter(pk=int(lookup)).values(*lean.VALUES).first()
            if row is None:
                raise NotFound()
            return lean.need_document(row, request)

        return self._cached(build)

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["json", "csv"], description="`csv` downloads the list.")]
    )
    def list(self, request, *args, **kwargs):
        if request.query_params.get("format") == "csv":
            # Tuples from a server-side cursor, 2,000 at a time: memory stays flat whatever the count.
            needs = self.filter_queryset(self.get_queryset()).values_list(*lean.CSV_VALUES)
            rows = (lean.csv_cells(row) for row in needs.iterator(chunk_size=2000))
            return stream_csv(need_columns.csv_headings(), rows)
        if not self._lean():
            return super().list(request, *args, **kwargs)
        return self._cached(self._lean_page)

    def _lean_page(self) -> dict:
        """The page as DRF's pagination would give it, in two queries (count, rows): the rows are
        read by id from a sorted, sliced subquery of ids (`WHERE id IN (SELECT id … ORDER BY
        priority LIMIT 50)`), so that filtering and sorting read the deadline index and a few
        columns, and only the page's 50 needs are read whole (docs/performance.md)."""
        request, pagination = self.request, self.paginator
        needs = self.filter_queryset(self.get_queryset())
        paginator = pagination.django_paginator_class(needs, pagination.get_page_size(request))
        page_number = pagination.get_page_number(request, paginator)
        try:
            page = paginator.page(page_number)
        except InvalidPage as exc:
            raise NotFound(pagination.invalid_page_message.format(page_number=page_number, message=str(exc))) from exc
        pagination.page, pagination.request = page, request
        rows = needs.filter(pk__in=page.object_list.values("pk")).values(*lean.VALUES)
        return pagination.get_paginated_response([lean.need_document(row, request) for row in rows]).data

    def save_kwargs(self, creating: bool) -> dict:
        return {"created_by": self.request.user} if creating else {}

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY}, filters=False)
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def document(self, request, pk=None):
        """The need's PDF document, for those who may see the need."""
        need = get_object_or_404(Need.objects.visible_to(request.user), pk=pk)
        if not need.document:
            raise NotFound("This need has no document.")
        return pdf_response(need.document, f"need-{need.pk}.pdf")

    @extend_schema(responses=MatchSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def matches(self, request, pk=None):
        """Capacities that fit this need: type, article, region, overlapping period."""
        need = get_object_or_404(Need.objects.visible_to(request.user).select_related("state"), pk=pk)
        capacities = Capacity.objects.filter(is_active=True).select_related("donor").order_by("donor__name", "id")
        return Response(MatchSerializer(matches_for(need, capacities), many=True).data)


class PledgeViewSet(BaseViewSet):
    """Pledges → commitments → disbursements. Donors write their own, the ISU all."""

    serializer_class = PledgeSerializer
    filterset_class = PledgeFilterSet
    permission_classes = [role_permission(ISU, DONOR)]
    refused_message = "A donor records and changes its own pledges only."
    refetch_after_save = True
    ordering_fields = ["pledged_on", "committed_on", "amount_usd", "id"]

    def base_queryset(self):
        return (
            Pledge.objects.with_amounts()
            .select_related("donor", "state", "need")
            .prefetch_related("disbursements", "planned_disbursements")
            .order_by("-pledged_on", "-id")
        )

    def filter_queryset(self, queryset):
        # Archived pledges count nowhere: the list leaves them out unless `archived` is asked for;
        # one stays readable at its own address.
        queryset = super().filter_queryset(queryset)
        if self.action == "list" and "archived" not in self.request.query_params:
            queryset = queryset.live()
        return queryset

    def save_kwargs(self, creating: bool) -> dict:
        return {"created_by": self.request.user} if creating else {}

    @extend_schema(request=DisbursementSerializer, responses={201: PledgeSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def disbursements(self, request, pk=None):
        """Record a payment `{"date", "amount"}`; payments never exceed the pledge."""
        pledge = self.get_object()
        serializer = DisbursementSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record_disbursement(
            pledge.pk, serializer.validated_data["date"], serializer.validated_data["amount"], request.user
        )
        return Response(
            PledgeSerializer(self.get_queryset().get(pk=pledge.pk), context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ArchiveSerializer, responses={200: PledgeSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def archive(self, request, pk=None):
        """Archive a pledge with no payment `{"reason"}`: kept with its history, counted nowhere."""
        pledge = self.get_object()
        serializer = ArchiveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        archive_pledge(pledge.pk, serializer.validated_data["reason"])
        return Response(
            PledgeSerializer(self.get_queryset().get(pk=pledge.pk), context=self.get_serializer_context()).data
        )


class CapacityViewSet(BaseViewSet):
    serializer_class = CapacitySerializer
    filterset_class = CapacityFilterSet
    permission_classes = [role_permission(ISU, DONOR)]
    refused_message = "A donor offers its own capacities only."
    ordering_fields = ["title", "id"]
    queryset = Capacity.objects.select_related("donor").order_by("donor__name", "title", "id")


class CoalitionViewSet(BaseViewSet):
    serializer_class = CoalitionSerializer
    filterset_class = CoalitionFilterSet
    permission_classes = [role_permission(ISU)]
    refetch_after_save = True  # the response reads the needs the reader may see (prefetched)
    ordering_fields = ["started_on", "id"]

    def base_queryset(self):
        return (
            CountryCoalition.objects.select_related("state")
            .prefetch_related(
                "partners",
                # The serializer's `needs` field reads the relation before to_representation keeps
                # the visible ones: prefetch both, or every coalition costs a query.
                Prefetch("needs", queryset=Need.objects.only("id").order_by("id")),
                Prefetch(
                    "needs",
                    queryset=Need.objects.visible_to(self.request.user).only("id").order_by("id"),
                    to_attr="visible_needs",
                ),
            )
            .order_by("state__name", "id")
        )


class ExperienceViewSet(BaseViewSet):
    serializer_class = ExperienceSerializer
    filterset_class = ExperienceFilterSet
    permission_classes = [role_permission(ISU, FOCAL_POINT)]
    refused_message = "A focal point shares its own state's experience only."
    ordering_fields = ["published_on", "id"]
    queryset = Experience.objects.select_related("state").order_by("-published_on", "-id")


class ExchangeRateViewSet(BaseViewSet):
    """USD per unit of a currency per year; the ISU maintains them, anyone reads."""

    serializer_class = ExchangeRateSerializer
    filterset_class = ExchangeRateFilterSet
    permission_classes = [role_permission(ISU)]
    ordering_fields = ["currency", "year"]
    queryset = ExchangeRate.objects.order_by("currency", "-year")


class ProgressRecordViewSet(BaseViewSet):
    """Yearly remaining quantity and progress of Article 3/4 obligations (ISU writes)."""

    serializer_class = ProgressRecordSerializer
    filterset_class = ProgressRecordFilterSet
    permission_classes = [role_permission(ISU)]
    ordering_fields = ["year", "id"]
    queryset = ProgressRecord.objects.select_related("obligation__state").order_by("obligation_id", "year")


class IATIExportView(APIView):
    """IATI activity XML (2.03) of one donor's pledges, commitments and disbursements."""

    renderer_classes = [XMLRenderer, JSONRenderer]

    @extend_schema(
        parameters=[OpenApiParameter("donor", int, required=True, description="Donor id")],
        responses={(200, "application/xml"): OpenApiTypes.STR},
    )
    def get(self, request):
        raw = request.query_params.get("donor", "")
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
            raise ValidationError({"donor": ["Give a donor id, e.g. ?donor=3."]})
        donor = get_object_or_404(Donor, pk=int(raw))
        pledges = list(
            Pledge.objects.visible_to(request.user)
            .live()
            .filter(donor=donor)
            .with_amounts()
            .select_related("state", "need")
            .prefetch_related("disbursements", "planned_disbursements")
            .order_by("pledged_on", "id")
        )
        if not pledges:
            return Response({"donor": "This donor has no pledge to publish."}, status=status.HTTP_404_NOT_FOUND)
        response = Response(activities_xml(donor, pledges), content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="iati-donor-{donor.pk}.xml"'
        return response
