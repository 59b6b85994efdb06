from django.contrib import admin

from .models import LegalBasis, Plan, ReportingPeriod, Section, Target, Task, TaskParty


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    extra = 0


class ReportingPeriodInline(admin.TabularInline):
    model = ReportingPeriod
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "year", "number", "status"]
    list_filter = ["year", "kind", "status"]
    search_fields = ["title", "number", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [LegalBasisInline, ReportingPeriodInline]


class TaskPartyInline(admin.TabularInline):
    model = TaskParty
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["ref", "title", "plan", "area", "deadline_text", "due"]
    list_filter = ["area", "recurrence", "plan__year"]
    search_fields = ["title", "plan__title"]
    inlines = [TaskPartyInline]
    raw_id_fields = ["plan", "section", "origin"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["text", "plan", "area", "comparator", "value", "unit"]
    list_filter = ["area", "unit"]
    search_fields = ["text"]
    raw_id_fields = ["plan"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["ref", "title", "plan", "area"]
    raw_id_fields = ["plan", "parent"]
