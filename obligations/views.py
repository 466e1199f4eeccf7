from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import roles
from accounts.roles import isu_required
from core.lists import list_page
from obligations.filtersets import ObligationFilterSet
from obligations.forms import ExtensionRequestForm, ObligationForm
from obligations.models import ExtensionRequest, Meeting, Obligation
from states.models import State

OBLIGATION_SORTS = {
    "state": ["state__name", "article"],
    "article": ["article", "state__name"],
    "original_deadline": ["original_deadline", "state__name"],
    "current_deadline": ["current_deadline", "state__name", "article"],
    "status": ["status", "state__name"],
}


@require_GET
def obligation_list(request):
    return list_page(
        request,
        Obligation.objects.select_related("state").order_by("current_deadline", "state__name", "article"),
        template="obligations/obligation_list.html",
        results_template="obligations/_obligation_results.html",
        filterset_class=ObligationFilterSet,
        sorts=OBLIGATION_SORTS,
        per_page=100,
    )


@require_GET
def obligation_detail(request, pk: int):
    obligation = get_object_or_404(
        Obligation.objects.select_related("state", "compliance_declared_at").prefetch_related(
            Prefetch("extension_requests", queryset=ExtensionRequest.objects.select_related("meeting"))
        ),
        pk=pk,
    )
    meeting = obligation.deciding_meeting(list(Meeting.objects.exclude(start_date=None)))
    return render(
        request,
        "obligations/obligation_detail.html",
        {"obligation": obligation, "deciding_meeting": meeting, "can_edit": roles.is_isu(request.user)},
    )


@isu_required
@require_http_methods(["GET", "POST"])
def obligation_edit(request, pk: int | None = None):
    obligation = get_object_or_404(Obligation, pk=pk) if pk is not None else None
    initial = None
    code = request.GET.get("state", "")
    if obligation is None and len(code) == 3 and code.isascii() and code.isalpha():
        initial = {"state": State.objects.filter(iso3=code.upper()).first()}
    form = ObligationForm(request.POST or None, instance=obligation, initial=initial)
    if request.method == "POST" and form.is_valid():
        obligation = form.save()
        messages.success(request, _("Obligation saved."))
        return redirect(obligation)
    return render(request, "obligations/obligation_form.html", {"form": form, "obligation": obligation})


@isu_required
@require_http_methods(["GET", "POST"])
def extension_edit(request, obligation_pk: int, pk: int | None = None):
    obligation = get_object_or_404(Obligation.objects.select_related("state"), pk=obligation_pk)
    if not obligation.is_extendable:
        raise Http404(_("Only Article 3 and Article 4 deadlines can be extended."))
    extension = get_object_or_404(ExtensionRequest, pk=pk, obligation=obligation) if pk else None
    form = ExtensionRequestForm(request.POST or None, instance=extension or ExtensionRequest(obligation=obligation))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Extension request saved."))
        return redirect(obligation)
    return render(
        request,
        "obligations/extension_form.html",
        {"form": form, "obligation": obligation, "extension": extension},
    )
