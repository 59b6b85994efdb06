from django.urls import path

from . import criteria_views, views

app_name = "parindex"

urlpatterns = [
    path("par/ranking/<str:code>/<int:year>/", views.ranking, name="ranking"),
    path("par/tieu-chi/<str:code>/<int:year>/", criteria_views.build, name="criteria"),
    path("par/<str:code>/<int:year>/", views.assessment, name="assessment"),
    path("par/<str:code>/<int:year>/open/", views.open_assessment, name="open"),
    path("par/<str:code>/<int:year>/self/", views.self_scores, name="self"),
    path("par/<str:code>/<int:year>/evidence/<int:score_id>/", views.add_evidence, name="evidence"),
    path("par/<str:code>/<int:year>/submit/", views.submit, name="submit"),
    path("par/<str:code>/<int:year>/reopen/", views.reopen, name="reopen"),
    path("par/<str:code>/<int:year>/appraise/", views.appraise, name="appraise"),
    path(
        "par/<str:code>/<int:year>/explanation-round/",
        views.explanation_round,
        name="explanation_round",
    ),
    path("par/<str:code>/<int:year>/explain/<int:score_id>/", views.explain, name="explain"),
    path("par/<str:code>/<int:year>/finalise/", views.finalise, name="finalise"),
    path("par/<str:code>/<int:year>/export.xlsx", views.export, name="export"),
    path("par/<str:code>/<int:year>/document.docx", views.document, name="document"),
    path("par/<str:code>/<int:year>/win-back/", views.win_back, name="win_back"),
    path("par/<str:code>/<int:year>/win-back/<int:score_id>/", views.add_task, name="add_task"),
]
