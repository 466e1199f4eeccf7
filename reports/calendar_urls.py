from django.urls import path

from reports.calendar import deadlines_ics

app_name = "calendar"
urlpatterns = [path("deadlines.ics", deadlines_ics, name="deadlines")]
