from django.urls import path

from assistance import views

app_name = "assistance"
urlpatterns = [
    path("", views.need_list, name="need-list"),
    path("needs/new/", views.need_edit, name="need-create"),
    path("needs/<int:pk>/", views.need_detail, name="need-detail"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need-edit"),
    path("needs/<int:pk>/document/", views.need_document, name="need-document"),
    path("needs/<int:need_pk>/pledge/", views.pledge_create, name="pledge-create"),
    path("pledges/", views.pledge_list, name="pledge-list"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge-detail"),
    path("pledges/<int:pk>/commit/", views.pledge_commit, name="pledge-commit"),
    path("pledges/<int:pk>/disburse/", views.pledge_disburse, name="pledge-disburse"),
    path("outlook/", views.outlook_list, name="outlook"),
    path("experience/", views.experience_list, name="experience-list"),
    path("capacities/", views.capacity_list, name="capacity-list"),
]
