from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts import throttle, twofactor
from accounts.forms import TOTPCodeForm, locked_message


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@login_required
@transaction.atomic
def two_factor(request):
    """Enrol (first time: secret, otpauth URI, QR code) or enter a code; then go where the user was going."""
    if not request.user.is_isu:
        raise PermissionDenied
    device = twofactor.device_for(request.user)
    key = throttle.key_for("totp", str(request.user.pk))
    form = TOTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttle.is_locked(key):
            form.add_error("code", locked_message())
        elif twofactor.check_code(device, form.cleaned_data["code"]):
            throttle.clear(key)
            twofactor.mark_verified(request)
            messages.success(request, _("Two-factor authentication verified."))
            return redirect(_next_url(request))
        else:
            throttle.record_failure(key)
            form.add_error("code", _("This code is wrong or was already used. Enter the current code."))
    context = {"form": form, "next": _next_url(request), "enrolling": not device.is_confirmed}
    if not device.is_confirmed:
        uri = twofactor.provisioning_uri(device)
        context.update(secret=device.secret, uri=uri, qr=twofactor.qr_data_uri(uri))
    return render(request, "accounts/two_factor.html", context)
