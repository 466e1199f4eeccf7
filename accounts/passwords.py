"""Password reset by e-mail, throttled (issue 19, finding 7; issue 17, point 4).

Django's reset flow (a signed link valid PASSWORD_RESET_TIMEOUT seconds, usable once because it
depends on the password hash) with two limits on sending: per client address and per e-mail
address within PASSWORD_RESET_WINDOW. The answer never says whether an account has that
address; a throttled request says so, which reveals nothing about the account either.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import throttle


class ThrottledPasswordResetForm(PasswordResetForm):
    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        window = settings.PASSWORD_RESET_WINDOW
        keys = [
            (
                throttle.key_for("reset-address", throttle.client_address(self.request)),
                settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            ),
            (throttle.key_for("reset-email", email), settings.PASSWORD_RESET_LIMIT_PER_EMAIL),
        ]
        if any(throttle.is_locked(key, limit, window) for key, limit in keys):
            minutes = max(1, window // 60)
            raise ValidationError(
                _("Too many reset requests. Try again in %(minutes)d minutes."),
                code="throttled",
                params={"minutes": minutes},
            )
        for key, _limit in keys:
            throttle.record(key, window)
        return email


class ThrottledPasswordResetView(PasswordResetView):
    form_class = ThrottledPasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
