from django.contrib import admin

from cchc.audit.recorded_admin import ReadOnlyAdmin

from .models import (
    Assignment,
    Occurrence,
    ProgressUpdate,
    ReminderPolicy,
    TaskSchedule,
)


@admin.register(Occurrence)
class OccurrenceAdmin(ReadOnlyAdmin):
    unit_field = "plan__unit"
    list_display = ["task", "period_start", "period_end", "due", "percent", "done_on", "obsolete"]
    list_filter = ["obsolete", "plan__year"]
    search_fields = ["task__title", "plan__unit__name"]
    raw_id_fields = ["task", "plan"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    unit_field = "occurrence__plan__unit"
    list_display = ["at", "occurrence", "by", "state", "percent"]
    list_filter = ["state"]
    search_fields = ["note", "occurrence__task__title", "by__username"]
    raw_id_fields = ["occurrence"]
    date_hierarchy = "at"


@admin.register(TaskSchedule)
class TaskScheduleAdmin(ReadOnlyAdmin):
    unit_field = "task__plan__unit"
    list_display = ["task", "deadline_text", "due", "recurrence", "needs_date", "unreadable"]
    list_filter = ["needs_date", "unreadable"]
    search_fields = ["deadline_text", "task__title"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    unit_field = "task__plan__unit"
    list_display = ["task", "user", "assigned_by", "at"]
    raw_id_fields = ["task"]


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    unit_field = "unit"
    list_display = [
        "unit",
        "days_before",
        "escalate_to_leader_after",
        "escalate_to_upper_after",
        "weekly_digest",
        "send_email",
    ]
    autocomplete_fields = ["unit"]
    readonly_fields = ["updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        from .actions import save_policy

        save_policy(obj, by=request.user)
