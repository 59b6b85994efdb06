from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.formats.inputs import DayField

from .content import NARRATIVE_PARTS


class ReportTextForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=60, required=False)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    signed_on = DayField(label=_("Date"), required=False)
    recipients = forms.CharField(
        label=_("Recipients (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    signer_title = forms.CharField(
        label=_("Signing authority and position"),
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    signer_name = forms.CharField(label=_("Signer's name"), required=False, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, heading in NARRATIVE_PARTS:
            self.fields[key] = forms.CharField(
                label=heading,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def text(self) -> dict:
        data = self.cleaned_data
        result = {key: data[key] for key, _h in NARRATIVE_PARTS}
        result["recipients"] = [line.strip() for line in data["recipients"].splitlines()]
        result["signer_title"] = data["signer_title"]
        result["signer_name"] = data["signer_name"]
        return result


class WindowForm(forms.Form):
    start = DayField(label=_("Data from"))
    end = DayField(label=_("Data until"))
    due = DayField(label=_("Due"))


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}))
