"""Password checks, throttled wherever they happen (issue 19, findings 1 and 7).

`authenticate()` is the one door every password goes through: the login page, the admin's login,
and any API or command that checks a password. The backend refuses a locked username before its
password is even checked, and the `user_login_failed` signal (sent by `authenticate()` for every
failure, a refusal here included) counts the failure; a login clears the username-and-address
count.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from accounts import throttle


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if throttle.login_locked(username, request):
            raise PermissionDenied("too many failed logins")  # stops every backend, even a right password
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed, dispatch_uid="accounts.count_login_failure")
def count_login_failure(sender, credentials, request=None, **kwargs) -> None:
    throttle.record_login_failure(credentials.get(get_user_model().USERNAME_FIELD, ""), request)


@receiver(user_logged_in, dispatch_uid="accounts.clear_login_failures")
def clear_login_failures(sender, request, user, **kwargs) -> None:
    throttle.clear_login(user.get_username(), request)
