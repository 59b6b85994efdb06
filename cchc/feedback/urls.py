from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("units/<slug:code>/feedback/", views.register, name="register"),
    path("units/<slug:code>/feedback/new/", views.entry, name="new"),
    path("units/<slug:code>/feedback/<int:pk>/", views.entry, name="edit"),
    path("units/<slug:code>/feedback/import/", views.import_page, name="import"),
]
