"""Input validation for plans, tasks and targets. Saving is done by `actions`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.formats.inputs import DayField
from cchc.org.access import Action, access_for

from .choices import Area, Verdict
from .deadline_check import is_unreadable
from .deadlines import parse_deadline
from .legal import parse_citation
from .models import Plan, Section, Target, Task, target_shape_errors, target_value_errors
from .rules import in_force_during, not_in_force_message


def split_lines(value: str) -> list[str]:
    """One entry per line; bullets and semicolons also separate entries."""
    items: list[str] = []
    for line in value.replace(";", "\n").splitlines():
        line = line.strip().lstrip("-•+*").strip()
        if line:
            items.append(line)
    return items


class LinesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        return split_lines(super().to_python(value) or "")


class PlanForm(forms.ModelForm):
    legal_bases_text = forms.CharField(
        label=_("Legal bases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One document per line, as written in the plan."),
    )

    class Meta:
        model = Plan
        fields = ["unit", "year", "kind", "number", "issued_on", "issuer", "title", "theme"]
        field_classes = {"issued_on": DayField}
        widgets = {
            "theme": forms.Textarea(attrs={"rows": 2}),
            "title": forms.TextInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        editable = plan_units(user, new=not self.instance.pk)
        self.fields["unit"].queryset = editable
        if self.instance.pk:
            self.fields["unit"].disabled = True
            self.initial["legal_bases_text"] = "\n".join(
                lb.text for lb in self.instance.legal_bases.all()
            )
        elif editable.count() == 1:
            self.initial.setdefault("unit", editable.first().pk)
        self.fields["year"].initial = self.fields["year"].initial or dt.date.today().year

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100."))
        return year

    def clean(self):
        cleaned = super().clean()
        issued_on, year = cleaned.get("issued_on"), cleaned.get("year")
        if issued_on and year and not year - 1 <= issued_on.year <= year:
            self.add_error(
                "issued_on",
                _("A plan for %(year)s is issued in %(year)s or late in the year before.")
                % {"year": year},
            )
        unit = cleaned.get("unit")
        if not self.instance.pk and unit and year and not in_force_during(unit, year):
            self.add_error("unit", not_in_force_message(unit, year))
        return cleaned

    def legal_bases(self) -> list[dict]:
        return [
            parse_citation(line) for line in split_lines_keep(self.cleaned_data["legal_bases_text"])
        ]


def split_lines_keep(value: str) -> list[str]:
    """Lines without splitting on semicolons (a citation may contain one)."""
    return [line.strip().lstrip("-•+*").strip() for line in value.splitlines() if line.strip()]


class TaskForm(forms.ModelForm):
    leads = LinesField(label=_("Lead"), required=False, help_text=_("One post or office per line."))
    coordinators = LinesField(
        label=_("Coordinators"), required=False, help_text=_("One post or office per line.")
    )
    products = LinesField(label=_("Expected products"), required=False)

    class Meta:
        model = Task
        fields = [
            "ref",
            "section",
            "area",
            "title",
            "products",
            "deadline_text",
            "due",
            "recurrence",
            "budget_million_vnd",
            "note",
        ]
        localized_fields = ["budget_million_vnd"]
        error_messages = {"title": {"required": _("Enter what the task is.")}}
        field_classes = {"due": DayField}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["section"].queryset = Section.objects.filter(plan=plan)
        self.fields["section"].required = False
        if self.instance.pk:
            self.initial["leads"] = self.instance.leads
            self.initial["coordinators"] = self.instance.coordinators

    def clean_title(self):
        title = " ".join((self.cleaned_data.get("title") or "").split())
        if not title:
            raise forms.ValidationError(_("Enter what the task is."))
        return title

    def clean_budget_million_vnd(self):
        budget = self.cleaned_data.get("budget_million_vnd")
        if budget is not None and budget < Decimal("0"):
            raise forms.ValidationError(_("The budget cannot be negative."))
        return budget

    def clean(self):
        cleaned = super().clean()
        section = cleaned.get("section")
        if section and not cleaned.get("area"):
            cleaned["area"] = section.area
        self._clean_deadline(cleaned)
        return cleaned

    def _clean_deadline(self, cleaned) -> None:
        """A deadline must name a date, a recurrence or an event to wait for; when the due
        date or the recurrence is left empty, the text fills it in."""
        text = (cleaned.get("deadline_text") or "").strip()
        if not text or "deadline_text" in self.errors:
            return
        year = self.instance.plan.year
        if cleaned.get("due") is None and is_unreadable(text, year):
            self.add_error(
                "deadline_text",
                _(
                    "Deadline: “%(text)s” cannot be read as a date. Write it as in the plan "
                    "(“Tháng 03/%(year)s”, “Quý I năm %(year)s”, “Thường xuyên”, “Hàng tháng”, "
                    "“trước ngày 15/3/%(year)s”) or enter the due date."
                )
                % {"text": text, "year": year},
            )
            return
        spec = parse_deadline(text, year)
        if cleaned.get("due") is None and spec.due is not None:
            cleaned["due"] = spec.due
        if not cleaned.get("recurrence") and spec.recurrence:
            cleaned["recurrence"] = spec.recurrence


class TargetValueCheck:
    """A target's comparator, value, unit and date agree (`target_value_errors`,
    `target_shape_errors`), each error shown on its field: the same check for a target typed
    on the plan page and one read by the importer."""

    def clean(self):
        cleaned = super().clean()
        comparator, value = cleaned.get("comparator", ""), cleaned.get("value")
        unit = cleaned.get("unit", "")
        errors = target_value_errors(comparator, value, unit)
        if "by_date" in self.fields:
            errors = target_shape_errors(comparator, value, unit, cleaned.get("by_date")) | errors
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned


class TargetForm(TargetValueCheck, forms.ModelForm):
    class Meta:
        model = Target
        fields = ["area", "text", "comparator", "value", "unit", "by_date"]
        localized_fields = ["value"]
        field_classes = {"by_date": DayField}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "value": _("Leave empty for a target stated in words or “all of it (100%)”."),
            "by_date": _("Only for “done before the date”."),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["area"].initial = self.fields["area"].initial or Area.OTHER

    def clean_text(self):
        text = " ".join((self.cleaned_data.get("text") or "").split())
        if not text:
            raise forms.ValidationError(_("Enter the target as written in the plan."))
        return text


class TaskFilterForm(forms.Form):
    """The filters above a plan's task table."""

    area = forms.ChoiceField(label=_("Area"), required=False)
    lead = forms.ChoiceField(label=_("Lead"), required=False)
    month = forms.ChoiceField(label=_("Due month"), required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        all_label = [("", _("All"))]
        areas = list(dict.fromkeys(plan.tasks.values_list("area", flat=True)))
        labels = dict(Area.choices)
        self.fields["area"].choices = all_label + [(a, labels.get(a, a)) for a in areas]
        leads = (
            plan.tasks.filter(parties__role="lead")
            .values_list("parties__text", flat=True)
            .order_by("parties__text")
            .distinct()
        )
        self.fields["lead"].choices = all_label + [(name, name) for name in leads]
        months = sorted(
            {(d.year, d.month) for d in plan.tasks.exclude(due=None).values_list("due", flat=True)}
        )
        self.fields["month"].choices = (
            all_label
            + [(f"{y}-{m:02d}", f"{m:02d}/{y}") for y, m in months]
            + [("none", _("No date"))]
        )

    def apply(self, tasks):
        if not self.is_valid():
            return tasks
        data = self.cleaned_data
        if data.get("area"):
            tasks = tasks.filter(area=data["area"])
        if data.get("lead"):
            tasks = tasks.filter(parties__role="lead", parties__text=data["lead"]).distinct()
        month = data.get("month")
        if month == "none":
            tasks = tasks.filter(due__isnull=True)
        elif month:
            year, mon = (int(p) for p in month.split("-"))
            tasks = tasks.filter(due__year=year, due__month=mon)
        return tasks

    @property
    def active(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


def plan_units(user, *, new: bool):
    """The units a user may make plans for; for a new plan, those in force today (a merged
    commune's focal point may edit its predecessors' plans but makes new ones for itself)."""
    units = access_for(user).units(Action.EDIT_PLAN).order_by("path")
    return units.current(timezone.localdate()) if new else units


class TaskCancelForm(forms.Form):
    """Why a task is cancelled: kept in the task's history and shown on the plan page."""

    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the reason for cancelling the task.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Enter the reason for cancelling the task."))
        return reason


class IssueForm(forms.Form):
    """The signed document that issues a plan or an amendment. The fields are checked by the
    action (actions.issue_plan), so the same message reaches pages, commands and the API."""

    number = forms.CharField(label=_("Number"), max_length=60, required=False)
    issued_on = DayField(label=_("Signed on"), required=False)
    signer = forms.CharField(label=_("Signed by"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Signed scan (PDF)"),
        required=False,
        help_text=_("Kept as the evidence of the issued document."),
    )


class ReasonForm(forms.Form):
    """A reason or note a step of the plan's life asks for (return, close, reopen, amend)."""

    text = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _(
                "The text is at most %(limit_value)d characters (%(show_value)d typed)."
            )
        },
    )


class AppraisalForm(forms.Form):
    """The upper level's verdict, a general comment, and one comment box per task and target."""

    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect, required=False
    )
    note = forms.CharField(
        label=_("General comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, tasks, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks, self.targets = list(tasks), list(targets)
        for task in self.tasks:
            self.fields[f"task_{task.pk}"] = forms.CharField(
                label=str(task), required=False, widget=forms.Textarea(attrs={"rows": 1})
            )
        for target in self.targets:
            self.fields[f"target_{target.pk}"] = forms.CharField(
                label=target.text, required=False, widget=forms.Textarea(attrs={"rows": 1})
            )

    def task_rows(self):
        return [(task, self[f"task_{task.pk}"]) for task in self.tasks]

    def target_rows(self):
        return [(target, self[f"target_{target.pk}"]) for target in self.targets]

    def comments(self, prefix: str) -> dict[int, str]:
        return {
            int(name.removeprefix(prefix)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix) and value
        }
