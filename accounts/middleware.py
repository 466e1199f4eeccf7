import zoneinfo

from django.utils import timezone


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
