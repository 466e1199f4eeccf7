"""The ISU's report entry: one form per group of the Article 7 forms (a wizard, saved as a draft
at each step), and the dashboard's query form."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import PlausibleDateField
from core.forms import DateInput
from reports.models import FormStatus, FormTopic, Report
from states.models import State


class ReportFactsForm(forms.ModelForm):
    """Step 1: which report, when it was received, the document."""

    class Meta:
        model = Report
        fields = ["state", "kind", "year", "received_on", "template_version", "period_from", "period_to", "document"]
        widgets = {"received_on": DateInput(), "period_from": DateInput(), "period_to": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = State.objects.exclude(entry_into_force=None).order_by("name")
        self.fields["document"].widget.attrs["accept"] = "application/pdf"
        if self.instance.pk:
            # state, kind and year identify the report; a mistake there is another report.
            for name in ("state", "kind", "year"):
                self.fields[name].disabled = True


class ContactForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["contact_organisation", "contact_phone", "contact_email"]


class CoverForm(forms.Form):
    """The cover page: per form, changed / unchanged since YYYY / not applicable."""

    def __init__(self, *args, instance: Report, **kwargs):
        self.instance = instance
        initial = {}
        for topic, entry in (instance.form_status or {}).items():
            initial[f"{topic}_status"] = entry.get("status", "")
            initial[f"{topic}_since"] = entry.get("since")
        super().__init__(*args, initial=initial, **kwargs)
        for topic in FormTopic:
            self.fields[f"{topic.value}_status"] = forms.ChoiceField(
                label=topic.label, required=False, choices=[("", _("— not stated —")), *FormStatus.choices]
            )
            self.fields[f"{topic.value}_since"] = forms.IntegerField(
                label=_("%(form)s: unchanged since (year)") % {"form": topic.label},
                required=False,
                min_value=2010,
                max_value=2100,
            )

    def topic_rows(self):
        return [(self[f"{t.value}_status"], self[f"{t.value}_since"]) for t in FormTopic]

    def clean(self):
        data = super().clean()
        latest = self.instance.year or (self.instance.received_on.year if self.instance.received_on else None)
        for topic in FormTopic:
            status, since = data.get(f"{topic.value}_status"), data.get(f"{topic.value}_since")
            if status == FormStatus.UNCHANGED and since is None:
                self.add_error(f"{topic.value}_since", _("Give the year since which this form is unchanged."))
            elif since is not None and status != FormStatus.UNCHANGED:
                self.add_error(f"{topic.value}_since", _("Only an unchanged form has a year."))
            elif since is not None and latest and since > latest:
                self.add_error(f"{topic.value}_since", _("Cannot be later than %(year)s.") % {"year": latest})
        return data

    def save(self) -> Report:
        statuses = {}
        for topic in FormTopic:
            status = self.cleaned_data.get(f"{topic.value}_status")
            if status:
                entry = {"status": status}
                if status == FormStatus.UNCHANGED:
                    entry["since"] = self.cleaned_data[f"{topic.value}_since"]
                statuses[topic.value] = entry
        self.instance.form_status = statuses
        self.instance.full_clean()
        self.instance.save()
        return self.instance


class StockpilesForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["stockpile_held", "stockpile_destroyed", "retained", "transferred"]


class ClearanceForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["contaminated_area_remaining_m2", "contaminated_area_cleared_m2"]


class VictimsForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["victims"]


class CooperationForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["resources_currency", "national_resources", "assistance_given", "assistance_received"]


class OtherForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["other_matters"]
        widgets = {"other_matters": forms.Textarea(attrs={"rows": 4})}


# (slug, title, form class): the wizard's pages, in order.
STEPS = [
    ("report", _("Report received"), ReportFactsForm),
    ("contact", _("Point of contact"), ContactForm),
    ("cover", _("Cover page: status of each form"), CoverForm),
    ("stockpiles", _("Stockpiles, retained and transferred munitions"), StockpilesForm),
    ("clearance", _("Contaminated areas and clearance"), ClearanceForm),
    ("victims", _("Victim assistance"), VictimsForm),
    ("cooperation", _("National resources, cooperation and assistance"), CooperationForm),
    ("other", _("Other matters"), OtherForm),
]
STEP_SLUGS = [slug for slug, _title, _form in STEPS]


class DashboardForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2010, max_value=2100)
    as_of = PlausibleDateField(label=_("As of"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if not self.errors:
            data["as_of"] = data.get("as_of") or timezone.localdate()
            data["year"] = data.get("year") or data["as_of"].year - 1
        return data
