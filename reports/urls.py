from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_entry, name="create"),
    path("status/", views.reporting_status_page, name="status"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:table>.csv", views.dashboard_csv, name="dashboard-csv"),
    path("reminders/", views.reminder_log, name="reminders"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/document/", views.report_document, name="document"),
    path("<int:pk>/entry/<slug:step>/", views.report_entry, name="entry"),
]
