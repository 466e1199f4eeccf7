from django.urls import path

from assistance import pledge_views, views

app_name = "assistance"
urlpatterns = [
    path("", views.need_list, name="need-list"),
    path("needs/new/", views.need_edit, name="need-create"),
    path("needs/<int:pk>/", views.need_detail, name="need-detail"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need-edit"),
    path("needs/<int:pk>/document/", views.need_document, name="need-document"),
    path("needs/<int:need_pk>/pledge/", pledge_views.pledge_create, name="pledge-create"),
    path("pledges/", pledge_views.pledge_list, name="pledge-list"),
    path("pledges/<int:pk>/", pledge_views.pledge_detail, name="pledge-detail"),
    path("pledges/<int:pk>/edit/", pledge_views.pledge_edit, name="pledge-edit"),
    path("pledges/<int:pk>/archive/", pledge_views.pledge_archive, name="pledge-archive"),
    path("pledges/<int:pk>/commit/", pledge_views.pledge_commit, name="pledge-commit"),
    path("pledges/<int:pk>/disburse/", pledge_views.pledge_disburse, name="pledge-disburse"),
    path("outlook/", views.outlook_list, name="outlook"),
    path("experience/", views.experience_list, name="experience-list"),
    path("capacities/", views.capacity_list, name="capacity-list"),
]
