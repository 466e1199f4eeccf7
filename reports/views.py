from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts import roles
from accounts.roles import isu_required
from core import csv_safe
from core.lists import list_page
from core.uploads import pdf_response
from reports import stats as stats_module
from reports.charts import bar_chart
from reports.filtersets import ReminderFilterSet, ReportFilterSet, ReportingStatusFilterForm
from reports.forms import STEP_SLUGS, STEPS, CoverForm, DashboardForm
from reports.models import Reminder, ReminderKind, ReminderOptOut, Report
from reports.reminders_mail import read_unsubscribe_token
from states.models import State

REPORT_SORTS = {
    "state": ["state__name", "kind", "year"],
    "report": ["kind", "year", "state__name"],
    "received_on": ["received_on", "state__name"],
}


@require_GET
def report_list(request):
    return list_page(
        request,
        Report.objects.visible_to(request.user).select_related("state").order_by("-received_on", "state__name", "id"),
        template="reports/report_list.html",
        results_template="reports/_report_results.html",
        filterset_class=ReportFilterSet,
        sorts=REPORT_SORTS,
        per_page=100,
    )


@require_GET
def report_detail(request, pk: int):
    report = get_object_or_404(Report.objects.visible_to(request.user).select_related("state"), pk=pk)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "can_edit": roles.is_isu(request.user),
            "can_read_document": report.document_visible_to(request.user),
            "steps": STEPS,
        },
    )


@require_GET
def report_document(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = get_object_or_404(Report.objects.visible_to(request.user).select_related("state"), pk=pk)
    if not report.document_visible_to(request.user):
        raise PermissionDenied
    if not report.document:
        raise Http404(_("No document was uploaded for this report."))
    return pdf_response(report.document, f"{report.state.iso3}-{report.kind}-{report.year or ''}.pdf")


@isu_required
@require_http_methods(["GET", "POST"])
def report_entry(request, pk: int | None = None, step: str = "report"):
    """The ISU's entry wizard: one page per group of forms; each step saves the report (a draft
    until the last step is finished), so the ISU can leave and come back."""
    report = get_object_or_404(Report.objects.select_related("state"), pk=pk) if pk else Report(is_draft=True)
    if step not in STEP_SLUGS or (report.pk is None and step != "report"):
        raise Http404
    index = STEP_SLUGS.index(step)
    _slug, title, form_class = STEPS[index]
    kwargs = {"instance": report}
    if request.method == "POST":
        form = (
            form_class(request.POST, **kwargs)
            if form_class is CoverForm
            else form_class(request.POST, request.FILES, **kwargs)
        )
        if form.is_valid():
            report = form.save() if form_class is CoverForm else form.save(commit=False)
            last = index == len(STEPS) - 1
            report.entry_step = step
            if last and "finish" in request.POST:
                report.is_draft = False
            report.save()
            if last and "finish" in request.POST:
                messages.success(request, _("Report saved."))
                return redirect(report)
            if "leave" in request.POST:
                messages.success(request, _("Draft saved. You can come back to it from the report's page."))
                return redirect(report)
            return redirect("reports:entry", pk=report.pk, step=STEP_SLUGS[min(index + 1, len(STEPS) - 1)])
    else:
        form = form_class(**kwargs)
    return render(
        request,
        "reports/report_entry.html",
        {
            "form": form,
            "report": report if report.pk else None,
            "step": step,
            "step_title": title,
            "step_number": index + 1,
            "step_count": len(STEPS),
            "steps": STEPS,
            "is_last": index == len(STEPS) - 1,
            "previous": STEP_SLUGS[index - 1] if index else None,
            "is_cover": form_class is CoverForm,
        },
    )


@require_GET
def reporting_status_page(request):
    form = ReportingStatusFilterForm(request.GET or None)
    rows = []
    if form.is_valid() or not request.GET:
        if not request.GET:
            form = ReportingStatusFilterForm({})
            form.is_valid()
        rows = form.apply(stats_module.reporting_status(form.cleaned_data["as_of"], form.cleaned_data["state"] or None))
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "reports/reporting_status.html", {"form": form, "page": page})


def _dashboard_query(request):
    form = DashboardForm(request.GET)
    if not form.is_valid():
        return form, None, None
    return form, form.cleaned_data["year"], form.cleaned_data["as_of"]


def dashboard_figures(year: int, as_of) -> dict:
    """The dashboard's figures, computed by reports.stats like the API's (30 queries)."""
    years = list(range(year - 4, year + 1))
    return {
        "stats": stats_module.get_stats(year, as_of),
        "names": dict(State.objects.values_list("iso3", "name")),
        "by_year": stats_module.report_counts_by_year(years, as_of),
        "assistance": stats_module.assistance_by_year(years, as_of),
        "upcoming": stats_module.upcoming_deadlines(as_of),
    }


def dashboard_data(year: int, as_of) -> dict:
    """Everything the dashboard shows; its figures come from reports.stats like the API's."""
    # One cache entry under the stats version (bumped by every write that changes a figure).
    bundle = stats_module.cached("dashboard", dashboard_figures, year, as_of)
    figures, names, by_year, assistance = bundle["stats"], bundle["names"], bundle["by_year"], bundle["assistance"]
    article7 = figures["article7"]
    deadlines = [
        {"article": n, "year": int(y), "count": c}
        for n, block in figures["articles"].items()
        for y, c in block["deadlines_by_year"].items()
    ]
    return {
        "stats": figures,
        "year": year,
        "as_of": as_of,
        "outstanding": [(iso3, names.get(iso3, iso3)) for iso3 in article7["outstanding"]],
        "initial_outstanding": [(iso3, names.get(iso3, iso3)) for iso3 in article7["initial_outstanding"]],
        "reports_by_year": by_year,
        "assistance_by_year": assistance,
        "articles": [(n, block) for n, block in figures["articles"].items()],
        "deadlines": deadlines,
        "upcoming": bundle["upcoming"],
        "report_chart": bar_chart(
            _("Annual reports received (%)"), [(r["year"], r["received_pct"]) for r in by_year], 100, "%"
        ),
        "assistance_chart": bar_chart(
            _("States requesting assistance"), [(r["year"], r["states_requesting"]) for r in assistance]
        ),
        "receiving_chart": bar_chart(
            _("States receiving assistance"), [(r["year"], r["states_receiving"]) for r in assistance]
        ),
    }


@require_GET
def dashboard(request):
    form, year, as_of = _dashboard_query(request)
    context = {"form": form}
    if year is not None:
        context.update(dashboard_data(year, as_of))
        context["query"] = f"year={year}&as_of={as_of.isoformat()}"
    return render(request, "reports/dashboard.html", context, status=200 if year is not None else 400)


CSV_TABLES = {
    "outstanding": ("iso3", "state"),
    "initial-outstanding": ("iso3", "state"),
    "reports-by-year": ("year", "expected", "received", "received_pct"),
    "assistance-by-year": ("year", "states_requesting", "states_providing", "states_receiving"),
    "articles": ("article", "states_with_obligations", "states_requesting", "states_providing"),
    "deadlines-by-year": ("article", "year", "deadlines"),
    "upcoming": ("date", "what", "iso3", "state", "article", "meeting"),
}


# Headings in the reader's language; in English they are the column names above (for scripts).
CSV_HEADINGS = {
    "iso3": pgettext_lazy("CSV heading", "iso3"),
    "state": pgettext_lazy("CSV heading", "state"),
    "year": pgettext_lazy("CSV heading", "year"),
    "expected": pgettext_lazy("CSV heading", "expected"),
    "received": pgettext_lazy("CSV heading", "received"),
    "received_pct": pgettext_lazy("CSV heading", "received_pct"),
    "states_requesting": pgettext_lazy("CSV heading", "states_requesting"),
    "states_providing": pgettext_lazy("CSV heading", "states_providing"),
    "states_receiving": pgettext_lazy("CSV heading", "states_receiving"),
    "article": pgettext_lazy("CSV heading", "article"),
    "states_with_obligations": pgettext_lazy("CSV heading", "states_with_obligations"),
    "deadlines": pgettext_lazy("CSV heading", "deadlines"),
    "date": pgettext_lazy("CSV heading", "date"),
    "what": pgettext_lazy("CSV heading", "what"),
    "meeting": pgettext_lazy("CSV heading", "meeting"),
}


@require_GET
def dashboard_csv(request, table: str):
    if table not in CSV_TABLES:
        raise Http404
    form, year, as_of = _dashboard_query(request)
    if year is None:
        return HttpResponseBadRequest(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()), content_type="text/plain"
        )
    data = dashboard_data(year, as_of)
    if table in ("outstanding", "initial-outstanding"):
        rows = data["outstanding" if table == "outstanding" else "initial_outstanding"]
    elif table == "reports-by-year":
        rows = [(r["year"], r["expected"], r["received"], r["received_pct"]) for r in data["reports_by_year"]]
    elif table == "assistance-by-year":
        rows = [
            (r["year"], r["states_requesting"], r["states_providing"], r["states_receiving"])
            for r in data["assistance_by_year"]
        ]
    elif table == "articles":
        rows = [
            (n, b["states_with_obligations"], b["states_requesting"], b["states_providing"])
            for n, b in data["articles"]
        ]
    elif table == "deadlines-by-year":
        rows = [(d["article"], d["year"], d["count"]) for d in data["deadlines"]]
    else:
        rows = [
            (
                u["date"].isoformat(),
                u["what"],
                u["state"].iso3,
                u["state"].name,
                u["article"],
                u["meeting"].code if u["meeting"] else "",
            )
            for u in data["upcoming"]
        ]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table}-{year}-as-of-{as_of.isoformat()}.csv"'
    writer = csv_safe.writer(response)  # formula cells neutralised (issue 19)
    writer.writerow([str(CSV_HEADINGS.get(column, column)) for column in CSV_TABLES[table]])
    writer.writerows(rows)
    return response


@isu_required
@require_GET
def reminder_log(request):
    return list_page(
        request,
        Reminder.objects.select_related("state").order_by("-claimed_at", "-id"),
        template="reports/reminder_log.html",
        results_template="reports/_reminder_results.html",
        filterset_class=ReminderFilterSet,
        per_page=100,
        extra={"opt_outs": ReminderOptOut.objects.all()[:200]},
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """The signed link in every reminder: GET asks, POST stops that kind of email (a mail
    scanner following links must not unsubscribe anyone)."""
    try:
        email, kind = read_unsubscribe_token(token)
    except signing.SignatureExpired:
        return render(request, "reports/unsubscribe.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "reports/unsubscribe.html", {"invalid": True}, status=400)
    label = ReminderKind(kind).label
    if request.method == "POST":
        ReminderOptOut.objects.get_or_create(email=email, kind=kind)
        return render(request, "reports/unsubscribe.html", {"done": True, "email": email, "label": label})
    return render(
        request,
        "reports/unsubscribe.html",
        {"email": email, "label": label, "action": reverse("reports:unsubscribe", args=[token])},
    )
