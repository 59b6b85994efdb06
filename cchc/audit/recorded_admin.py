"""Admin pages whose writes are recorded in the change history.

Django's admin keeps its own log (who, what, a message) but not the values before and after,
and no unit. `RecordedAdmin` adds an audit event for every create, change, deactivation and
deletion made through an admin page, its inline tables and its bulk actions, inside the
admin's transaction: if the event cannot be written, the change is not saved either.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from .history import name_by_default
from .log import record, snapshot

# never copied into the history: password and token hashes are secrets, a login or use time
# is not a change
SECRET_FIELDS = {"password", "last_login", "key_hash", "last_used_at"}


def admin_snapshot(obj: models.Model) -> dict:
    data = {k: v for k, v in snapshot(obj).items() if k not in SECRET_FIELDS}
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(str(o) for o in getattr(obj, field.name).all())
    return data


def unit_of(obj: models.Model, *, deleting: bool = False):
    """The unit an event about `obj` is filed under: the unit itself (its parent when it is
    being deleted: the event outlives the row), the successor of a reorganisation, else the
    object's own unit or its plan's unit; none for people."""
    if obj._meta.label == "org.Unit":
        return obj.parent if deleting else obj
    if obj._meta.label == "org.UnitSuccession":
        return obj.successor
    if hasattr(obj, "unit_id"):
        return obj.unit
    if hasattr(obj, "plan_id"):
        return obj.plan.unit
    return None


# What an admin page's writes are called, after the written row's model ("unit.create" →
# "Thêm đơn vị (trang quản trị)"); an app may name one of them its own way (`history.register`).
WRITES = {
    "create": _("{thing} added in the admin"),
    "update": _("{thing} changed in the admin"),
    "delete": _("{thing} deleted in the admin"),
    "deactivate": _("{thing} deactivated in the admin"),
    "reactivate": _("{thing} reactivated in the admin"),
}


def name_writes(model: type[models.Model]) -> None:
    """Label every action `action_name` can give a write of `model`."""
    verbs = ["create", "update", "delete"]
    if any(f.name == "is_active" for f in model._meta.fields):
        verbs += ["deactivate", "reactivate"]
    thing = model._meta.verbose_name
    name_by_default(
        {
            f"{model._meta.model_name}.{verb}": capfirst(format_lazy(WRITES[verb], thing=thing))
            for verb in verbs
        }
    )


def action_name(obj: models.Model, before: dict | None, after: dict | None) -> str:
    kind = obj._meta.model_name
    if before is None:
        return f"{kind}.create"
    if after is None:
        return f"{kind}.delete"
    if before.get("is_active") is True and after.get("is_active") is False:
        return f"{kind}.deactivate"
    if before.get("is_active") is False and after.get("is_active") is True:
        return f"{kind}.reactivate"
    return f"{kind}.update"


def record_change(obj, *, by, before: dict | None, after: dict | None) -> None:
    """One event for one admin write; nothing when an edit changed nothing."""
    if before is not None and after is not None and before == after:
        return
    record(
        action_name(obj, before, after),
        by=by,
        obj=obj,
        unit=unit_of(obj, deleting=after is None),
        before=before,
        after=after,
    )


class RecordedAdmin:
    """Mixin for a ModelAdmin: its writes and those of its inlines are audited (and named in
    the change history)."""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        for written in [model, *(inline.model for inline in self.inlines)]:
            name_writes(written)

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = admin_snapshot(type(obj)._default_manager.get(pk=obj.pk))
        obj._audit_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # after the many-to-many fields and the inline tables, so `after` is complete
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if getattr(obj, "_audit_recorded", False):
            return  # the action that saved it recorded its own event
        record_change(
            obj,
            by=request.user,
            before=getattr(obj, "_audit_before", None),
            after=admin_snapshot(obj),
        )

    def save_formset(self, request, form, formset, change):
        model = formset.model
        pks = [f.instance.pk for f in formset.initial_forms if f.instance.pk is not None]
        before = {o.pk: admin_snapshot(o) for o in model._default_manager.filter(pk__in=pks)}
        for deleted in formset.deleted_forms:
            if deleted.instance.pk in before:
                record_change(
                    deleted.instance,
                    by=request.user,
                    before=before[deleted.instance.pk],
                    after=None,
                )
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record_change(obj, by=request.user, before=None, after=admin_snapshot(obj))
        for obj, _fields in formset.changed_objects:
            record_change(
                obj, by=request.user, before=before.get(obj.pk), after=admin_snapshot(obj)
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            record_change(obj, by=request.user, before=admin_snapshot(obj), after=None)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                record_change(obj, by=request.user, before=admin_snapshot(obj), after=None)
            super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record kept as it was (the audit trail, evidence, notifications, progress reports,
    lockouts): the admin lists and shows it but never adds, changes or deletes it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.display(description=_("record number"), ordering="pk")
def record_number(obj: models.Model) -> object:
    return obj.pk


def every_field(model: type[models.Model], **shown_as: str) -> list:
    """Every field of `model`, in its order, for a read-only page's `fields` or
    `readonly_fields`: the automatic key as `record_number` (Django names it "ID", plain text
    no catalogue translates), a field named in `shown_as` as what it maps to (a method of the
    admin that shows it otherwise)."""
    shown: list = []
    for field in model._meta.fields:
        if field.primary_key and field.auto_created:
            shown.append(record_number)
        else:
            shown.append(shown_as.get(field.name, field.name))
    return shown


def without_bulk_delete(found: dict) -> dict:
    """An admin's actions minus "delete selected": rows leave only through an audited action."""
    found.pop("delete_selected", None)
    return found


class OurKindsFilter(admin.RelatedFieldListFilter):
    """A filter on a content-type field listing the kinds of our own apps' objects (and our
    user), which are the only ones events and files are about: not every table of every
    installed app (sessions, django-axes' records …) — decision 0134."""

    def field_choices(self, field, request, model_admin):
        ours = [c.label for c in apps.get_app_configs() if c.name.startswith("cchc.")]
        kinds = ContentType.objects.filter(app_label__in=ours)
        return [(kind.pk, str(kind)) for kind in sorted(kinds, key=str)]
