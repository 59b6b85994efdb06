from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("confirm-password/", views.confirm_password, name="confirm_password"),
    path("two-step/", views.two_step_verify, name="two_step_verify"),
    path("two-step/setup/", views.two_step_setup, name="two_step_setup"),
]
