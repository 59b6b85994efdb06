from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/<int:pk>/", views.detail, name="detail"),
    path("reports/<int:pk>/edit", views.edit, name="edit"),
    path("reports/<int:pk>/window", views.window, name="window"),
    path("reports/<int:pk>/submit", views.submit, name="submit"),
    path("reports/<int:pk>/accept", views.accept, name="accept"),
    path("reports/<int:pk>/return", views.return_report, name="return"),
    path("reports/<int:pk>/tables.xlsx", views.tables_xlsx, name="tables"),
    path("reports/<int:pk>/report.docx", views.report_docx, name="docx"),
    path("units/<slug:code>/reports/", views.unit_reports, name="unit"),
    path("units/<slug:code>/reports/<str:key>/", views.period, name="period"),
    path("units/<slug:code>/reports/<str:key>/compiled", views.compiled_view, name="compiled"),
]
