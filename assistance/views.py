"""Browser pages: the needs list (filters, funding bars, CSV), a need's page (funding, pledges,
matches, priority explained), the need form for focal points and the ISU, the outlook, capacities
and experience. The pledge pages are in assistance/pledge_views.py."""

from decimal import Decimal

import django_filters
from django.contrib import messages
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.roles import DONOR, FOCAL_POINT, ISU, has_role, role_required
from assistance import need_columns
from assistance.filtersets import ExperienceFilterSet, NeedFilterSet
from assistance.forms import NeedForm
from assistance.matching import matches_for
from assistance.models import Capacity, Experience, Need, NeedStatus, Pledge, ProgressRecord
from assistance.priority import explain, months_until, outlook
from core.lists import filter_sort_paginate, list_page, render_list
from core.uploads import pdf_response
from obligations.models import EXTENDABLE_ARTICLES, Obligation, ObligationStatus

# The needs list's own order (the API's too): highest priority first, then the nearest deadline.
DEFAULT_ORDER = [F("priority").desc(nulls_last=True), F("deadline").asc(nulls_last=True), "id"]
# The filter form's "Sort by" choices, as the `?ordering=` of the column headers and the API
# (assistance/need_columns.py); "priority" is the default order.
SORT_CHOICES_ORDERING = {
    "priority": "",
    "deadline": "deadline",
    "gap": "-funding_gap_usd",
    "submitted": "-submitted_on",
}
BAR_WIDTH = 120
# The page's status choices beyond the API's: closed needs are left out unless asked for.
NOT_CLOSED, ANY_STATUS = "not_closed", "any"


class NeedPageFilterSet(NeedFilterSet):
    status = django_filters.ChoiceFilter(
        choices=[
            (NOT_CLOSED, gettext_lazy("All but closed")),
            *NeedStatus.choices,
            (ANY_STATUS, gettext_lazy("All, closed included")),
        ],
        method="filter_status",
        empty_label=None,
        label=gettext_lazy("Status"),
    )
    sort = django_filters.ChoiceFilter(
        choices=[
            ("priority", gettext_lazy("Priority")),
            ("deadline", gettext_lazy("Deadline")),
            ("gap", gettext_lazy("Funding gap")),
            ("submitted", gettext_lazy("Newest")),
        ],
        method="sort_by",
        empty_label=None,
        label=gettext_lazy("Sort by"),
    )

    class Meta(NeedFilterSet.Meta):
        fields = [*NeedFilterSet.Meta.fields, "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("closed")  # the status choices say it here

    def filter_status(self, queryset, name, value):
        if value == ANY_STATUS:
            return queryset
        if value == NOT_CLOSED:
            return queryset.filter(closed_on__isnull=True)
        return queryset.filter(computed_status=value)

    @staticmethod
    def api_query(query):
        """The page's query as the API's (the CSV link): the same needs, in the same order."""
        status = query.pop("status", [NOT_CLOSED])[-1]
        if status == NOT_CLOSED:
            query["closed"] = "false"
        elif status != ANY_STATUS:
            query["status"] = status
        return query

    def sort_by(self, queryset, name, value):
        ordered, _applied = need_columns.order(queryset, SORT_CHOICES_ORDERING.get(value, ""))
        return ordered


def _bar(need) -> dict:
    """Pixel widths of the funding bar (server-side SVG: no inline style, CSP-friendly)."""
    requested = need.amount_requested_usd or Decimal(0)
    if requested <= 0:
        return {"pledged": 0, "disbursed": 0, "pct": 0}
    pledged = min(Decimal(1), (need.pledged_usd or 0) / requested)
    disbursed = min(Decimal(1), (need.disbursed_usd or 0) / requested)
    return {
        "pledged": round(pledged * BAR_WIDTH),
        "disbursed": round(disbursed * BAR_WIDTH),
        "pct": round(pledged * 100),
        "disbursed_pct": round(disbursed * 100),
        "width": BAR_WIDTH,
    }


def _needs(request):
    return Need.objects.visible_to(request.user).with_funding().select_related("state", "obligation")


@require_GET
def need_list(request):
    data = request.GET.copy()
    data.setdefault("sort", "priority")
    if not data.get("status"):
        data["status"] = NOT_CLOSED
    result = filter_sort_paginate(
        request,
        _needs(request).order_by(*DEFAULT_ORDER),
        filterset_class=NeedPageFilterSet,
        sorts=need_columns.order,  # the API's sorts (assistance/need_columns.py)
        data=data,
    )
    page = result.page
    ordering = result.ordering or SORT_CHOICES_ORDERING.get(data.get("sort"), "")
    # Only the page's 50 needs are read whole: sorting reads the ids and a few columns of the
    # matching needs (a sorted, sliced subquery), not every column of all of them.
    rows = list(_needs(request).filter(pk__in=page.object_list.values("pk")).order_by(*result.rows.query.order_by))
    for need in rows:
        need.bar = _bar(need)
    csv_query = NeedPageFilterSet.api_query(request.GET.copy())
    for key in ("page", "sort", "ordering"):
        csv_query.pop(key, None)
    if ordering:  # the CSV in the order on the screen
        csv_query["ordering"] = ordering
    csv_query["format"] = "csv"
    user = request.user
    return render_list(
        request,
        "assistance/need_list.html",
        "assistance/_need_results.html",
        {
            **result.context(),
            "rows": rows,
            "csv_url": f"{reverse('need-list')}?{csv_query.urlencode()}",
            "can_create": has_role(user, ISU, FOCAL_POINT),
            "default_ordering": ordering or "-priority",
        },
    )


@require_GET
def need_detail(request, pk: int):
    need = get_object_or_404(_needs(request), pk=pk)
    today = timezone.localdate()
    user = request.user
    pledges = list(
        Pledge.objects.visible_to(user)
        .live()
        .filter(need=need)
        .with_amounts()
        .select_related("donor")
        .prefetch_related("disbursements")
        .order_by("pledged_on", "id")
    )
    editable_pledges = set(Pledge.objects.editable_by(user).filter(need=need).values_list("pk", flat=True))
    for pledge in pledges:
        pledge.can_edit = pledge.pk in editable_pledges
    obligation_outlook = None
    if need.obligation and need.obligation.article in EXTENDABLE_ARTICLES:
        obligation_outlook = outlook(need.obligation, list(need.obligation.progress_records.all()))
    capacities = (
        Capacity.objects.visible_to(request.user)
        .filter(is_active=True)
        .select_related("donor")
        .order_by("donor__name", "id")
    )
    return render(
        request,
        "assistance/need_detail.html",
        {
            "need": need,
            "bar": _bar(need),
            "priority": explain(need, today),
            "months": months_until(today, need.deadline),
            "pledges": pledges,
            "matches": matches_for(need, capacities),
            "outlook": obligation_outlook,
            "can_edit": Need.objects.editable_by(user).filter(pk=need.pk).exists(),
            "can_pledge": has_role(user, ISU, DONOR) and not need.closed_on,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(ISU, FOCAL_POINT)
def need_edit(request, pk: int | None = None):
    need = get_object_or_404(Need.objects.editable_by(request.user), pk=pk) if pk else None
    form = NeedForm(request.POST or None, request.FILES or None, instance=need, user=request.user)
    if request.method == "POST" and form.is_valid():
        need = form.save()
        messages.success(request, _("Need saved."))
        return redirect(need)
    return render(request, "assistance/need_form.html", {"form": form, "need": need})


@require_GET
def need_document(request, pk: int):
    need = get_object_or_404(Need.objects.visible_to(request.user), pk=pk)
    if not need.document:
        raise Http404(_("This need has no document."))
    return pdf_response(need.document, f"need-{need.pk}.pdf")


@require_GET
def outlook_list(request):
    obligations = list(
        Obligation.objects.filter(article__in=EXTENDABLE_ARTICLES, status=ObligationStatus.ACTIVE)
        .select_related("state")
        .order_by("current_deadline", "state__name")
    )
    records: dict[int, list] = {}
    for record in ProgressRecord.objects.filter(obligation__in=obligations):
        records.setdefault(record.obligation_id, []).append(record)
    outlooks = [outlook(o, records.get(o.pk, [])) for o in obligations]
    return render(
        request,
        "assistance/outlook.html",
        {"outlooks": outlooks, "close": [o for o in outlooks if o.close_to_completion]},
    )


@require_GET
def experience_list(request):
    return list_page(
        request,
        Experience.objects.visible_to(request.user).select_related("state").order_by("-published_on", "-id"),
        template="assistance/experience_list.html",
        results_template="assistance/_experience_results.html",
        filterset_class=ExperienceFilterSet,
    )


@require_GET
def capacity_list(request):
    capacities = (
        Capacity.objects.visible_to(request.user)
        .filter(is_active=True)
        .select_related("donor")
        .order_by("donor__name", "title")
    )
    return render(request, "assistance/capacity_list.html", {"capacities": capacities})
