"""Forms of the target page: what measures the target, and a hand-entered figure."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.formats.inputs import DayField
from cchc.org.models import Post

from .models import IndicatorDefinition, TargetFigure


class LinkForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Measured by"),
        queryset=IndicatorDefinition.objects.none(),
        required=False,
        empty_label=_("No indicator: the owner enters the figures"),
    )
    owner_post = forms.ModelChoiceField(
        label=_("Owner (enters the figures)"),
        queryset=Post.objects.none(),
        required=False,
        empty_label=_("The focal point"),
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        current = IndicatorDefinition.objects.current()
        if target.indicator_id:
            # keep the version the target is linked to selectable, even once retired
            current = IndicatorDefinition.objects.filter(pk__in=current) | (
                IndicatorDefinition.objects.filter(pk=target.indicator_id)
            )
        self.fields["indicator"].queryset = current.order_by("order", "code", "-version")
        self.fields["owner_post"].queryset = Post.objects.filter(unit=target.plan.unit)


class FigureForm(forms.ModelForm):
    class Meta:
        model = TargetFigure
        fields = ["as_of", "value", "note", "document"]
        field_classes = {"as_of": DayField}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    document = forms.CharField(
        label=_("Evidence document"),
        max_length=255,
        required=False,
        help_text=_("Number, date and issuer, e.g. “Báo cáo số 12/BC-UBND ngày 10/6/2026”."),
    )
    evidence = forms.FileField(
        label=_("Evidence file (pdf, docx, xlsx, jpg, png)"),
        required=False,
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target

    def clean_value(self):
        from .targets import figure_value_error

        value = self.cleaned_data["value"]
        message = figure_value_error(self.target, value)
        if message:
            raise forms.ValidationError(message)
        return value

    def clean_as_of(self):
        day = self.cleaned_data["as_of"]
        year = self.target.plan.year
        if day.year != year:
            raise forms.ValidationError(
                _("The figure must be as of a day of %(year)s, the plan's year.") % {"year": year}
            )
        return day

    def clean(self):
        data = super().clean()
        if not data.get("document") and not data.get("evidence"):
            raise forms.ValidationError(
                _("Give the evidence: the document (number, date, issuer) or its file, or both.")
            )
        return data
