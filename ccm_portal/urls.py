from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from accounts.forms import ThrottledAdminAuthenticationForm, ThrottledAuthenticationForm
from accounts.passwords import ThrottledPasswordResetView
from ccm_portal import views
from ccm_portal.security import csp_override

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "accounts/login/", auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm), name="login"
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("states/", include("states.urls")),
    path("obligations/", include("obligations.urls")),
    path("assistance/", include("assistance.urls")),
    path("reports/", include("reports.urls")),
    path("calendar/", include("reports.calendar_urls")),
    path("api/v1/", include("ccm_portal.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's init script as a file: no inline script under the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    # ReDoc injects <style> elements and runs a blob: worker; scripts stay 'self' only.
    path(
        "api/redoc/",
        csp_override(style_src="'self' 'unsafe-inline'", worker_src="'self' blob:")(
            SpectacularRedocView.as_view(url_name="schema")
        ),
        name="api-redoc",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
]

# The admin: the portal's name, and the same login throttle as every password check (issue 19).
admin.site.site_header = _("CCM Portal administration")
admin.site.site_title = _("CCM Portal administration")
admin.site.index_title = _("Records and accounts")
admin.site.login_form = ThrottledAdminAuthenticationForm
