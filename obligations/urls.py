from django.urls import path

from obligations import views

app_name = "obligations"
urlpatterns = [
    path("", views.obligation_list, name="list"),
    path("new/", views.obligation_edit, name="create"),
    path("<int:pk>/", views.obligation_detail, name="detail"),
    path("<int:pk>/edit/", views.obligation_edit, name="edit"),
    path("<int:obligation_pk>/extensions/new/", views.extension_edit, name="extension-create"),
    path("<int:obligation_pk>/extensions/<int:pk>/edit/", views.extension_edit, name="extension-edit"),
]
