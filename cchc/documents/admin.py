"""The administrator uploads a unit's report template here; it is checked before it is kept."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import word
from .actions import upload_template
from .models import ReportTemplate

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


class UploadForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Word template (.docx)"),
        help_text=_("Checked by rendering a sample report before it is kept."),
    )

    class Meta:
        model = ReportTemplate
        fields = ["unit"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > MAX_TEMPLATE_BYTES:
            raise ValidationError(_("The template is larger than 10 MB."))
        content = upload.read()
        word.check_template(content)
        self.content = content
        return upload


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    """Templates are added, never edited: a new upload is a new version that takes over."""

    unit_field = "unit"

    list_display = ["unit", "version", "name", "active", "uploaded_by", "uploaded_at"]
    list_filter = ["active"]
    form = UploadForm
    autocomplete_fields = ["unit"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data["upload"]
        saved = upload_template(
            form.cleaned_data["unit"], name=upload.name, content=form.content, by=request.user
        )
        obj.pk = saved.pk
