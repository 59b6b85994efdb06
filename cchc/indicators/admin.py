"""Indicator definitions are data an administrator adds and revises here, without code.

Saving a definition whose formula changed does not edit it: it becomes a new version and the
old one retires (`IndicatorDefinition.revise`), so values of two formulas are never mixed.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from cchc.audit.recorded_admin import every_field

from .models import IndicatorDefinition, TargetFigure


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(admin.ModelAdmin):
    list_display = ("code", "version", "name", "numerator", "denominator", "is_active", "builtin")
    list_filter = ("is_active", "builtin", "kind")
    search_fields = ("code", "name")
    readonly_fields = ("version", "builtin", "created_at")
    fields = (
        "code",
        "version",
        "name",
        "description",
        "numerator",
        "denominator",
        "kind",
        "direction",
        "full_points_target",
        "keywords",
        "source",
        "order",
        "is_active",
        "builtin",
        "created_at",
    )

    def get_readonly_fields(self, request, obj=None):
        # a code names the same indicator across versions: fixed once created
        return (*self.readonly_fields, "code") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        stored = IndicatorDefinition.objects.get(pk=obj.pk)
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        successor = stored.revise(**changes)
        if successor.pk != stored.pk:
            obj.pk = successor.pk
            messages.info(
                request,
                _(
                    "The formula changed, so version %(version)s of %(code)s was created; the "
                    "previous version is kept and retired."
                )
                % {"version": successor.version, "code": successor.code},
            )

    def has_delete_permission(self, request, obj=None):
        return False  # targets and history refer to definitions; retire one instead


@admin.register(TargetFigure)
class TargetFigureAdmin(admin.ModelAdmin):
    unit_field = "target__plan__unit"
    list_display = ("target", "as_of", "value", "entered_by", "entered_at")
    search_fields = ("target__text", "evidence__title")
    readonly_fields = every_field(TargetFigure)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
