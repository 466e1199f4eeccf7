import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from obligations.models import Obligation, ObligationStatus
from states.models import State, TreatyStatus


@require_GET
def home(request):
    """The front page: what the portal holds, and where to go next."""
    context = {
        "party_count": State.objects.filter(status=TreatyStatus.PARTY).count(),
        "signatory_count": State.objects.filter(status=TreatyStatus.SIGNATORY).count(),
        "upcoming": Obligation.objects.filter(status=ObligationStatus.ACTIVE, article__in=[3, 4])
        .exclude(current_deadline=None)
        .select_related("state")
        .order_by("current_deadline")[:8],
    }
    return render(request, "home.html", context)


@require_GET
def healthz(request):
    """For load balancers and compose health checks: the database and Redis answer.

    The database is required (503 without it); Redis down degrades (reminders wait in the
    database until it is back), so it is reported but the answer stays 200."""
    body, status = {"database": "ok", "redis": "not configured"}, 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        body["database"], status = f"down ({exc.__class__.__name__})", 503
    if settings.REDIS_URL:
        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1).ping()
            body["redis"] = "ok"
        except redis.RedisError as exc:
            body["redis"] = f"down ({exc.__class__.__name__})"
    return JsonResponse(body, status=status)
