"""Forms of the upload-review-confirm flow. They turn the edited page back into the parsed
dict of specs/plan-import.md, so confirmation saves exactly what the person saw."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cchc.formats.inputs import DayField
from cchc.plans.choices import Area, Comparator, PlanKind, Recurrence, TargetUnit
from cchc.plans.forms import LinesField, TargetValueCheck, plan_units, split_lines_keep
from cchc.plans.legal import parse_citation

ACCEPTED = ".docx,.pdf,.txt,.md,.xlsx"


class UploadForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    file = forms.FileField(
        label=_("Plan file"),
        help_text=_(
            "Word (.docx), PDF with text, text (.txt, .md), or an Excel task table (.xlsx)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = plan_units(user, new=True)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first().pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size).1f MB; the limit is %(limit)s MB.")
                % {"size": upload.size / 1048576, "limit": settings.MAX_UPLOAD_MB}
            )
        return upload


class HeaderForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = forms.CharField(label=_("Number"), required=False, max_length=60)
    issued_on = DayField(label=_("Issued on"), required=False)
    issuer = forms.CharField(label=_("Issued by"), required=False, max_length=200)
    signer = forms.CharField(label=_("Signed by"), required=False, max_length=200)
    title = forms.CharField(label=_("Title"), max_length=500)
    theme = forms.CharField(
        label=_("Theme of the year"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_bases = forms.CharField(
        label=_("Legal bases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One document per line, as written in the plan."),
    )

    def to_parsed(self) -> tuple[dict, list[dict]]:
        data = self.cleaned_data
        header = {
            "kind": data["kind"],
            "year": data["year"],
            "number": data["number"] or None,
            "issued_on": data["issued_on"].isoformat() if data["issued_on"] else None,
            "issuer": data["issuer"],
            "signer": data["signer"] or None,
            "title": data["title"],
            "theme": data["theme"] or None,
        }
        bases = []
        for line in split_lines_keep(data["legal_bases"]):
            cited = parse_citation(line)
            issued = cited["issued_on"]
            bases.append(
                {
                    "number": cited["number"],
                    "issued_on": issued.isoformat() if issued else None,
                    "text": line,
                }
            )
        return header, bases


class TaskRowForm(forms.Form):
    ref = forms.CharField(label=_("No."), required=False, max_length=20)
    area = forms.ChoiceField(label=_("Area"), choices=Area.choices)
    title = forms.CharField(
        label=_("Task"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter what the task is.")},
    )
    lead = LinesField(label=_("Lead"), required=False)
    coordinators = LinesField(label=_("Coordinators"), required=False)
    products = LinesField(label=_("Expected products"), required=False)
    deadline = forms.CharField(label=_("Deadline"), required=False, max_length=255)
    due = DayField(label=_("Due date"), required=False)
    recurrence = forms.ChoiceField(
        label=_("Recurrence"), required=False, choices=[("", "—"), *Recurrence.choices]
    )
    budget_million_vnd = forms.DecimalField(
        label=_("Budget (million VND)"), required=False, min_value=0, localize=True
    )
    section_ref = forms.CharField(required=False, widget=forms.HiddenInput)
    source_line = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source_text = forms.CharField(required=False, widget=forms.HiddenInput)

    def to_parsed(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("DELETE", None)
        data["due"] = data["due"].isoformat() if data["due"] else None
        data["recurrence"] = data["recurrence"] or None
        budget = data["budget_million_vnd"]
        data["budget_million_vnd"] = float(budget) if budget is not None else None
        return data


class TargetRowForm(TargetValueCheck, forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=Area.choices)
    text = forms.CharField(label=_("Target"), widget=forms.Textarea(attrs={"rows": 2}))
    comparator = forms.ChoiceField(label=_("Comparator"), choices=Comparator.choices)
    value = forms.DecimalField(label=_("Value"), localize=True)
    unit = forms.ChoiceField(label=_("Measured in"), choices=TargetUnit.choices)
    source_line = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def to_parsed(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("DELETE", None)
        data["value"] = float(data["value"])
        return data


class PeriodRowForm(forms.Form):
    name = forms.CharField(label=_("Report"), max_length=120)
    start = DayField(label=_("Data from"), required=False)
    end = DayField(label=_("Data until"), required=False)
    due = DayField(label=_("Due"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end of the window is before its start."))
        return cleaned

    def to_parsed(self) -> dict:
        data = self.cleaned_data

        def iso(value):
            return value.isoformat() if value else None

        return {
            "name": data["name"],
            "from": iso(data["start"]),
            "to": iso(data["end"]),
            "due": iso(data["due"]),
        }


TaskFormSet = forms.formset_factory(TaskRowForm, extra=0, can_delete=True)
TargetFormSet = forms.formset_factory(TargetRowForm, extra=0, can_delete=True)
PeriodFormSet = forms.formset_factory(PeriodRowForm, extra=0, can_delete=True)


class DuplicateForm(forms.Form):
    REPLACE, KEEP = "replace", "keep"
    choice = forms.ChoiceField(
        label=_("This plan already exists in the unit"),
        choices=[
            (REPLACE, _("Replace the existing plan with this import")),
            (KEEP, _("Keep both plans")),
        ],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose whether to replace the existing plan or keep both.")},
    )
