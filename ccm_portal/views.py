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
    """For load balancers: the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"database": "down", "error": exc.__class__.__name__}, status=503)
    return JsonResponse({"database": "ok"})
