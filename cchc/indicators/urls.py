from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("units/<slug:code>/indicators/", views.unit_indicators, name="unit"),
    path("units/<slug:code>/indicators.xlsx", views.unit_indicators_export, name="export"),
]
