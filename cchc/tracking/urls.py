from django.urls import path

from . import dashboard_views, direction_views, views

app_name = "tracking"
urlpatterns = [
    path("my-tasks/", views.my_tasks, name="mine"),
    path("follow-up/tasks/<int:pk>/", views.task_detail, name="task"),
    path("follow-up/occurrences/<int:pk>/report/", views.report, name="report"),
    path("follow-up/tasks/<int:pk>/due/", views.set_due, name="set_due"),
    path("follow-up/tasks/<int:pk>/assign/", views.assign, name="assign"),
    path("follow-up/assignments/<int:pk>/remove/", views.unassign, name="unassign"),
    path(
        "follow-up/tasks/<int:pk>/directions/",
        direction_views.give_direction,
        name="give_direction",
    ),
    path(
        "follow-up/directions/<int:pk>/answer/",
        direction_views.answer_direction,
        name="answer_direction",
    ),
    path("follow-up/plans/<int:pk>/rules/", direction_views.plan_rule, name="plan_rule"),
    path("units/<slug:code>/nudge/", direction_views.nudge, name="nudge"),
    path("units/<slug:code>/dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("units/<slug:code>/compare/", dashboard_views.compare, name="compare"),
    path("units/<slug:code>/compare/excel/", dashboard_views.compare_excel, name="compare_excel"),
    path("units/<slug:code>/undated/", views.undated, name="undated"),
    path(
        "units/<slug:code>/reminders/", dashboard_views.reminder_settings, name="reminder_settings"
    ),
]
