from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("units/<slug:code>/figures/", views.unit_figures, name="unit"),
    path("units/<slug:code>/figures/table/", views.unit_table, name="table"),
    path("plans/targets/<int:pk>/measure-figure/", views.target_measure, name="target"),
]
