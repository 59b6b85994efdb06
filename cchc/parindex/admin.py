"""Criteria sets in the admin: the year's deadline for self-assessments, the ranking groups and
the sample flag are edited here (audited); the tree itself comes from Excel (`cchc
par-criteria import`) or from its page (`parindex:criteria`), where its points are checked
as a whole."""

from django.contrib import admin

from cchc.audit.recorded_admin import RecordedAdmin

from .models import CriteriaSet, Criterion


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["stt", "name", "max_points", "rule", "guidance", "evidence_required"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CriteriaSet)
class CriteriaSetAdmin(RecordedAdmin, admin.ModelAdmin):
    list_display = ["name", "year", "version", "is_sample", "submit_by", "created_at"]
    list_filter = ["year", "is_sample"]
    fields = ["name", "year", "version", "is_sample", "submit_by", "groups", "source_name"]
    readonly_fields = ["year", "version", "source_name"]
    inlines = [CriterionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
