"""The appointment of a dossier exported without one, from the catalogue's legal time.

Contract version 2: an empty `NgayHenTra` is allowed when the catalogue gives the procedure's
legal time (`ThoiGianGiaiQuyet`, in the unit `DonViTinh`); a dossier with neither is an
invalid row. The rule (decision 0090):

- the legal time is a number, `,` or `.` as the decimal mark ("15", "3,5", "0.5"), above 0;
  anything else ("Theo quy định", empty) gives no legal time;
- in working days ("Ngày làm việc", or no unit written: the national database counts
  procedures in working days): the due moment is the end (23:59:59) of the n-th working day
  after the day of reception, on the working-day calendar of the receiving unit
  (`cchc.workdays`), a fraction of a day counting as a whole day (0,5 → 1);
- in days ("Ngày"): the end of the n-th calendar day after the day of reception, a fraction
  counting as a whole day;
- in hours ("Giờ"): the reception moment plus n hours, on the clock;
- any other unit (months, "Theo quy định") gives no legal time.
"""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

from cchc.org.matching import fold
from cchc.workdays.calendar import add_working_days

from .cells import DAY_END, LOCAL


def legal_span(legal_time: str, time_unit: str) -> tuple[str, float] | None:
    """("workdays" | "days" | "hours", amount) of a catalogue entry, or None without one."""
    try:
        amount = float(legal_time.strip().replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(amount) or amount <= 0:
        return None
    unit = fold(time_unit)
    if unit in ("", "ngay lam viec", "ngay lv", "nlv"):
        return "workdays", amount
    if unit == "ngay":
        return "days", amount
    if unit in ("gio", "gio lam viec"):
        return "hours", amount
    return None


class DueMoments:
    """Computes appointments for one import, remembering each (procedure, day, unit) answer."""

    def __init__(self, spans: dict[str, tuple[str, float] | None]) -> None:
        self.spans = spans  # procedure code -> legal_span(...)
        self.known: dict[tuple[str, dt.date, str], dt.datetime] = {}

    def due(self, procedure: str, received: dt.datetime, unit_path: str) -> dt.datetime | None:
        span = self.spans.get(procedure)
        if span is None:
            return None
        kind, amount = span
        if kind == "hours":
            return received + dt.timedelta(hours=amount)
        day = received.astimezone(LOCAL).date()
        key = (procedure, day, unit_path)
        moment = self.known.get(key)
        if moment is None:
            days = math.ceil(amount)
            if kind == "workdays":
                end = add_working_days(day, days, SimpleNamespace(path=unit_path))
            else:
                end = day + dt.timedelta(days=days)
            moment = self.known[key] = dt.datetime.combine(end, DAY_END, LOCAL)
        return moment
