"""Plans, tasks and targets in the admin. Saving and deleting go through `actions`, and the
inline tables' changes are recorded after them, so a change made here is in the audit (who,
when, before, after) like one made on the plan pages."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy

from cchc.audit.recorded_admin import RecordedAdmin

from . import actions
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
    # The status moves only through the plan's life (plan page buttons, decision 0050).
    readonly_fields = ["status", "submitted_by", "submitted_at", "closing_note"]

    def save_model(self, request, obj, form, change):
        actions.save_plan(obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        before = actions.plan_parts(form.instance)
        super().save_related(request, form, formsets, change)
        after = actions.plan_parts(form.instance)
        actions.record_parts_change(form.instance, by=request.user, before=before, after=after)

    def delete_model(self, request, obj):
        actions.delete_plan(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for plan in queryset.select_related("unit"):
            actions.delete_plan(plan, by=request.user)


class TaskPartyInline(admin.TabularInline):
    model = TaskParty
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["ref", "title", "plan", "area", "deadline_text", "due", "state"]
    list_filter = ["state", "area", "recurrence", "plan__year"]
    search_fields = ["title", "plan__title"]
    inlines = [TaskPartyInline]
    raw_id_fields = ["plan", "section", "origin"]
    # cancelling and restoring go through their actions on the plan page (with a reason)
    readonly_fields = ["state", "cancel_reason"]
    actions = ["delete_selected"]

    def _refuse(self, request, tasks) -> None:
        try:
            actions.check_deletable(tasks[0])
        except ValidationError as exc:
            names = ", ".join(str(t) for t in tasks)
            messages.error(request, f"{names}: {' '.join(exc.messages)}")

    def delete_view(self, request, object_id, extra_context=None):
        task = self.get_object(request, unquote(object_id))
        if task is not None and task.has_reports():
            self._refuse(request, [task])
            return redirect(reverse("admin:plans_task_change", args=[task.pk]))
        return super().delete_view(request, object_id, extra_context)

    @admin.action(description=gettext_lazy("Delete selected tasks"), permissions=["delete"])
    def delete_selected(self, request, queryset):
        reported = [t for t in queryset if t.has_reports()]
        if reported:
            self._refuse(request, reported)
            return None
        return django_delete_selected(self, request, queryset)

    def save_model(self, request, obj, form, change):
        actions.save_task(obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        before = actions.task_parts(form.instance)
        super().save_related(request, form, formsets, change)
        after = actions.task_parts(form.instance)
        actions.record_parts_change(form.instance, by=request.user, before=before, after=after)

    def delete_model(self, request, obj):
        actions.delete_task(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for task in queryset.select_related("plan__unit"):
            actions.delete_task(task, by=request.user)


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["text", "plan", "area", "comparator", "value", "unit"]
    list_filter = ["area", "unit"]
    search_fields = ["text"]
    raw_id_fields = ["plan"]

    def save_model(self, request, obj, form, change):
        actions.save_target(obj, by=request.user)

    def delete_model(self, request, obj):
        actions.delete_target(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for target in queryset.select_related("plan__unit"):
            actions.delete_target(target, by=request.user)


@admin.register(Section)
class SectionAdmin(RecordedAdmin, admin.ModelAdmin):
    list_display = ["ref", "title", "plan", "area"]
    raw_id_fields = ["plan", "parent"]
