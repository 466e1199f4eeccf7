from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/enrol/<str:token>/", views.two_factor_enrol, name="two-factor-enrol"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("second-factors/", views.second_factors, name="second-factors"),
    path("second-factors/<int:pk>/reset/", views.reset_second_factor, name="reset-second-factor"),
]
