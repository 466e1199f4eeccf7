from django.urls import path
from rest_framework.routers import SimpleRouter

from reports.api.views import ReminderViewSet, ReportingStatusView, ReportViewSet, StatsView

router = SimpleRouter()
router.register("reports", ReportViewSet, basename="report")
router.register("reminders", ReminderViewSet, basename="reminder")
urlpatterns = [
    path("reporting-status/", ReportingStatusView.as_view(), name="reporting-status"),
    path("stats/", StatsView.as_view(), name="stats"),
    *router.urls,
]
