"""The figure entry form: input shape only; the rules are the action's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc import periods


class EntryForm(forms.Form):
    definition = forms.ChoiceField(label=_("Figure"))
    period = forms.CharField(label=_("Period"), max_length=20)
    numerator = forms.IntegerField(label=_("Numerator"), min_value=0, max_value=10**9)
    denominator = forms.IntegerField(
        label=_("Denominator"), min_value=0, max_value=10**9, required=False
    )
    document = forms.CharField(
        label=_("Evidence document (number, date)"), max_length=300, required=False
    )
    file = forms.FileField(label=_("Evidence file"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, definitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions = {str(d.pk): d for d in definitions}
        self.fields["definition"].choices = [(str(d.pk), d.name) for d in definitions]

    def clean_period(self):
        key = self.cleaned_data["period"]
        try:
            period = periods.parse(key)
        except ValueError:
            period = None
        if period is None or period.kind not in ("month", "quarter"):
            raise forms.ValidationError(
                _("Enter a month (2024-03) or a quarter (2024-q1) for the figure.")
            )
        return period

    def clean_definition(self):
        return self.definitions[self.cleaned_data["definition"]]


class MeasureForm(forms.Form):
    """The figure that measures a target, or none."""

    definition = forms.ChoiceField(label=_("Figure"), required=False, widget=forms.RadioSelect)

    def __init__(self, *args, definitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions = {str(d.pk): d for d in definitions}
        self.fields["definition"].choices = [("", _("No figure"))] + [
            (str(d.pk), d.name) for d in definitions
        ]

    def clean_definition(self):
        return self.definitions.get(self.cleaned_data["definition"])
