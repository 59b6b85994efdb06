from django.urls import path

from . import life_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/delete/", views.plan_delete, name="delete"),
    path("<int:pk>/submit/", life_views.plan_submit, name="submit"),
    path("<int:pk>/return/", life_views.plan_return, name="return"),
    path("<int:pk>/issue/", life_views.plan_issue, name="issue"),
    path("<int:pk>/close/", life_views.plan_close, name="close"),
    path("<int:pk>/reopen/", life_views.plan_reopen, name="reopen"),
    path("<int:pk>/amend/", life_views.amendment_open, name="amend"),
    path("<int:pk>/amend/discard/", life_views.amendment_discard, name="amendment_discard"),
    path("<int:pk>/amend/issue/", life_views.amendment_issue, name="amendment_issue"),
    path("<int:pk>/appraise/", life_views.plan_appraise, name="appraise"),
    path("appraisal-comments/<int:pk>/answer/", life_views.appraisal_answer, name="answer"),
    path("<int:pk>/export.xlsx", views.plan_export, name="export"),
    path("<int:pk>/adopt/<int:task_pk>/", views.task_adopt, name="adopt"),
    path("<int:plan_pk>/tasks/new/", views.task_form, name="task_create"),
    path("tasks/<int:pk>/edit/", views.task_form, name="task_edit"),
    path("tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("tasks/<int:pk>/cancel/", views.task_cancel, name="task_cancel"),
    path("tasks/<int:pk>/restore/", views.task_restore, name="task_restore"),
    path("<int:plan_pk>/targets/new/", views.target_form, name="target_create"),
    path("targets/<int:pk>/edit/", views.target_form, name="target_edit"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
]
