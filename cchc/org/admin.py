from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, Post, Unit, UnitSuccession, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit", "post"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff", "last_login"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("CCHC", {"fields": ("full_name", "phone")}),
    )


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
class UnitAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "code", "kind", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    inlines = [PostInline, SuccessionInline]
    readonly_fields = ["path", "depth"]

    @admin.display(description="Tên đơn vị", ordering="path")
    def indented_name(self, obj):
        return "\u2003" * obj.depth + obj.name


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "unit__name", "aliases"]
    autocomplete_fields = ["unit"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "post", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit", "post"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "kind", "successor", "effective_on", "decision"]
    autocomplete_fields = ["predecessor", "successor"]
