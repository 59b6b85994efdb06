"""A target's page, its measure and its figures: indicators' views under the plan's addresses
(`plans:target` …). `cchc/urls.py` adds them to the `plans` namespace, so plans, a layer below,
does not import them."""

from django.urls import path

from . import target_views

urlpatterns = [
    path("targets/<int:pk>/", target_views.target_detail, name="target"),
    path("targets/<int:pk>/measure/", target_views.target_link, name="target_link"),
    path("targets/<int:pk>/figures/", target_views.target_figure, name="target_figure"),
]
