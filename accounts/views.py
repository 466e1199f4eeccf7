import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import recovery, throttle, twofactor
from accounts.forms import TOTPCodeForm, locked_message
from accounts.models import Role, User
from accounts.roles import is_isu, isu_required

logger = logging.getLogger(__name__)

# Enrolment links on request: a few an hour per account (each one e-mails the account's owner).
ENROLMENT_MAILS_PER_HOUR = 3


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _isu_session(request):
    if not is_isu(request.user):
        raise PermissionDenied


def _show_recovery_codes(request, codes: list[str], next_url: str):
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
@transaction.atomic
def two_factor(request):
    """The second factor after the password: a code from the authenticator or a recovery code.

    Without a confirmed authenticator the page shows no secret (a password alone must not enrol
    one): it offers to e-mail an enrolment link to the account's address."""
    _isu_session(request)
    if not twofactor.has_confirmed_device(request.user):
        return _not_enrolled(request)
    key = throttle.key_for("totp", str(request.user.pk))
    form = TOTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if throttle.is_locked(key):
            form.add_error("code", locked_message())
        elif twofactor.check_code(twofactor.device_for(request.user), code):
            throttle.clear(key)
            twofactor.mark_verified(request)
            messages.success(request, _("Two-factor authentication verified."))
            return redirect(_next_url(request))
        elif recovery.use(request.user, code):
            throttle.clear(key)
            twofactor.mark_verified(request)
            left = recovery.remaining(request.user)
            messages.warning(
                request,
                _("You used a recovery code; %(count)d left. Make new ones on the recovery codes page.")
                % {"count": left},
            )
            logger.warning("recovery code used by %s (%d left)", request.user.get_username(), left)
            return redirect(_next_url(request))
        else:
            throttle.record(key)
            form.add_error("code", _("This code is wrong or was already used. Enter the current code."))
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next_url(request)})


def _not_enrolled(request):
    user = request.user
    key = throttle.key_for("enrol-mail", str(user.pk))
    if request.method == "POST" and "send_link" in request.POST:
        if throttle.is_locked(key, ENROLMENT_MAILS_PER_HOUR, 3600):
            messages.error(request, _("An enrolment link was sent several times already. Try again in an hour."))
        elif twofactor.send_enrolment_link(user):
            throttle.record(key, 3600)
            messages.success(request, _("We sent a link to set up your authenticator to your e-mail address."))
        return redirect(request.get_full_path())
    return render(request, "accounts/two_factor_enrol_request.html", {"has_email": bool(user.email)})


@login_required
@require_http_methods(["GET", "POST"])
@transaction.atomic
def two_factor_enrol(request, token: str):
    """The e-mailed link: the secret, its QR code, and a code to confirm them; then recovery codes."""
    _isu_session(request)
    device = twofactor.enrolment_device(request.user, token)
    if device is None:
        return render(request, "accounts/two_factor_enrol.html", {"invalid": True}, status=400)
    key = throttle.key_for("totp", str(request.user.pk))
    form = TOTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttle.is_locked(key):
            form.add_error("code", locked_message())
        elif twofactor.check_code(device, form.cleaned_data["code"]):
            throttle.clear(key)
            twofactor.mark_verified(request)
            logger.info("authenticator enrolled by %s", request.user.get_username())
            return _show_recovery_codes(request, recovery.new_codes(request.user), _next_url(request))
        else:
            throttle.record(key)
            form.add_error("code", _("This code is wrong or was already used. Enter the current code."))
    uri = twofactor.provisioning_uri(device)
    context = {"form": form, "secret": device.secret, "uri": uri, "qr": twofactor.qr_data_uri(uri), "next": "/"}
    return render(request, "accounts/two_factor_enrol.html", context)


@isu_required
@require_http_methods(["GET", "POST"])
@transaction.atomic
def recovery_codes(request):
    """How many recovery codes are left; POST makes a new set (shown once, the old ones stop working)."""
    if request.method == "POST":
        return _show_recovery_codes(request, recovery.new_codes(request.user), reverse("home"))
    return render(request, "accounts/recovery_codes.html", {"remaining": recovery.remaining(request.user)})


@isu_required
def second_factors(request):
    """The ISU's colleagues and their second factor; a reset for one who lost it.

    Deliberately small: the ISU's user-management pages will take this over."""
    colleagues = (
        User.objects.filter(is_active=True).filter(role=Role.ISU).select_related("totp_device").order_by("username")
    )
    rows = [
        {
            "user": colleague,
            "enrolled": hasattr(colleague, "totp_device") and colleague.totp_device.is_confirmed,
            "recovery_left": recovery.remaining(colleague),
        }
        for colleague in colleagues
    ]
    return render(request, "accounts/second_factors.html", {"rows": rows, "required": settings.ISU_REQUIRE_2FA})


@isu_required
@require_POST
@transaction.atomic
def reset_second_factor(request, pk: int):
    """An ISU colleague's action: the account's authenticator and recovery codes are removed and a
    new enrolment link goes to the account's own e-mail address (never to the colleague)."""
    colleague = get_object_or_404(User.objects.filter(role=Role.ISU), pk=pk)
    if colleague.pk == request.user.pk:
        raise PermissionDenied  # one's own reset needs someone else: a stolen session must not do it
    if twofactor.send_enrolment_link(colleague):
        messages.success(
            request,
            _("The second factor of %(name)s was reset; an enrolment link went to their e-mail address.")
            % {"name": colleague.get_username()},
        )
    else:
        twofactor.new_enrolment(colleague)
        messages.warning(
            request,
            _(
                "The second factor of %(name)s was reset, but the account has no e-mail address: add one so that "
                "they can enrol again."
            )
            % {"name": colleague.get_username()},
        )
    logger.warning("second factor of %s reset by %s", colleague.get_username(), request.user.get_username())
    return redirect("accounts:second-factors")
