from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.audit.recorded_admin import RecordedAdmin, every_field

from . import rollup, tokens
from .models import ImportBatch, Procedure, UnitToken

# the flags the monthly roll-up applies when it is made (rollup.ROLLUP_SQL, fee sets)
ROLLUP_FLAGS = {"full_online_eligible", "returns_document", "has_fee"}


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "field",
        "full_online_eligible",
        "has_fee",
        "payment_integrated",
        "returns_document",
        "unclassified",
    )
    list_filter = (
        "unclassified",
        "full_online_eligible",
        "has_fee",
        "payment_integrated",
        "returns_document",
        "field",
    )
    search_fields = ("code", "name")

    def save_model(self, request, obj, form, change) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and set(form.changed_data) & ROLLUP_FLAGS:
                rollup.after_procedure_change(obj.pk)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    unit_field = "unit"
    list_display = (
        "started_at",
        "kind",
        "source",
        "unit",
        "user",
        "file_name",
        "rows",
        "created",
        "updated",
        "unchanged",
        "skipped",
    )
    list_filter = ("kind", "source")
    readonly_fields = every_field(ImportBatch)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # the record of who imported what; deleting it would not remove the dossiers
        return False


@admin.register(UnitToken)
class UnitTokenAdmin(RecordedAdmin, admin.ModelAdmin):
    unit_field = "unit"
    list_display = ("name", "unit", "prefix", "is_active", "created_at", "last_used_at")
    list_filter = ("is_active",)
    fields = ("unit", "name", "is_active")
    autocomplete_fields = ("unit",)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        token, key = tokens.issue(obj.unit, obj.name, by=request.user)
        obj.pk, obj.key_hash, obj.prefix = token.pk, token.key_hash, token.prefix
        obj._audit_recorded = True  # tokens.issue recorded "api_token.issue"
        messages.warning(
            request,
            _("Copy this token now, it will not be shown again: %(key)s") % {"key": key},
        )
