"""The organisation tables in Django's admin. Every write made here (people, roles, units,
posts, reorganisations, through a page, an inline table or a bulk action) is recorded in the
change history with the administrator, before and after, and the unit (RecordedAdmin).

People named in the history are deactivated, never deleted: the history must keep its authors.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.audit.log import record
from cchc.audit.models import AuditEvent
from cchc.audit.recorded_admin import RecordedAdmin, admin_snapshot, record_change

from .models import Membership, Post, Unit, UnitSuccession, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit", "post"]

    def get_formset(self, request, obj=None, **kwargs):
        # a staff member who is not a superuser sees the people of their units only: the
        # person they add gets a role there on the same page, or they would lose sight of them
        if obj is None and not request.user.is_superuser:
            kwargs.update(min_num=1, validate_min=True)
        return super().get_formset(request, obj, **kwargs)


def _in_history(users) -> list[User]:
    """Those of `users` who are the author of a change record."""
    authors = set(
        AuditEvent.objects.filter(user__in=[u.pk for u in users]).values_list("user", flat=True)
    )
    return [u for u in users if u.pk in authors]


def _refuse_deletion(request, people) -> None:
    messages.error(
        request,
        _(
            "%(people)s cannot be deleted: the change history names them as the author of "
            "changes. Lock the account instead (untick “Active”): they can no longer sign in "
            "and the history keeps their name."
        )
        % {"people": ", ".join(str(p) for p in people)},
    )


# Django offers to turn "sign-in with a password" off, so that a person signs in "another way
# (single sign-on, LDAP)". Here a password is the only way in: the choice, in English words,
# would lock the person out without saying so. A new person gets a password; a reset sets one
# (decision 0177).
class NewPersonForm(AdminUserCreationForm):
    usable_password = None


class PasswordResetForm(AdminPasswordChangeForm):
    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields.pop("usable_password", None)
        self.fields["password1"].required = self.fields["password2"].required = True


@admin.register(User)
class UserAdmin(RecordedAdmin, BaseUserAdmin):
    unit_field = "memberships__unit"
    add_form = NewPersonForm
    change_password_form = PasswordResetForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
    )
    list_display = ["username", "full_name", "email", "is_active", "is_staff", "last_login"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]
    actions = ["deactivate_selected", "delete_selected"]
    # Django's "first name" and "last name" are not read anywhere here (a person is named by
    # `full_name`): the page asks for the full name once. The dates are the system's own
    # (the last sign-in decides when an idle account is locked): shown, never typed.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (BaseUserAdmin.fieldsets[1][0], {"fields": ("full_name", "email", "phone")}),
        BaseUserAdmin.fieldsets[2],
        BaseUserAdmin.fieldsets[3],
    )
    readonly_fields = ["last_login", "date_joined"]

    def delete_view(self, request, object_id, extra_context=None):
        person = self.get_object(request, unquote(object_id))
        if person is not None and _in_history([person]):
            _refuse_deletion(request, [person])
            return redirect(reverse("admin:org_user_change", args=[person.pk]))
        return super().delete_view(request, object_id, extra_context)

    @admin.action(description=gettext_lazy("Delete selected people"), permissions=["delete"])
    def delete_selected(self, request, queryset):
        named = _in_history(list(queryset))
        if named:
            _refuse_deletion(request, named)
            return None
        return django_delete_selected(self, request, queryset)

    @admin.action(description=gettext_lazy("Lock selected accounts"), permissions=["change"])
    def deactivate_selected(self, request, queryset):
        with transaction.atomic():
            for person in queryset.filter(is_active=True):
                before = admin_snapshot(person)
                person.is_active = False
                person.save(update_fields=["is_active"])
                record_change(person, by=request.user, before=before, after=admin_snapshot(person))

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                # the new password was saved; the history says so, never what it is
                record("user.password", by=request.user, obj=self.get_object(request, unquote(id)))
        return response


class PostInline(admin.TabularInline):
    model = Post
    extra = 0


class SuccessionInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ["predecessor"]
    verbose_name_plural = "Đơn vị tiền thân (sáp nhập, chia tách, đổi tên)"


@admin.register(Unit)
class UnitAdmin(RecordedAdmin, admin.ModelAdmin):
    unit_field = ""
    list_display = ["indented_name", "code", "eid_code", "kind", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "eid_code"]
    autocomplete_fields = ["parent"]
    inlines = [PostInline, SuccessionInline]
    # the place in the tree (path, depth) is computed from the parent on save, never typed;
    # the settings box is read by nothing yet: the form leaves both out
    fields = [
        "code",
        "eid_code",
        "name",
        "kind",
        "parent",
        "valid_from",
        "valid_to",
        "email",
        "address",
    ]

    @admin.display(description="Tên đơn vị", ordering="path")
    def indented_name(self, obj):
        return "\u2003" * obj.depth + obj.name


@admin.register(Post)
class PostAdmin(RecordedAdmin, admin.ModelAdmin):
    unit_field = "unit"
    list_display = ["name", "unit", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "unit__name", "aliases"]
    autocomplete_fields = ["unit"]


@admin.register(Membership)
class MembershipAdmin(RecordedAdmin, admin.ModelAdmin):
    unit_field = "unit"
    list_display = ["user", "unit", "role", "post", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit", "post"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(RecordedAdmin, admin.ModelAdmin):
    unit_field = "successor"
    list_display = ["predecessor", "kind", "successor", "effective_on", "decision"]
    autocomplete_fields = ["predecessor", "successor"]
