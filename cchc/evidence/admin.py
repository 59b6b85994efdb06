from django.contrib import admin

from cchc.audit.recorded_admin import OurKindsFilter, ReadOnlyAdmin

from .models import Evidence


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    """Listed, never edited nor deleted: evidence is part of the record of what was reported.
    The file is not offered here; it is served only through the scoped download view."""

    unit_field = "unit"

    list_display = [
        "uploaded_at",
        "title",
        "number",
        "issued_on",
        "issuer",
        "original_name",
        "size",
        "unit",
        "owner_type",
    ]
    list_filter = [("owner_type", OurKindsFilter)]
    search_fields = ["title", "number", "issuer", "original_name"]
    exclude = ["file"]
    raw_id_fields = ["unit", "uploaded_by"]
