from django.urls import path

from . import feedback  # noqa: F401 - registers its routes on the API
from .views import api

urlpatterns = [path("v1/", api.urls)]
