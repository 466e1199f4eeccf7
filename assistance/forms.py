from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import Donor
from assistance import need_columns, services
from assistance.form_fields import CurrencySelect, MoneyField
from assistance.models import Need, Pledge
from assistance.models.money import format_money
from core.forms import DateInput
from obligations.models import Obligation
from states.models import State


class NeedForm(forms.ModelForm):
    """A focal point submits and edits its own state's needs; the ISU all of them, and may also
    date a past request and close a need."""

    amount_requested = MoneyField(label=_("Amount requested"))
    completion_plan_url = forms.URLField(
        label=_("completion plan link"), required=False, assume_scheme="https", max_length=200
    )
    close = forms.BooleanField(
        label=_("Closed"), required=False, help_text=_("No more funding is sought for this need.")
    )

    class Meta:
        model = Need
        fields = need_columns.FORM_FIELDS  # assistance/need_columns.py
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "own_deadline": DateInput(),
            "submitted_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "completion_plan": forms.Textarea(attrs={"rows": 3}),
            "document": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["currency"].widget = CurrencySelect()
        self.fields["close"].initial = bool(self.instance.closed_on)
        obligations = Obligation.objects.select_related("state").order_by("state__name", "article")
        if roles.is_isu(user):
            self.fields["state"].queryset = State.objects.order_by("name")
            if self.instance.pk:
                obligations = obligations.filter(state_id=self.instance.state_id)
        else:
            # A focal point's needs are its own state's: the state is not a choice.
            del self.fields["state"]
            del self.fields["submitted_on"]
            self.instance.state_id = user.state_id
            obligations = obligations.filter(state_id=user.state_id)
        self.fields["obligation"].queryset = obligations
        self.fields["obligation"].label_from_instance = lambda o: f"{o.state.iso3} — {o.get_article_display()}" + (
            f" ({o.current_deadline:%Y-%m-%d})" if o.current_deadline else ""
        )

    def clean_currency(self):
        return (self.cleaned_data.get("currency") or "").upper()

    def clean_submitted_on(self):
        value = self.cleaned_data.get("submitted_on")
        return value or timezone.localdate()

    def save(self, commit=True):
        need = super().save(commit=False)
        if self.cleaned_data.get("close"):
            need.closed_on = need.closed_on or timezone.localdate()
        else:
            need.closed_on = None
        if need.pk is None:
            need.created_by = self.user
        if commit:
            services.save_need(need)
        return need


class PledgeForm(forms.ModelForm):
    """A donor records and changes its own pledges; the ISU any donor's, and may date them earlier."""

    amount = MoneyField(label=_("Amount"))

    class Meta:
        model = Pledge
        fields = ["donor", "amount", "currency", "pledged_on", "committed_on", "notes"]
        widgets = {
            "pledged_on": DateInput(),
            "committed_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].widget = CurrencySelect()
        if getattr(self.instance, "disbursed_amount", None):
            # Payments were recorded in this currency: it stays (clean() says so to the API too).
            self.fields["currency"].disabled = True
            self.fields["currency"].help_text = _("Payments were recorded in this currency: it stays.")
        if roles.is_isu(user):
            self.fields["donor"].queryset = Donor.objects.order_by("name")
        else:
            del self.fields["donor"]
            del self.fields["pledged_on"]
            self.instance.donor_id = user.donor_id

    def clean_currency(self):
        return (self.cleaned_data.get("currency") or "").upper()

    def save(self, commit=True):
        pledge = super().save(commit=False)
        if commit:
            services.save_pledge(pledge)
        return pledge


class CommitForm(forms.Form):
    committed_on = forms.DateField(label=_("Agreement signed on"), widget=DateInput())


class DisbursementForm(forms.Form):
    """A payment against `pledge`, in its currency (named on the field, with what remains to pay)."""

    date = forms.DateField(label=_("Payment date"), widget=DateInput())
    amount = MoneyField(label=_("Amount paid"))

    def __init__(self, *args, pledge: Pledge, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].label = _("Amount paid (%(currency)s)") % {"currency": pledge.currency}
        remaining = getattr(pledge, "remaining_amount", None)
        if remaining is not None:
            self.fields["amount"].help_text = _("Still to pay: %(amount)s.") % {
                "amount": format_money(remaining, pledge.currency)
            }


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the pledge archived?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: withdrawn by the donor, or entered twice. The pledge and its history are kept."),
    )
