import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views import i18n as i18n_views
from django.views.decorators.http import require_GET, require_POST, require_safe

from accounts import roles
from ccm_portal import home as home_content


@require_GET
def home(request):
    """What needs my attention now, for the reader's role (ccm_portal/home.py), then the overview."""
    today = timezone.localdate()
    user = request.user
    role = roles.role_of(user)
    context = {"role": role, "today": today, **home_content.overview(today)}
    if role == "focal_point":
        context["focal"] = home_content.focal_point(user, today)
    elif role == "donor":
        context["donor"] = home_content.donor(user, today)
    elif role == "isu":
        context["isu"] = home_content.isu(user, today)
    context["region_grid"] = home_content.needs_by_region(user, today)
    return render(request, "home.html", context)


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages without a <link rel="icon"> (the admin, the browsable
    API). Not a permanent redirect: the static file's hashed name changes with its content."""
    return HttpResponseRedirect(static("favicon.svg"))


@require_POST
def set_language(request):
    """Django's language switch (cookie), and for a signed-in user the choice is saved on the
    account, so it also holds on another device and in emails (accounts.middleware)."""
    response = i18n_views.set_language(request)
    code = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and code in dict(settings.LANGUAGES) and user.language != code:
        get_user_model().objects.filter(pk=user.pk).update(language=code)
    return response


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
