from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .history import action_label
from .models import AuditEvent
from .recorded_admin import OurKindsFilter, ReadOnlyAdmin, every_field


class ActionFilter(admin.SimpleListFilter):
    """The actions recorded so far, by the name a reader knows them by."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = AuditEvent.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((a, action_label(a)) for a in actions), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    unit_field = "unit"
    list_display = ["at", "user", "unit", "action_shown", "object_repr"]
    list_filter = [ActionFilter, ("content_type", OurKindsFilter)]
    search_fields = ["object_repr", "user__username", "reason"]
    date_hierarchy = "at"
    # the action by its name, where the list shows it (the stored code stays searchable)
    readonly_fields = fields = every_field(AuditEvent, action="action_shown")

    @admin.display(description=_("action"), ordering="action")
    def action_shown(self, event: AuditEvent) -> str:
        return action_label(event.action)
