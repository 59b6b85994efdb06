"""The index's definitions are data: an administrator adds a version (groups, criteria,
maxima, targets, sources) here. A version some month was published with is read-only — a
change is a new version, and versions are never compared."""

from django.contrib import admin

from cchc.audit.recorded_admin import ReadOnlyAdmin, RecordedAdmin

from .models import IndexCriterion, IndexGroup, IndexVersion, Publication


def _published(version) -> bool:
    return version is not None and Publication.objects.filter(version=version).exists()


class GroupInline(admin.TabularInline):
    model = IndexGroup
    extra = 0

    def has_change_permission(self, request, obj=None):
        return not _published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _published(obj) and super().has_delete_permission(request, obj)


@admin.register(IndexVersion)
class IndexVersionAdmin(RecordedAdmin, admin.ModelAdmin):
    list_display = ("number", "name", "valid_from")
    inlines = [GroupInline]

    def has_change_permission(self, request, obj=None):
        return not _published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _published(obj) and super().has_delete_permission(request, obj)


@admin.register(IndexCriterion)
class IndexCriterionAdmin(RecordedAdmin, admin.ModelAdmin):
    list_display = ("code", "name", "group", "max_points", "target", "indicator")
    list_filter = ("group__version",)
    search_fields = ("code", "name")

    def has_change_permission(self, request, obj=None):
        version = obj.group.version if obj else None
        return not _published(version) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        version = obj.group.version if obj else None
        return not _published(version) and super().has_delete_permission(request, obj)


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    """Publications are made by the monthly job or the unit page, never edited."""

    list_display = ("unit", "month", "revision", "total", "max_points", "published_at")
    list_filter = ("month",)
