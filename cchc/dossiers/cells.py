"""The contract's cell rules: what a dossier or catalogue cell may hold, as Python values.

Dates `YYYY-MM-DD[ HH:MM[:SS]]`, `YYYY-MM-DDTHH:MM[:SS]`, `dd/mm/yyyy[ HH:MM[:SS]]` in local
time (a date without a time is that day at 00:00, except an appointment, where it means the
end of that day: `day_end`, contract version 2); booleans `1/0`, `true/false`,
`có/không`, `x`/empty. A cell that does not fit raises `CellError` with the Vietnamese reason
(`specs/dossiers-and-indicators.md`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


class CellError(ValueError):
    """A cell that does not hold what its column needs; the argument is the Vietnamese reason."""


def as_text(value: object) -> str:
    """A cell's text, stripped and in NFC: a file saved on a Mac writes "có" as "c" and a
    combining accent, which must read as "có" does (and be stored as it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value).strip())


def _date_error() -> CellError:
    return CellError(
        _("Not a valid date (expected dd/mm/yyyy or yyyy-mm-dd, optionally with hh:mm[:ss]).")
    )


def _clock(text: str) -> tuple[int, int, int]:
    parts = text.split(".", 1)[0].split(":")  # milliseconds, when written, are dropped
    if len(parts) not in (2, 3) or not all(p.isdigit() and len(p) <= 2 for p in parts):
        raise _date_error()
    hour, minute = int(parts[0]), int(parts[1])
    second = int(parts[2]) if len(parts) == 3 else 0
    return hour, minute, second


DAY_END = dt.time(23, 59, 59)


def parse_moment(value: object, *, day_end: bool = False) -> dt.datetime | None:
    """A cell as an aware local date-time; None when empty; CellError when not a date.

    With `day_end` (an appointment), a date written without a time is the end of that day
    (23:59:59): "due on 08/03" means the whole of 8 March. An Excel cell holding a date alone
    reaches here as a date, or as a date-time at exactly 00:00:00 (Excel keeps no difference
    between a date cell and midnight), and is read the same way (decision 0090).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if day_end and value.time() == dt.time(0):
            value = dt.datetime.combine(value.date(), DAY_END)
        return value if value.tzinfo else value.replace(tzinfo=LOCAL)
    if isinstance(value, dt.date):
        clock = DAY_END if day_end else dt.time(0)
        return dt.datetime.combine(value, clock, LOCAL)
    text = as_text(value)
    if not text:
        return None
    day_part, _sep, time_part = text.replace("T", " ", 1).partition(" ")
    time_part = time_part.strip()
    try:
        if len(day_part) == 10 and day_part[4] == "-" and day_part[7] == "-":
            year, month, day = int(day_part[:4]), int(day_part[5:7]), int(day_part[8:])
        else:
            pieces = day_part.split("/")
            if len(pieces) != 3 or len(pieces[2]) != 4 or not all(p.isdigit() for p in pieces):
                raise _date_error()
            day, month, year = int(pieces[0]), int(pieces[1]), int(pieces[2])
        if time_part:
            hour, minute, second = _clock(time_part)
        else:
            hour, minute, second = (23, 59, 59) if day_end else (0, 0, 0)
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=LOCAL)
    except ValueError as exc:
        if isinstance(exc, CellError):
            raise
        raise _date_error() from None


_TRUE = frozenset({"1", "true", "có", "co", "x", "yes"})
_FALSE = frozenset({"", "0", "false", "không", "khong", "no"})


def parse_bool(value: object) -> bool:
    text = as_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("Expected 1/0, có/không, true/false or x/empty."))


def small_int(value: object, low: int, high: int, default: int | None) -> int | None:
    text = as_text(value)
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise CellError(
            _("Expected a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
        )
    return int(text)


def channel(value: object) -> int:
    text = as_text(value)
    if text in ("", "1"):
        return 1
    if text in ("2", "3"):
        return int(text)
    raise CellError(_("Expected 1 (in person), 2 (online), 3 (postal) or empty."))


def paid(value: object) -> int:
    text = as_text(value).lower()
    if text in ("1", "2"):
        return int(text)
    if text in _FALSE:
        return 0
    if text in _TRUE:
        return 1
    raise CellError(_("Expected 1 (national portal), 2 (local gateway), 0 or empty."))


def required_code(value: object, limit: int, fail, name: str) -> str:
    """A required code cell (`code_cell`): its text, or "" after telling `fail(name, reason)`
    why it was refused or that it is empty."""
    try:
        text = code_cell(value, limit)
    except CellError as exc:
        fail(name, str(exc))
        return ""
    if not text:
        fail(name, _("Required: the column is empty in this row."))
    return text


def code_cell(value: object, limit: int) -> str:
    text = as_text(value)
    if len(text) > limit:
        raise CellError(_("Longer than %(n)s characters.") % {"n": limit})
    if any(unicodedata.category(c) == "Cc" for c in text):
        # a NUL byte is refused by PostgreSQL and hides the rest of a code in most tools
        raise CellError(_("Contains a control character (NUL, tab, line break, …)."))
    return text
