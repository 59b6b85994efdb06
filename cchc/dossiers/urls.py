from django.urls import path

from . import publication_views, views

app_name = "dossiers"
urlpatterns = [
    path("units/<slug:code>/dossiers/import/", views.import_page, name="import"),
    path("dossiers/uploads/<int:pk>/", views.upload_detail, name="upload"),
    path("dossiers/uploads/<int:pk>/discard/", views.upload_discard, name="discard"),
    path("dossiers/uploads/<int:pk>/progress/", views.upload_progress, name="progress"),
    path("dossiers/uploads/<int:pk>/rerun/", views.upload_rerun, name="rerun"),
    path("dossiers/uploads/<int:pk>/errors.xlsx", views.upload_errors, name="errors"),
    path("procedures/publication/", publication_views.catalogue, name="publication"),
    path("procedures/<str:code>/publication/", publication_views.edit, name="publication_edit"),
]
