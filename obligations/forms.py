from django import forms

from core.forms import DateInput
from obligations.models import ExtensionRequest, Obligation
from states.models import State


class ObligationForm(forms.ModelForm):
    class Meta:
        model = Obligation
        fields = [
            "state",
            "article",
            "hostilities_ended_on",
            "status",
            "completed_on",
            "compliance_declared_at",
            "national_measures",
            "legislation_adopted_on",
            "notes",
        ]
        widgets = {
            "hostilities_ended_on": DateInput(),
            "completed_on": DateInput(),
            "legislation_adopted_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = State.objects.exclude(entry_into_force=None).order_by("name")
        if self.instance.pk:
            # The state and article identify the obligation; a mistake there is a new obligation.
            self.fields["state"].disabled = True
            self.fields["article"].disabled = True


class ExtensionRequestForm(forms.ModelForm):
    class Meta:
        model = ExtensionRequest
        fields = [
            "meeting",
            "submitted_on",
            "requested_deadline",
            "status",
            "decided_on",
            "granted_deadline",
            "notes",
            "source",
        ]
        widgets = {
            "submitted_on": DateInput(),
            "requested_deadline": DateInput(),
            "decided_on": DateInput(),
            "granted_deadline": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }
