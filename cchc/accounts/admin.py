"""The failed sign-ins that hold a lockout, in the Vietnamese admin, with an audited unlock."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.audit.recorded_admin import ReadOnlyAdmin, without_bulk_delete
from cchc.formats import moment

from . import actions
from .models import LockoutAttempt, TwoStepDevice


class SuperuserActionAdmin(ReadOnlyAdmin):
    """A sign-in record the admin shows as kept, whose only way out is an audited action that
    a system administrator alone may take (`permissions=["superuser"]`): unlocking an account
    or resetting a second factor is one rule, checked here once."""

    def get_actions(self, request):
        return without_bulk_delete(super().get_actions(request))  # the audited action instead

    def has_superuser_permission(self, request):
        return request.user.is_superuser


@admin.register(LockoutAttempt)
class LockoutAttemptAdmin(SuperuserActionAdmin):
    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "path_info"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    fields = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    readonly_fields = fields
    actions = ["unlock_selected"]

    @admin.action(description=_("Unlock: clear these failed sign-ins"), permissions=["superuser"])
    def unlock_selected(self, request, queryset):
        count = actions.unlock(queryset, by=request.user, reason=_("unlocked in the admin"))
        self.message_user(
            request,
            ngettext(
                "%(count)d failed sign-in record cleared.",
                "%(count)d failed sign-in records cleared.",
                count,
            )
            % {"count": count},
        )


class ConfirmedFilter(admin.BooleanFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("confirmed")


@admin.register(TwoStepDevice)
class TwoStepDeviceAdmin(SuperuserActionAdmin):
    # django-otp names its fields in plain English (no catalogue can translate them): the page
    # shows them through these columns, named in Vietnamese
    list_display = ["person", "is_confirmed", "created", "last_used"]
    list_filter = [("confirmed", ConfirmedFilter)]
    search_fields = ["user__username", "user__full_name"]
    fields = ["person", "device_name", "is_confirmed", "created", "last_used"]
    readonly_fields = fields

    @admin.display(description=_("user"), ordering="user__username")
    def person(self, device):
        return device.user

    @admin.display(description=_("name"))
    def device_name(self, device):
        return device.name

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed")
    def is_confirmed(self, device):
        return device.confirmed

    # written here: a read-only column of the change page is shown as str(value) ("None",
    # "2026-12-07 05:24:30.741017+00:00"), not in the list's local format
    @admin.display(description=_("created at"), ordering="created_at")
    def created(self, device):
        return moment(device.created_at) if device.created_at else self.get_empty_value_display()

    @admin.display(description=_("last used at"), ordering="last_used_at")
    def last_used(self, device):
        if device.last_used_at is None:
            return self.get_empty_value_display()
        return moment(device.last_used_at)

    actions = ["reset_two_step"]

    @admin.action(
        description=_("Reset two-step login (the person enrols again)"), permissions=["superuser"]
    )
    def reset_two_step(self, request, queryset):
        users = {device.user for device in queryset.select_related("user")}
        count = actions.reset_two_step(users, by=request.user, reason=_("reset in the admin"))
        self.message_user(
            request,
            ngettext(
                "Two-step login reset for %(count)d person.",
                "Two-step login reset for %(count)d people.",
                count,
            )
            % {"count": count},
        )


# django-otp's own device pages would delete without an audit event: the page above replaces
# them.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
