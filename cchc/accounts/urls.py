from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("confirm-password/", views.confirm_password, name="confirm_password"),
]
