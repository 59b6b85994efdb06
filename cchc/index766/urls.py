from django.urls import path

from . import views

app_name = "index766"
urlpatterns = [
    path("units/<slug:code>/index766/", views.unit_index, name="unit"),
    path("units/<slug:code>/index766/publish/", views.publish_month, name="publish"),
    path(
        "units/<slug:code>/index766/published/<str:month>/",
        views.published_month,
        name="published",
    ),
]
