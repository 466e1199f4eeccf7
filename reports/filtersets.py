"""Filters shared by the browser pages and the API (an invalid value is a 400 naming the field)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import PlausibleDateField, PlausibleDateFilter
from core.forms import DateInput
from reports.models import Reminder, ReminderKind, ReminderStatus, Report, ReportingStatus, ReportKind


class ReportFilterSet(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO3)"))
    kind = django_filters.ChoiceFilter(choices=ReportKind.choices, label=_("Kind"))
    year = django_filters.NumberFilter(label=_("Year covered"), min_value=2010, max_value=2100)
    is_draft = django_filters.BooleanFilter(label=_("Draft"))
    received_after = PlausibleDateFilter(field_name="received_on", lookup_expr="gte", label=_("Received on or after"))
    received_before = PlausibleDateFilter(field_name="received_on", lookup_expr="lte", label=_("Received on or before"))

    class Meta:
        model = Report
        fields = ["state", "kind", "year", "is_draft", "received_after", "received_before"]


class ReportingStatusFilterForm(forms.Form):
    """`/api/v1/reporting-status/` and the reporting status page: computed rows, so a form, not a
    FilterSet; the same fields and the same 400 on a bad value."""

    as_of = PlausibleDateField(label=_("As of"), required=False, widget=DateInput())
    state = forms.CharField(label=_("State (ISO3)"), required=False, max_length=3)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "---------"), *ReportKind.choices])
    year = forms.IntegerField(label=_("Year covered"), required=False, min_value=2010, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "---------"), *ReportingStatus.choices])

    def clean_as_of(self):
        return self.cleaned_data.get("as_of") or timezone.localdate()

    def clean_state(self):
        return (self.cleaned_data.get("state") or "").upper()

    def apply(self, rows):
        data = self.cleaned_data
        if data.get("kind"):
            rows = [r for r in rows if r.kind == data["kind"]]
        if data.get("year"):
            rows = [r for r in rows if r.year == data["year"]]
        if data.get("status"):
            rows = [r for r in rows if r.status == data["status"]]
        return rows


class ReminderFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ReminderKind.choices, label=_("Kind"))
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO3)"))
    status = django_filters.ChoiceFilter(choices=ReminderStatus.choices, label=_("Status"))
    recipient = django_filters.CharFilter(lookup_expr="iexact", label=_("Recipient"))

    class Meta:
        model = Reminder
        fields = ["kind", "state", "status", "recipient"]
