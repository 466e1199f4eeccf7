"""Two-factor authentication for ISU accounts: a TOTP code after the password, once per session.

Enrolment needs more than the password (issue 19, finding 1): the secret is shown only on the
page of a signed, expiring link e-mailed to the account (sent on request, or when an ISU colleague
resets the account's second factor), and only to that account's own session. Each new link
replaces the secret, so only the latest link works, and none once the device is confirmed.
Recovery codes (accounts/recovery.py) replace a lost authenticator once each.

Only sessions are concerned: the browser pages and the API used from them. API clients that
authenticate with a token (integrations) are not: a token is issued by the ISU to a system, not
typed by a person, and is revoked by deleting it. The requirement is on when ISU_REQUIRE_2FA
is true (the default; the test settings turn it off except in the tests of this module).
"""

from __future__ import annotations

import base64
import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts import recovery, roles, totp
from accounts.models import TOTPDevice

SESSION_KEY = "two_factor_user"
ISSUER = "CCM Portal"
ENROLMENT_SALT = "accounts.twofactor.enrol"


def required_for(user) -> bool:
    return bool(settings.ISU_REQUIRE_2FA and roles.is_isu(user))


def is_verified(request) -> bool:
    return request.session.get(SESSION_KEY) == request.user.pk


def mark_verified(request) -> None:
    # A new session key too: a session fixed before the second factor is not the one after it.
    request.session.cycle_key()
    request.session[SESSION_KEY] = request.user.pk


def device_for(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user).first()


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def _fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()[:16]


def new_enrolment(user) -> str:
    """A new unconfirmed secret for the user (the old device and codes are gone) and the signed
    path of the page that shows it."""
    TOTPDevice.objects.filter(user=user).delete()
    recovery.forget(user)
    device = TOTPDevice.objects.create(user=user, secret=totp.new_secret())
    token = signing.dumps({"u": user.pk, "f": _fingerprint(device.secret)}, salt=ENROLMENT_SALT)
    return reverse("accounts:two-factor-enrol", args=[token])


def enrolment_device(user, token: str) -> TOTPDevice | None:
    """The unconfirmed device the link was made for, if the link is this user's, recent and the latest."""
    try:
        data = signing.loads(token, salt=ENROLMENT_SALT, max_age=settings.TWO_FACTOR_ENROLMENT_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != user.pk:
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed_at=None).first()
    if device is None or data.get("f") != _fingerprint(device.secret):
        return None
    return device


def send_enrolment_link(user) -> bool:
    """E-mail a new enrolment link to the user (in the user's language); False without an address."""
    if not user.email:
        return False
    link = settings.SITE_URL + new_enrolment(user)
    hours = max(1, settings.TWO_FACTOR_ENROLMENT_MAX_AGE // 3600)
    with override(user.language or settings.LANGUAGE_CODE):
        subject = _("CCM Portal: set up your authenticator")
        body = _(
            "To set up two-factor authentication for your CCM Portal account %(username)s, log in and open "
            "this link within %(hours)d hours:\n\n%(link)s\n\nOnly the latest link works. If you did not "
            "ask for it, tell the ISU: someone may know your password."
        ) % {"username": user.get_username(), "hours": hours, "link": link}
    send_mail(subject, body, None, [user.email])
    return True


def check_code(device: TOTPDevice | None, code: str) -> bool:
    """True for a good, unused code; the device then remembers the step and is confirmed."""
    if device is None:
        return False
    # Lock the row: two requests with the same code cannot both pass (replay in a race).
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    step = totp.verify(device.secret, code, time.time(), device.last_step)
    if step is None:
        return False
    device.last_step = step
    device.confirmed_at = device.confirmed_at or timezone.now()
    device.save(update_fields=["last_step", "confirmed_at"])
    return True


def provisioning_uri(device: TOTPDevice) -> str:
    return totp.provisioning_uri(device.secret, device.user.get_username(), ISSUER)


def qr_data_uri(uri: str) -> str | None:
    """The URI as an SVG QR code in a data: URI (allowed by img-src), or None without `qrcode`."""
    try:
        import qrcode
        import qrcode.image.svg
    except ImportError:  # optional: the secret and the URI are shown as text anyway
        return None
    svg = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


class TwoFactorMiddleware:
    """ISU sessions pass the second factor before anything else.

    Pages redirect to the code form; the API used with that session answers 403. Token-authenticated
    API requests carry no session user here and are not concerned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and required_for(user) and not is_verified(request):
            static = "/" + settings.STATIC_URL.lstrip("/")
            allowed = (reverse("accounts:two-factor"), reverse("logout"), static, "/i18n/")
            if not request.path.startswith(allowed) and request.path != reverse("healthz"):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "Two-factor verification required."}, status=403)
                return redirect(reverse("accounts:two-factor") + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)
