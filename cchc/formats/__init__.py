"""Vietnamese dates as officials write them: 08/03/2024, a window 08/03/2024 – 15/03/2024, a
moment 08/03/2024 14:05 in the local zone.

The formats are those of `vi/formats.py`, which Django's `date` filter reads in the templates
(settings.FORMAT_MODULE_PATH). Python code — messages, audit values, Excel and Word output,
commands, `__str__` — writes dates with `day`, `window` and `moment` here. They read the vi
formats whatever language is active: `django.utils.formats.date_format` would follow the
active language and write 03/08/2024 for an administrator browsing in English, in an Excel
file meant for an inspection. The Django formats are turned into `strftime` patterns once,
at import (a date is written in ~1 µs; `django.utils.dateformat` takes ~6 times longer,
which an export of every audit event would feel).

Whole numbers are written with a dot between thousands (`thousands`: 1.234), as in the
templates' `number` filter; a figure with decimals with a comma before them (`figure`:
1.234,5), as Vietnamese documents write it.

`rounding.py` is the one rounding rule of rates and points. The module imports nothing of
the project, so every layer may use it (it is the lowest layer of the import contract).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cchc.formats.vi import formats as vi

# The Django format letters the vi formats use, as strftime directives. A letter not listed
# makes the import fail, so a new vi format cannot silently be written another way here.
_DIRECTIVES = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y", "H": "%H", "i": "%M", "s": "%S"}


def strftime_pattern(django_format: str) -> str:
    """ "d/m/Y" → "%d/%m/%Y": a Django date format as a strftime pattern; KeyError on a
    letter without a strftime twin in `_DIRECTIVES`."""
    parts = []
    for char in django_format:
        if char.isalpha() or char == "\\":
            parts.append(_DIRECTIVES[char])
        else:
            parts.append(char.replace("%", "%%"))
    return "".join(parts)


# "%d/%m/%Y": also the pattern of a date field's input (forms) where one is spelt out.
DAY = strftime_pattern(vi.SHORT_DATE_FORMAT)
MOMENT = strftime_pattern(vi.SHORT_DATETIME_FORMAT)
MOMENT_SECONDS = strftime_pattern(vi.SHORT_DATETIME_FORMAT + ":s")
MONTH = strftime_pattern(vi.YEAR_MONTH_FORMAT)


def _local(value: dt.date) -> dt.date:
    """An aware datetime in the local zone (TIME_ZONE); a date or a naive datetime as is."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def day(value: dt.date) -> str:
    """ "08/03/2024". An aware datetime is first put in the local zone, so an event at
    00:30 on 9 March in Vietnam is the 9th, not the UTC 8th."""
    return _local(value).strftime(DAY)


def window(start: dt.date, end: dt.date) -> str:
    """ "08/03/2024 – 15/03/2024": a span of days, both ends included."""
    return f"{day(start)} – {day(end)}"


def moment(value: dt.datetime, *, seconds: bool = False) -> str:
    """ "08/03/2024 14:05" in the local zone (with ":07" seconds for an audit trail)."""
    return _local(value).strftime(MOMENT_SECONDS if seconds else MOMENT)


def month_year(value: dt.date) -> str:
    """ "03/2024": a month as the dashboards and monthly publications name it."""
    return value.strftime(MONTH)


def thousands(number: int) -> str:
    """1234567 → "1.234.567": a whole number with the Vietnamese thousands separator."""
    return f"{number:,}".replace(",", ".")


def figure(number: float | int, places: int = 2) -> str:
    """63.6364 → "63,64", 1234.5 → "1.234,5", 100.0 → "100": a figure as a Vietnamese document
    writes it, at most `places` decimals and no trailing zeros."""
    text = f"{number:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
