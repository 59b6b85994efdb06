from django.contrib import admin

from .models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    unit_field = "unit"
    list_display = ["day", "kind", "name", "unit", "decision"]
    list_filter = ["kind", ("unit", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "decision", "unit__name"]
    date_hierarchy = "day"
    autocomplete_fields = ["unit"]
