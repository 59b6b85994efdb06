"""The administrator edits the questionnaires (wording, order, scale labels, new versions) and
the campaigns here; every write is recorded in the change history (RecordedAdmin)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cchc.audit.log import record
from cchc.audit.recorded_admin import RecordedAdmin

from .models import (
    Campaign,
    Element,
    Item,
    KioskDevice,
    Questionnaire,
    QuestionnaireVersion,
    SampleTarget,
)


class VersionInline(admin.TabularInline):
    model = QuestionnaireVersion
    fields = ("number", "published")
    extra = 0
    show_change_link = True


@admin.register(Questionnaire)
class QuestionnaireAdmin(RecordedAdmin, admin.ModelAdmin):
    list_display = ("name", "code", "kind")
    inlines = [VersionInline]


class ElementInline(admin.TabularInline):
    model = Element
    fields = ("order", "code", "title")
    extra = 0
    show_change_link = True


@admin.action(description=_("Sao chép thành phiên bản mới (chưa dùng)"))
def copy_as_new_version(modeladmin, request, queryset):
    for version in queryset:
        with transaction.atomic():
            latest = version.questionnaire.versions.order_by("-number").first()
            copy = QuestionnaireVersion.objects.create(
                questionnaire=version.questionnaire,
                number=latest.number + 1,
                published=False,
                intro=version.intro,
                scale=list(version.scale),
            )
            for element in version.elements.all():
                new_element = Element.objects.create(
                    version=copy, code=element.code, title=element.title, order=element.order
                )
                Item.objects.bulk_create(
                    Item(
                        element=new_element,
                        code=i.code,
                        text=i.text,
                        kind=i.kind,
                        order=i.order,
                    )
                    for i in element.items.all()
                )
            record(
                "questionnaireversion.create",
                by=request.user,
                obj=copy,
                after={"number": copy.number, "copied_from": version.number},
            )
        messages.success(request, _("Đã tạo phiên bản %(n)s.") % {"n": copy.number})


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(RecordedAdmin, admin.ModelAdmin):
    list_display = ("__str__", "number", "published")
    list_filter = ("questionnaire",)
    fields = ("questionnaire", "number", "published", "intro", "scale")
    inlines = [ElementInline]
    actions = [copy_as_new_version]


class ItemInline(admin.TabularInline):
    model = Item
    fields = ("order", "code", "text", "kind")
    extra = 0


@admin.register(Element)
class ElementAdmin(RecordedAdmin, admin.ModelAdmin):
    list_display = ("title", "version", "order")
    list_filter = ("version__questionnaire",)
    inlines = [ItemInline]


@admin.register(Item)
class ItemAdmin(RecordedAdmin, admin.ModelAdmin):
    list_display = ("text", "element", "kind", "order")
    list_editable = ("order",)
    list_filter = ("element__version", "kind")
    search_fields = ("text", "code")


class TargetInline(admin.TabularInline):
    model = SampleTarget
    fields = ("unit", "target")
    autocomplete_fields = ("unit",)
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(RecordedAdmin, admin.ModelAdmin):
    unit_field = "unit"
    list_display = ("name", "unit", "starts_on", "ends_on", "closed")
    list_filter = ("closed",)
    autocomplete_fields = ("unit",)
    inlines = [TargetInline]


@admin.register(KioskDevice)
class KioskDeviceAdmin(RecordedAdmin, admin.ModelAdmin):
    unit_field = "unit"
    list_display = ("name", "unit", "issued_on", "expires_on", "revoked")
    list_filter = ("revoked",)
    fields = ("unit", "name", "issued_on", "expires_on", "revoked")
    readonly_fields = ("unit", "issued_on")

    def has_add_permission(self, request):
        return False  # issued on the unit's survey page, which shows the token once
