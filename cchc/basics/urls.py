from django.urls import path

from . import views

app_name = "basics"
urlpatterns = [
    path("search/", views.results, name="search"),
    path("huong-dan/", views.guide_index, name="guide_index"),
    path("huong-dan/<slug:slug>/", views.guide_page, name="guide"),
    path("units/<slug:code>/people/", views.people, name="people"),
    path("people/<int:pk>/reset-password/", views.reset_password, name="reset_password"),
    path("accounts/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
