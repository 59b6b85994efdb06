"""Input validation for progress reports, evidence, due dates, assignments and reminder
settings. Saving is done by `actions`."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cchc.evidence.files import allowed_names, check_upload
from cchc.formats import day
from cchc.formats.inputs import DayField
from cchc.org.models import Membership, User

from .choices import UpdateState
from .models import ReminderPolicy, parse_days

PERCENT_ERROR = _("Percentage done: enter a whole number from 0 to 100.")


class ProgressForm(forms.Form):
    """A progress report, optionally with one evidence document."""

    state = forms.ChoiceField(
        label=_("State"), choices=UpdateState.choices, initial=UpdateState.WORKING
    )
    percent = forms.IntegerField(
        label=_("Percentage done (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": PERCENT_ERROR,
            "invalid": PERCENT_ERROR,
            "min_value": PERCENT_ERROR,
            "max_value": PERCENT_ERROR,
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5, "inputmode": "numeric"}),
        help_text=_("100% means completed."),
    )
    note = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, Word (.docx), Excel (.xlsx), JPG or PNG."),
    )
    evidence_title = forms.CharField(
        label=_("Document (what it is)"),
        required=False,
        max_length=300,
        help_text=_("For example: Kế hoạch tuyên truyền CCHC năm 2025."),
    )
    evidence_number = forms.CharField(
        label=_("Document number"),
        required=False,
        max_length=80,
        help_text=_("For example 45/KH-UBND."),
    )
    evidence_issued_on = DayField(label=_("Document date"), required=False)
    evidence_issuer = forms.CharField(label=_("Issued by"), required=False, max_length=200)

    EVIDENCE_FIELDS = ["evidence_title", "evidence_number", "evidence_issued_on", "evidence_issuer"]

    def __init__(self, *args, occurrence=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.product_rule = ""
        if occurrence is not None and occurrence.task.products:
            from .actions import product_document_needed

            if product_document_needed(occurrence):
                self.product_rule = "required"
                self.fields["evidence_file"].label = _("Product document file (required)")
            else:
                self.product_rule = "optional"
        if occurrence is not None and not self.is_bound:
            self.initial.setdefault("percent", occurrence.percent)
            if occurrence.state:
                self.initial.setdefault("state", occurrence.state)
        self.fields["evidence_file"].help_text = _("%(types)s; at most %(mb)s MB.") % {
            "types": allowed_names(),
            "mb": settings.MAX_UPLOAD_MB,
        }

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            try:
                self.checked_file = check_upload(upload)
            except ValidationError as exc:
                raise ValidationError(
                    _("Evidence file: %(reason)s") % {"reason": " ".join(exc.messages)}
                ) from exc
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("evidence_file"))
        described = any(cleaned.get(name) for name in self.EVIDENCE_FIELDS)
        if has_file and not (cleaned.get("evidence_title") or "").strip():
            self.add_error("evidence_title", _("Enter what the evidence document is."))
        if described and not has_file and "evidence_file" not in self.errors:
            self.add_error("evidence_file", _("Choose the evidence file for this document."))
        percent, state = cleaned.get("percent"), cleaned.get("state")
        if state and percent is not None:
            from .actions import check_state_and_percent

            try:  # the action's rule, shown beside the field before anything is sent
                check_state_and_percent(state, percent)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field, errors)
        return cleaned


DUE_ERROR = _("Due date: enter a day as dd/mm/yyyy, for example 30/06/2026.")


class DueForm(forms.Form):
    due = DayField(label=_("Due date"), error_messages={"required": DUE_ERROR})

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.fields["due"].widget.attrs["aria-label"] = _("Due date")

    def clean_due(self):
        due = self.cleaned_data["due"]
        first, last = self.task.plan.due_window()
        if not first <= due <= last:
            raise ValidationError(
                _("Due date: choose a day between %(first)s and %(last)s.")
                % {"first": day(first), "last": day(last)}
            )
        return due


class PersonChoiceField(forms.ModelChoiceField):
    """People shown as "Name — their posts", so two namesakes are told apart."""

    posts: dict[int, list[str]] = {}

    def label_from_instance(self, obj):
        posts = self.posts.get(obj.pk)
        return f"{obj} — {', '.join(posts)}" if posts else str(obj)


class AssignForm(forms.Form):
    user = PersonChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose a person of the unit."),
            # someone left the unit, or was asked by another tab meanwhile: the list is stale
            "invalid_choice": _(
                "Choose a person working in the unit and not yet asked to carry this task."
            ),
        },
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(unit=task.plan.unit, is_active=True)
        self.fields["user"].queryset = (
            User.objects.filter(pk__in=members.values("user_id"), is_active=True)
            .exclude(task_assignments__task=task)
            .order_by("full_name", "username")
        )
        posts: dict[int, list[str]] = {}
        for user_id, post in members.filter(post__isnull=False).values_list(
            "user_id", "post__name"
        ):
            posts.setdefault(user_id, []).append(post)
        self.fields["user"].posts = posts


class DirectionForm(forms.Form):
    text = forms.CharField(
        label=_("Direction"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write the direction."),
            "max_length": _(
                "Direction: at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    occurrence = forms.ModelChoiceField(
        label=_("Period"), queryset=None, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].queryset = task.occurrences.all()


class AnswerForm(forms.Form):
    """The answer to one direction (`direction`: which one, so a refused answer is shown again
    under its own direction)."""

    answer = forms.CharField(
        label=_("Answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Write the answer to the direction."),
            "max_length": _("Answer: at most %(limit_value)d characters (it has %(show_value)d)."),
        },
    )

    def __init__(self, *args, direction=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.direction_id = direction.pk if direction is not None else None


class PlanRuleForm(forms.Form):
    product_document_required = forms.BooleanField(
        label=_("A task listing products is completed only with its product document"),
        required=False,
        help_text=_(
            "When ticked, reporting such a task completed asks for the document's number, "
            "date and file; otherwise the form only invites it."
        ),
    )


class ReminderPolicyForm(forms.ModelForm):
    class Meta:
        model = ReminderPolicy
        fields = ReminderPolicy.SETTINGS

    def clean_days_before(self):
        text = self.cleaned_data["days_before"]
        days = parse_days(text)
        if not days:
            raise ValidationError(_("Enter at least one number of days, for example: 7, 1"))
        return ", ".join(str(d) for d in days)
