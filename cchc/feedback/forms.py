"""Input validation of the feedback pages (the rules themselves live in `actions.py`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.formats.inputs import DayField

from .actions import ENTRY_FIELDS
from .models import Feedback


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = list(ENTRY_FIELDS.values())  # the columns of a file, in its order
        field_classes = {"received": DayField, "answered": DayField, "published": DayField}
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True

    def validate_unique(self) -> None:
        """The code's uniqueness is the action's rule (it says so in Vietnamese)."""


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or Excel)"))
