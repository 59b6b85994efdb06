from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class PublishForm(forms.Form):
    """Publish a month's index, or correct a published one (then the reason is required —
    the action enforces it)."""

    month = forms.CharField(label=_("Month (YYYY-MM)"), max_length=7)
    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_month(self) -> dt.date:
        text = self.cleaned_data["month"].strip()
        try:
            return dt.date.fromisoformat(f"{text}-01")
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” is not a month written YYYY-MM."), params={"value": text}
            ) from None
