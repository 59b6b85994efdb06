"""Figure definitions are data an administrator adds and revises here, without code.

Changing what a figure counts once entries exist does not rewrite it: the change is saved as
a new version and the old one leaves use, so entries keep the meaning they were entered with.
"""

from django.contrib import admin
from django.db import transaction
from django.db.models import Max

from cchc.audit.recorded_admin import ReadOnlyAdmin, RecordedAdmin

from .models import FigureDefinition, FigureEntry, FigureTargetLink

MEANING = ("name", "numerator_label", "denominator_label", "measured_in")


@admin.register(FigureDefinition)
class FigureDefinitionAdmin(RecordedAdmin, admin.ModelAdmin):
    list_display = ("code", "version", "name", "measured_in", "requires_evidence", "active")
    list_filter = ("active", "requires_evidence")
    search_fields = ("code", "name")
    readonly_fields = ("version",)

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "code") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        changed = change and any(name in form.changed_data for name in MEANING)
        if changed and obj.entries.exists():
            with transaction.atomic():
                FigureDefinition.objects.filter(pk=obj.pk).update(active=False)
                last = FigureDefinition.objects.filter(code=obj.code).aggregate(v=Max("version"))
                obj.pk, obj.version, obj.active = None, last["v"] + 1, True
                super().save_model(request, obj, form, False)
            return
        if not change:
            last = FigureDefinition.objects.filter(code=obj.code).aggregate(v=Max("version"))
            obj.version = (last["v"] or 0) + 1
        super().save_model(request, obj, form, change)


@admin.register(FigureTargetLink)
class FigureTargetLinkAdmin(RecordedAdmin, admin.ModelAdmin):
    unit_field = "target__plan__unit"
    list_display = ("target", "definition")
    raw_id_fields = ("target",)


@admin.register(FigureEntry)
class FigureEntryAdmin(ReadOnlyAdmin):
    """Entries are read here; they are entered on the unit's page, where their rules hold."""

    unit_field = "unit"

    list_display = ("definition", "unit", "period_key", "numerator", "denominator", "entered_by")
    list_filter = ("definition",)
    search_fields = ("unit__name", "unit__code")
