from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.audit.recorded_admin import ReadOnlyAdmin

from .choices import DeliveryStatus
from .kinds import all_kinds
from .models import EmailDelivery, Notification


class KindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind.code, kind.label) for kind in all_kinds()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """Written by `actions.notify`; shown, never edited nor deleted here."""

    list_display = ["created_at", "user", "kind_label", "title", "read_at"]
    list_filter = [KindFilter]
    search_fields = ["title", "user__username", "key"]
    exclude = ["about_type", "about_id"]

    @admin.display(description=_("kind"))
    def kind_label(self, obj):
        return obj.kind_label


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
        queryset.exclude(status=DeliveryStatus.SENT).update(
            status=DeliveryStatus.PENDING, next_attempt_at=timezone.now()
        )
