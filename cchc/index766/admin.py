"""The index's definitions are data: an administrator adds a version (groups, criteria,
maxima, targets, sources) here. A version some month was published with is read-only — a
change is a new version, and versions are never compared."""

from django.contrib import admin

from cchc.audit.recorded_admin import ReadOnlyAdmin, RecordedAdmin

from .models import IndexCriterion, IndexGroup, IndexVersion, Publication


def _published(version) -> bool:
    return version is not None and Publication.objects.filter(version=version).exists()


class FrozenOncePublished:
    """Change and delete refused on what belongs to a version some month was published with;
    `version_of(obj)` says which version that is (the object itself by default)."""

    def version_of(self, obj):
        return obj

    def has_change_permission(self, request, obj=None):
        frozen = _published(self.version_of(obj) if obj is not None else None)
        return not frozen and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request, obj=None):
        frozen = _published(self.version_of(obj) if obj is not None else None)
        return not frozen and super().has_delete_permission(request, obj)  # type: ignore[misc]


class GroupInline(FrozenOncePublished, admin.TabularInline):
    model = IndexGroup
    extra = 0


@admin.register(IndexVersion)
class IndexVersionAdmin(FrozenOncePublished, RecordedAdmin, admin.ModelAdmin):
    list_display = ("number", "name", "valid_from")
    inlines = [GroupInline]


@admin.register(IndexCriterion)
class IndexCriterionAdmin(FrozenOncePublished, RecordedAdmin, admin.ModelAdmin):
    list_display = ("code", "name", "group", "max_points", "target", "indicator")
    list_filter = ("group__version",)
    search_fields = ("code", "name")

    def version_of(self, obj):
        return obj.group.version


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    """Publications are made by the monthly job or the unit page, never edited."""

    unit_field = "unit"

    list_display = ("unit", "month", "revision", "total", "max_points", "published_at")
    list_filter = ("month",)
