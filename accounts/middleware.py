import time
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import roles


class UserTimeZoneMiddleware:
    """The database keeps UTC; pages show times in the reader's own zone (User.time_zone)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = getattr(request.user, "time_zone", "") if hasattr(request, "user") else ""
        try:
            timezone.activate(zoneinfo.ZoneInfo(name)) if name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user reads the portal in their own language (User.language), on any device.

    Runs after LocaleMiddleware (cookie or Accept-Language) and authentication: when the user's
    saved language differs from the one chosen for this request, it wins, and the language cookie
    is set so the choice also holds after logging out. The switch in the header saves both
    (ccm_portal.views.set_language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        wanted = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if wanted not in dict(settings.LANGUAGES) or wanted == getattr(request, "LANGUAGE_CODE", None):
            return self.get_response(request)
        translation.activate(wanted)
        request.LANGUAGE_CODE = wanted
        response = self.get_response(request)
        if settings.LANGUAGE_COOKIE_NAME not in response.cookies:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                wanted,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class ISUIdleTimeoutMiddleware:
    """An ISU session ends after ISU_SESSION_IDLE_SECONDS without a request (issue 17, point 4).

    ISU accounts can change every record; a browser left open in a meeting room must not stay
    signed in. The time of the last request is kept in the session, written at most once a
    minute (not a session save on every request). Other roles keep Django's two-week sessions."""

    SESSION_KEY = "isu_last_seen"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if roles.is_isu(user) and hasattr(request, "session"):
            now = int(time.time())
            last_seen = request.session.get(self.SESSION_KEY)
            if last_seen is not None and now - last_seen > settings.ISU_SESSION_IDLE_SECONDS:
                # Then the request goes on as anonymous: protected pages send to the login (with
                # `next`), the API answers 401/403, and a login posted now simply logs in.
                logout(request)
                if not request.path.startswith("/api/"):
                    messages.info(request, _("You were signed out after a period of inactivity. Log in again."))
                return self.get_response(request)
            if last_seen is None or now - last_seen >= self.WRITE_EVERY:
                request.session[self.SESSION_KEY] = now
        return self.get_response(request)
