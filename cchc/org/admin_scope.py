"""What a staff member who is not a superuser may see and change in Django's admin (decision
0180): the one rule, applied to every page the admin registers by `ScopedSite`.

- A row is listed and opened when its unit is in the person's sight (`Action.VIEW`), changed,
  deleted or added only where they manage (`Action.MANAGE`, an administrator's role); Django's
  model permissions still say which tables and operations, on top.
- Each admin says where its rows' unit is: `unit_field`, a path like "plan__unit" ("" for units
  themselves). An admin that says nothing holds global configuration (catalogues, criteria,
  jobs, groups, sign-in records): a superuser's alone.
- A list of units, posts, people or plans in a form, or an autocomplete, offers only what the
  person manages; a save whose object would land outside it is refused (403), as is a role
  granting more than the granter holds there, a reorganisation naming a unit outside their
  scope (access follows successions) and any change to a staff member's or a superuser's
  account. The staff, superuser, group and permission fields are a superuser's alone.

Superusers see and change everything, as before.
"""

from __future__ import annotations

from functools import cache

from django.contrib import admin
from django.contrib.admin.options import BaseModelAdmin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.views.generic import RedirectView

from .access import ROLE_ACTIONS, Access, Action, access_for, path_within
from .models import Membership, Unit, UnitSuccession, User

GLOBAL = None  # `unit_field` of an admin of global configuration: a superuser's alone
# the fields of a person that widen what anyone may do: a superuser's to set
GRANTS = ("is_staff", "is_superuser", "groups", "user_permissions")


def rows_q(model: type[models.Model], field: str, access: Access, action: str) -> Q:
    """The rows of `model` whose unit (reached by `field`) is in `access`'s scope for
    `action`; people, by a membership there."""
    if model is User:
        return Q(pk__in=Membership.objects.filter(access.unit_q("unit", action)).values("user"))
    return access.unit_q(field, action)


def units_of(obj: models.Model, field: str) -> list[Unit]:
    """The units an object belongs to: its unit (following `field`), a person's units."""
    if isinstance(obj, User):
        if obj.pk is None:
            return []
        return [m.unit for m in Membership.objects.filter(user=obj).select_related("unit")]
    if isinstance(obj, Unit):
        return [obj]
    found: object = obj
    for name in field.split("__"):
        found = getattr(found, name, None)
        if found is None:
            return []
    return [found] if isinstance(found, Unit) else []


def may_manage_person(access: Access, person: User) -> bool:
    """A person's account is changed by one who manages every unit of theirs; a staff
    member's or a superuser's by a superuser alone (as their password: basics.may_reset)."""
    if access.is_superuser:
        return True
    if person.is_staff or person.is_superuser:
        return False
    units = units_of(person, "")
    return bool(units) and all(access.can(Action.MANAGE, unit) for unit in units)


def refusal(access: Access, obj: models.Model, field: str) -> bool:
    """Whether saving `obj` as it now is would reach outside what `access` manages."""
    if access.is_superuser:
        return False
    if isinstance(obj, User):
        return obj.pk is not None and not may_manage_person(access, obj)
    if isinstance(obj, Unit):
        # a unit lands under its parent: a new root, or a move out of scope, is refused
        stored = Unit.objects.filter(pk=obj.pk).first() if obj.pk else None
        moved = stored is None or stored.parent_id != obj.parent_id
        where = obj.parent if moved else obj
        return where is None or not access.can(Action.MANAGE, where)
    units = units_of(obj, field)
    if isinstance(obj, UnitSuccession):
        units = [obj.predecessor, obj.successor]  # the successor inherits the other's sight
    if not units or not all(access.can(Action.MANAGE, unit) for unit in units):
        return True
    if isinstance(obj, Membership):
        # one grants no more than one holds there, and never to oneself
        here = obj.unit.path
        held = {a for g in access.grants if path_within(here, g.paths) for a in g.actions}
        return obj.user_id == access.user_id or not ROLE_ACTIONS.get(obj.role, frozenset()) <= held
    return False


def writable_choices(model: type[models.Model], site, access: Access):
    """What a form may offer for a link to `model`: what the person manages, when the model
    is held by units; every row of a global catalogue."""
    if model is Unit:
        return Unit.objects.filter(access.unit_q("", Action.MANAGE))
    related = site._registry.get(model)
    field = getattr(related, "unit_field", GLOBAL)
    if field is GLOBAL:
        return model._default_manager.all()
    return model._default_manager.filter(rows_q(model, field, access, Action.MANAGE))


class ScopedChoices(BaseModelAdmin):
    """The links a form offers (a select, a raw id, an autocomplete's field) narrowed to what
    a staff member manages; an inline table's too."""

    def _narrowed(self, db_field, request, kwargs: dict) -> dict:
        if not request.user.is_superuser and "queryset" not in kwargs:
            access = access_for(request.user)
            kwargs["queryset"] = writable_choices(
                db_field.remote_field.model, self.admin_site, access
            )
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._narrowed(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self._narrowed(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@cache
def scoped_inline(inline: type) -> type:
    """An inline table's class with its links narrowed (made once per class)."""
    return type(inline.__name__, (ScopedChoices, inline), {"__module__": inline.__module__})


def inline_field(site, model: type[models.Model]) -> str | None:
    """Where an inline table's row finds its unit: its own admin's `unit_field`, else its
    "unit" link; None when it has neither and the page's own object answers for it."""
    field = getattr(site._registry.get(model), "unit_field", GLOBAL)
    if field is not GLOBAL:
        return field
    return "unit" if any(f.name == "unit" for f in model._meta.fields) else None


class ScopedAdmin(ScopedChoices, admin.ModelAdmin):
    """The rule for one admin page; `ScopedSite` puts it in front of every admin class."""

    unit_field: str | None = GLOBAL

    def _access(self, request) -> Access | None:
        """None for a superuser (no limit), else the person's resolved scope."""
        return None if request.user.is_superuser else access_for(request.user)

    def _rows(self, access: Access, action: str) -> Q:
        return rows_q(self.model, self.unit_field or "", access, action)

    def _within(self, request, obj, action: str) -> bool:
        access = self._access(request)
        if access is None:
            return True
        if self.unit_field is GLOBAL:
            return False
        if obj is None:
            return access.anywhere(action)
        if action == Action.VIEW:
            found = self.model._default_manager.filter(self._rows(access, action))
            return found.filter(pk=obj.pk).exists()
        return not refusal(access, obj, self.unit_field)

    def get_queryset(self, request):
        found = super().get_queryset(request)
        access = self._access(request)
        if access is None:
            return found
        if self.unit_field is GLOBAL:
            return found.none()
        return found.filter(self._rows(access, Action.VIEW))

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        match = getattr(request, "resolver_match", None)
        access = self._access(request)
        if access is not None and match is not None and match.url_name == "autocomplete":
            # an autocomplete offers what the form may take: what the person manages
            found = found.filter(self._rows(access, Action.MANAGE))
        return found, duplicates

    def get_urls(self):
        urls = super().get_urls()
        # Django's bare object address ("<id>/") redirects to the change page before asking
        # anything: an object outside the staff member's sight answers 404 there too
        for index, url in enumerate(urls):
            if str(url.pattern) == "<path:object_id>/":
                urls[index] = path(
                    "<path:object_id>/", self.admin_site.admin_view(self._bare_address)
                )
        return urls

    def _bare_address(self, request, object_id):
        if not request.user.is_superuser and self.get_object(request, unquote(object_id)) is None:
            raise Http404
        opts = self.opts
        change = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change"
        return RedirectView.as_view(pattern_name=change)(request, object_id=object_id)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django sends a missing object to the admin's home; one outside the staff member's
        # sight is not revealed: 404, as everywhere on the site (decision 0003)
        if not request.user.is_superuser:
            raise Http404
        return super()._get_obj_does_not_exist_redirect(request, opts, object_id)  # type: ignore[misc]

    def has_module_permission(self, request):
        if self.unit_field is GLOBAL and not request.user.is_superuser:
            return False
        return super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        within = self._within(request, obj, Action.VIEW)
        return within and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        within = self._within(request, None, Action.MANAGE)
        return within and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        within = self._within(request, obj, Action.MANAGE)
        return within and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        within = self._within(request, obj, Action.MANAGE)
        return within and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        shown = list(super().get_readonly_fields(request, obj))
        access = self._access(request)
        if access is None:
            return shown
        if self.model is User:
            shown += [name for name in GRANTS if name not in shown]
        if obj is not None:
            # a link to a unit they do not manage (their own unit's parent) is shown, not
            # offered: the list would not hold it, and it is not theirs to change
            for field in self.model._meta.fields:
                target = getattr(obj, field.name) if field.related_model is Unit else None
                if target is not None and not access.can(Action.MANAGE, target):
                    shown += [field.name] if field.name not in shown else []
        return shown

    def get_inlines(self, request, obj):
        return [scoped_inline(inline) for inline in super().get_inlines(request, obj)]

    def _check(self, request, obj, field: str | None) -> None:
        access = self._access(request)
        if access is not None and field is not None and refusal(access, obj, field):
            raise PermissionDenied

    def save_model(self, request, obj, form, change):
        self._check(request, obj, self.unit_field or "")
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        field = inline_field(self.admin_site, formset.model)
        link = getattr(formset, "fk", None)
        for row in formset.forms:
            if row.has_changed() and row not in formset.deleted_forms:
                if link is not None:  # the row's link to the page's object, as saving sets it
                    setattr(row.instance, link.name, formset.instance)
                self._check(request, row.instance, field)
        super().save_formset(request, form, formset, change)

    def response_action(self, request, queryset, *args, **kwargs):
        # a bulk action (lock, delete, retry…) reaches only the rows the person manages
        access = self._access(request)
        if access is not None:
            queryset = queryset.filter(self._rows(access, Action.MANAGE))
        return super().response_action(request, queryset, *args, **kwargs)


class ScopedSite(admin.AdminSite):
    """Django's admin site, every admin class registered on it ruled by `ScopedAdmin` (the
    default site of `cchc.core.vendor_apps.ScopedAdminConfig`)."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ScopedAdmin):
            admin_class = type(
                admin_class.__name__,
                (ScopedAdmin, admin_class),
                {
                    "__module__": admin_class.__module__,
                    # in front of the class, the rule keeps the class's own answer
                    "unit_field": getattr(admin_class, "unit_field", GLOBAL),
                },
            )
        super().register(model_or_iterable, admin_class, **options)

    def _sees(self, request, content_type_id, object_id) -> bool:
        try:
            kind = ContentType.objects.filter(pk=content_type_id).first()
            model = kind.model_class() if kind else None
            page = self._registry.get(model) if model else None
            return page is not None and page.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            return False

    def view_on_site(self, request, content_type_id, object_id):
        """Django's "view on site" link, which names any object's address: only for an object
        the staff member sees in the admin."""
        if not request.user.is_superuser and not self._sees(request, content_type_id, object_id):
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def get_urls(self):
        urls = super().get_urls()
        for index, url in enumerate(urls):
            if getattr(url, "name", None) == "view_on_site":
                urls[index] = path(
                    "r/<path:content_type_id>/<path:object_id>/",
                    self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return urls
