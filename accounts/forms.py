from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import throttle


def locked_message():
    minutes = max(1, settings.LOGIN_FAILURE_WINDOW // 60)
    return _("Too many failed attempts. For your security, try again in %(minutes)d minutes.") % {"minutes": minutes}


class ThrottledAuthenticationForm(AuthenticationForm):
    """The login form, refusing a username from an address after too many failures (accounts/throttle.py)."""

    def clean(self):
        key = throttle.login_key(self.cleaned_data.get("username", ""), self.request)
        if throttle.is_locked(key):
            raise ValidationError(locked_message(), code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError as exc:
            if getattr(exc, "code", None) == "invalid_login":
                throttle.record_failure(key)
            raise
        throttle.clear(key)
        return cleaned


class TOTPCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=10,
        help_text=_("From your authenticator app."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
