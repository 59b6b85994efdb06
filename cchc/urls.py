from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cchc.core import views as core_views
from cchc.core.forms import AdminLoginForm
from cchc.indicators import target_urls
from cchc.plans import urls as plan_urls

admin.site.site_header = "CCHC — Quản trị hệ thống"
admin.site.site_title = "CCHC"
admin.site.login_form = AdminLoginForm  # the name's length checked (decision 0179)

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/login/", core_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        core_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="core/password_change_done.html"),
        name="password_change_done",
    ),
    path("evidence/", include("cchc.evidence.urls")),
    path("", include("cchc.basics.urls")),
    path("accounts/", include("cchc.accounts.urls")),
    path("plans/import/", include("cchc.importer.urls")),
    # a target's page and figures are indicators' views at the plan's addresses (plans:target)
    path("plans/", include((plan_urls.urlpatterns + target_urls.urlpatterns, plan_urls.app_name))),
    path("", include("cchc.tracking.urls")),
    path("", include("cchc.notifications.urls")),
    path("", include("cchc.dossiers.urls")),
    path("", include("cchc.indicators.urls")),
    path("", include("cchc.index766.urls")),
    path("", include("cchc.reports.urls")),
    path("", include("cchc.parindex.urls")),
    path("", include("cchc.surveys.urls")),
    path("", include("cchc.figures.urls")),
    path("", include("cchc.feedback.urls")),
    path("", include("cchc.public.urls")),
    path("api/", include("cchc.api.urls")),
    path("admin/", admin.site.urls),
]
