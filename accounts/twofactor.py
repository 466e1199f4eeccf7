"""Two-factor authentication for ISU accounts: a TOTP code after the password, once per session.

Only sessions are concerned: the browser pages and the API used from them. API clients that
authenticate with a token (integrations) are not: a token is issued by the ISU to a system, not
typed by a person, and is revoked by deleting it. The requirement is on when ISU_REQUIRE_2FA
is true (the default; the test settings turn it off except in the tests of this module).
"""

from __future__ import annotations

import base64
import time

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts import totp
from accounts.models import TOTPDevice

SESSION_KEY = "two_factor_user"
ISSUER = "CCM Portal"


def required_for(user) -> bool:
    return bool(settings.ISU_REQUIRE_2FA and user.is_authenticated and user.is_isu)


def is_verified(request) -> bool:
    return request.session.get(SESSION_KEY) == request.user.pk


def mark_verified(request) -> None:
    # A new session key too: a session fixed before the second factor is not the one after it.
    request.session.cycle_key()
    request.session[SESSION_KEY] = request.user.pk


def device_for(user) -> TOTPDevice:
    """The user's device; a new unconfirmed secret when there is none yet."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"secret": totp.new_secret()})
    return device


def check_code(device: TOTPDevice, code: str) -> bool:
    """True for a good, unused code; the device then remembers the step and is confirmed."""
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
