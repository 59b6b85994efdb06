"""The background jobs' results page of django-tasks-db, with Vietnamese column names.

Its own admin names three columns in plain English text ("task name", "traceback", "run
after"); the rest of its labels are translated by our catalogue (decision 0134)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class JobResultAdmin(DBTaskResultAdmin):
    @admin.display(description=_("job"))
    def task_name(self, obj: DBTaskResult) -> str:
        return obj.task_name

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj: DBTaskResult):
        return super().display_run_after(obj)


if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, JobResultAdmin)
