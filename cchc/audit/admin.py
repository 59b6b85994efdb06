from django.contrib import admin

from .models import AuditEvent
from .recorded_admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "unit", "action", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "user__username", "reason"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
