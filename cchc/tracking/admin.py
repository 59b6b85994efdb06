from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Assignment,
    EmailDelivery,
    Notification,
    Occurrence,
    ProgressUpdate,
    ReminderPolicy,
    TaskSchedule,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by actions (with their audit event); the admin shows them, never edits
    nor deletes them: a progress report and its evidence are the record of what was said."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Occurrence)
class OccurrenceAdmin(ReadOnlyAdmin):
    list_display = ["task", "period_start", "period_end", "due", "percent", "done_on", "obsolete"]
    list_filter = ["obsolete", "plan__year"]
    search_fields = ["task__title", "plan__unit__name"]
    raw_id_fields = ["task", "plan"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ["at", "occurrence", "by", "state", "percent"]
    list_filter = ["state"]
    search_fields = ["note", "occurrence__task__title", "by__username"]
    raw_id_fields = ["occurrence"]
    date_hierarchy = "at"


@admin.register(TaskSchedule)
class TaskScheduleAdmin(ReadOnlyAdmin):
    list_display = ["task", "deadline_text", "due", "recurrence", "needs_date", "unreadable"]
    list_filter = ["needs_date", "unreadable"]
    search_fields = ["deadline_text", "task__title"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["task", "user", "assigned_by", "at"]
    raw_id_fields = ["task"]


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
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


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "kind", "title", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "user__username", "key"]
    raw_id_fields = ["occurrence"]


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    list_display = ["to", "status", "attempts", "next_attempt_at", "sent_at", "last_error"]
    list_filter = ["status"]
    search_fields = ["to", "notification__title", "last_error"]
    readonly_fields = ["notification", "to", "attempts", "last_error", "sent_at"]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Retry now"))
    def retry_now(self, request, queryset):
        from django.utils import timezone

        queryset.exclude(status="sent").update(status="pending", next_attempt_at=timezone.now())
