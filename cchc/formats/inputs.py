"""Dates typed as officials write them, dd/mm/yyyy, in a text box (decision 0155).

Not the browser's date picker (an input of type "date"): its format follows the browser's
language (mm/dd/yyyy on an English Windows, the usual commune PC), which misleads, and old
office browsers render it poorly. Every date a person types goes through here:

- `DateInput`, the box: written d/m/Y, a dd/mm/yyyy placeholder, the number keypad on a phone;
- `DayField`, a form's date: that box, read as the vi `DATE_INPUT_FORMATS` (dd/mm/yyyy, dd/mm/yy,
  and ISO yyyy-mm-dd, which old links and bookmarks carry) whatever language is active, and a
  mistyped date refused with a message naming the field (`day_error`);
- `refuse_after_today`, the actions' check of a signed document's date: never after today
  (`after_today_error`, decisions 0172 and 0177: in the action, so pages, commands, the API
  and the demo meet the same rule);
- `typed_day`, the same reading for a hand-written box of a GET or POST (a page's filter, a
  small form posted to a view).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.formats import DAY, day
from cchc.formats.vi import formats as vi

PLACEHOLDER = "dd/mm/yyyy"


class DateInput(forms.DateInput):
    """A date typed as officials write it, dd/mm/yyyy, in a text box."""

    def __init__(self, attrs=None):
        attrs = {"placeholder": PLACEHOLDER, "inputmode": "numeric", "autocomplete": "off"} | (
            attrs or {}
        )
        super().__init__(attrs=attrs, format=DAY)


def day_error(label) -> str:
    """ "Từ ngày: nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026." — a mistyped date, named."""
    return _("%(field)s: enter a day as dd/mm/yyyy, for example 30/06/2026.") % {"field": label}


def after_today_error(label) -> str:
    """ "Ngày ký: văn bản đã ký không thể mang ngày sau hôm nay (07/12/2026) …" — a signed
    document dated in the future, most often the year typed wrong around the new year."""
    return _(
        "%(field)s: a signed document cannot be dated after today (%(today)s); check the day, "
        "the month and the year."
    ) % {"field": label, "today": day(timezone.localdate())}


class DayField(forms.DateField):
    """A form's date typed dd/mm/yyyy (ISO still read); refused with `day_error` of its label.

    The formats are the vi ones whatever language is active, so 05/03/2026 is always 5 March
    (an English session would otherwise read it as 3 May)."""

    widget = DateInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", vi.DATE_INPUT_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(day_error(self.label or ""), code="invalid") from None


def refuse_after_today(value: dt.date | None, *, field: str, label) -> None:
    """A signed document's date checked by the action that keeps it: a ValidationError on
    `field` (`after_today_error` of `label`, the field's name as the page shows it) when
    `value` is after today; nothing when it is empty or today or before."""
    if value and value > timezone.localdate():
        raise ValidationError({field: after_today_error(label)})


def typed_day(value: str | None, label) -> dt.date | None:
    """The date typed in a hand-written box (a GET filter, a small POST): None when left empty;
    a ValidationError naming the box (`label`, as the page shows it) when it is not a date."""
    return DayField(label=label, required=False).clean((value or "").strip())
