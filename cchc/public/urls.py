from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("cong-khai/<slug:code>/", views.unit_page, name="unit"),
    path("cong-khai/<slug:code>/tra-cuu/", views.dossier_lookup, name="lookup"),
    path("cong-khai/<slug:code>/du-lieu.json", views.open_data_json, name="json"),
    path("cong-khai/<slug:code>/du-lieu.csv", views.open_data_csv, name="csv"),
]
