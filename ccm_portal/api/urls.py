"""`/api/v1/`: each app contributes its own router; the order here is the layering order."""

from django.urls import include, path

urlpatterns = [
    path("", include("states.api.urls")),
    path("", include("accounts.api.urls")),
    path("", include("obligations.api.urls")),
    path("", include("assistance.api.urls")),
    path("", include("reports.api.urls")),
]
