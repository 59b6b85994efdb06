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


class ThroughActions(admin.ModelAdmin):
    """Saves and deletes a plan or task through its actions and records the inline tables'
    changes after them. A plan or task whose work was reported on is never deleted here: the
    delete page and the bulk action refuse it with the actions' message (close the plan,
    cancel the task)."""

    save_action = staticmethod(actions.save_plan)
    delete_action = staticmethod(actions.delete_plan)
    parts = staticmethod(actions.plan_parts)
    unit_path = "unit"
    actions = ["delete_selected"]

    def _refuse(self, request, objs) -> None:
        try:
            actions.check_deletable(objs[0])
        except ValidationError as exc:
            names = ", ".join(str(o) for o in objs)
            messages.error(request, f"{names}: {' '.join(exc.messages)}")

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and obj.has_reports():
            self._refuse(request, [obj])
            opts = self.opts
            return redirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        return super().delete_view(request, object_id, extra_context)

    @admin.action(
        description=gettext_lazy("Delete selected %(verbose_name_plural)s"),
        permissions=["delete"],
    )
    def delete_selected(self, request, queryset):
        reported = [o for o in queryset if o.has_reports()]
        if reported:
            self._refuse(request, reported)
            return None
        return django_delete_selected(self, request, queryset)

    def save_model(self, request, obj, form, change):
        self.save_action(obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        before = self.parts(form.instance)
        super().save_related(request, form, formsets, change)
        after = self.parts(form.instance)
        actions.record_parts_change(form.instance, by=request.user, before=before, after=after)

    def delete_model(self, request, obj):
        self.delete_action(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related(self.unit_path):
            self.delete_action(obj, by=request.user)


@admin.register(Plan)
class PlanAdmin(ThroughActions):
    unit_field = "unit"
    list_display = ["title", "unit", "year", "number", "status"]
    list_filter = ["year", "kind", "status"]
    search_fields = ["title", "number", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [LegalBasisInline, ReportingPeriodInline]
    # The status moves only through the plan's life (plan page buttons, decision 0050).
    # Who made it and the file it was imported from are the system's record, never typed.
    readonly_fields = [
        "status",
        "submitted_by",
        "submitted_at",
        "closing_note",
        "created_by",
        "source_name",
    ]


class TaskPartyInline(admin.TabularInline):
    model = TaskParty
    extra = 0


@admin.register(Task)
class TaskAdmin(ThroughActions):
    unit_field = "plan__unit"
    list_display = ["ref", "title", "plan", "area", "deadline_text", "due", "state"]
    list_filter = ["state", "area", "recurrence", "plan__year"]
    search_fields = ["title", "plan__title"]
    inlines = [TaskPartyInline]
    raw_id_fields = ["plan", "section"]
    # cancelling and restoring go through their actions on the plan page (with a reason); the
    # task it was carried over from and the line of the imported document are the record
    readonly_fields = ["state", "cancel_reason", "origin", "source_line", "source_text"]
    save_action = staticmethod(actions.save_task)
    delete_action = staticmethod(actions.delete_task)
    parts = staticmethod(actions.task_parts)
    unit_path = "plan__unit"


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    unit_field = "plan__unit"
    list_display = ["text", "plan", "area", "comparator", "value", "unit"]
    list_filter = ["area", "unit"]
    search_fields = ["text"]
    raw_id_fields = ["plan"]
    readonly_fields = ["source_line"]  # the line of the imported document it was read from

    def save_model(self, request, obj, form, change):
        actions.save_target(obj, by=request.user)

    def delete_model(self, request, obj):
        actions.delete_target(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for target in queryset.select_related("plan__unit"):
            actions.delete_target(target, by=request.user)


@admin.register(Section)
class SectionAdmin(RecordedAdmin, admin.ModelAdmin):
    unit_field = "plan__unit"
    list_display = ["ref", "title", "plan", "area"]
    raw_id_fields = ["plan", "parent"]
