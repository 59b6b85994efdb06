from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cchc.core import views as core_views

admin.site.site_header = "CCHC — Quản trị hệ thống"
admin.site.site_title = "CCHC"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/login/", core_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("plans/", include("cchc.plans.urls")),
    path("", include("cchc.tracking.urls")),
    path("admin/", admin.site.urls),
]
