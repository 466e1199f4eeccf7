from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import throttle


def locked_message():
    minutes = max(1, settings.LOGIN_FAILURE_WINDOW // 60)
    return _("Too many failed attempts. For your security, try again in %(minutes)d minutes.") % {"minutes": minutes}


class ThrottleMessageMixin:
    """Says "too many attempts" rather than "wrong password" when the throttle refused the login.

    The counting itself is in accounts/backends.py, for every password check; this only words the
    refusal. Locked is judged before the attempt, so the fifth wrong password still reads as wrong."""

    def clean(self):
        self.was_locked = throttle.login_locked(self.cleaned_data.get("username", ""), self.request)
        return super().clean()

    def get_invalid_login_error(self):
        if getattr(self, "was_locked", False):
            return ValidationError(locked_message(), code="throttled")
        return super().get_invalid_login_error()


class ThrottledAuthenticationForm(ThrottleMessageMixin, AuthenticationForm):
    """The login form (/accounts/login/)."""


class ThrottledAdminAuthenticationForm(ThrottleMessageMixin, AdminAuthenticationForm):
    """The admin's login form: the same throttle as every other password check."""


class TOTPCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=20,
        help_text=_("From your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
