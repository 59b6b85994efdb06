"""Deadline cells as plans write them → a due date, periods and a recurrence.

Plans give a task's time as free text: "Tháng 03/2024", "Quý II, III/2024", "Trong năm",
"Thường xuyên", "Hàng tháng", "trước ngày 15/3/2026", "Theo quy định của cấp trên". The
rule kept here: `due` is the latest day the text implies (a quarter ends on its last day, a
year on 31 December), a text with no year takes the plan's year, and a text naming no date
has no due date. Pure functions, no Django models: the importer, the plan editor and the
recurrence engine all call `parse_deadline`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cchc import periods as cal
from cchc.org.matching import without_marks as fold
from cchc.periods import safe_date
from cchc.workdays.calendar import lunar_new_year

Period = cal.Span

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Forms that name no date: the task waits for something else to happen.
_NO_DATE_WORDS = (
    "theo quy dinh", "khi co", "sau khi", "theo ke hoach", "theo tien do", "theo yeu cau",
    "theo chi dao", "theo huong dan", "dot xuat", "<doc>", "khi duoc", "theo thong bao",
)  # fmt: skip


@dataclass(frozen=True)
class DeadlineSpec:
    """What a deadline cell means.

    `periods` lists every period the text names (a quarter, a month, a year, a range, or a
    single day given as (day, day)); `due` is the latest end among them. `recurrence` is
    "monthly", "quarterly" or "regular" (thường xuyên, định kỳ); `frequency` adds
    "half_yearly"/"yearly" as extra information. `needs_date` is true when the text names
    neither a date nor a recurrence ("Sau khi …", "Theo quy định của cấp trên").
    """

    text: str
    due: date | None
    recurrence: str | None
    periods: tuple[Period, ...] = ()
    frequency: str | None = None
    year_assumed: bool = False
    conditional: bool = False
    notes: tuple[str, ...] = field(default=())
    # "Trước ngày 20 hằng tháng": the day of each month a monthly task falls due.
    day_of_month: int | None = None

    @property
    def dated(self) -> bool:
        return self.due is not None

    @property
    def needs_date(self) -> bool:
        return self.due is None and self.frequency is None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def before_day(year: int, month: int, day: int) -> date | None:
    """The due date of "trước ngày N/M" (and "chậm nhất ngày N", "trước ngày N của tháng cuối
    kỳ"): day N itself, the last day the work is on time (decision 0054). Every reader of such
    a phrase — task deadlines, report schedules, monthly days — goes through here."""
    return safe_date(year, month, day)


# --- the parser -------------------------------------------------------------------------------

_DOC = re.compile(
    r"(ke hoach|quyet dinh|cong van|thong tu|nghi dinh|nghi quyet|chi thi|van ban|huong dan"
    r"|thong bao)\s+(so\s*:?\s*)?\d+[\w/.\-]*"
    r"(\s*,?\s*ngay\s+(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}))?"
)
_DATE_NUM = re.compile(
    r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?![\d/])"
)
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_YEAR_AFTER = r"(?:\s*(?:/|-|nam)\s*(\d{4}))?"
_QUARTERS = re.compile(
    r"quy\s+((?:iv|i{1,3}|[1-4])(?:\s*(?:,|va|-|;)\s*(?:quy\s+)?(?:iv|i{1,3}|[1-4])(?![a-z0-9]))*)"
    r"(?![a-z0-9])" + _YEAR_AFTER
)
_MONTHS = re.compile(
    r"thang\s+(\d{1,2}(?:\s*(?:,|va|-)\s*\d{1,2}(?!\d)(?!/\d{1,2}(?!\d)))*)"
    r"(?:\s*(?:/|-|nam)\s*(\d{4}))?"
)
_RANGE = re.compile(
    r"tu\s+(thang|quy)\s+(iv|i{1,3}|\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?\s*(?:den|-|toi)\s*"
    r"(?:(?:thang|quy)\s+)?(iv|i{1,3}|\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?"
)
# "6 tháng đầu năm", but not "định kỳ 6 tháng" / "hằng 6 tháng" (every six months)
_HALF = re.compile(
    r"(?<!dinh ky )(?<!hang )(?<!moi )6\s*thang(\s+(dau|cuoi)(\s+nam)?)?"
    r"(?:\s*(?:/|nam)?\s*(\d{4}))?"
)
# "01/2026" with no day before it, as in "Tháng 12/2025 - 01/2026" or "Tháng 6-7/2026"
_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{4})(?![\d/])")
_NINE = re.compile(r"9\s*thang(?:\s+(?:dau\s+)?nam)?(?:\s*(?:/|nam)?\s*(\d{4}))?")
_YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})(?!\d)")
_YEAR = re.compile(r"(?:(?<=nam )|(?<=nam)|(?<=/))\s*(\d{4})(?!\d)|(?<![\d/.])(\d{4})(?![\d/])")
_MONTHLY_DAY = re.compile(r"\bngay\s+(\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+thang\b")
# "Trước Tết Nguyên đán (năm 2026)": the lunar new year, not the new year of 1 January
_TET = re.compile(
    r"(?:\b(truoc|sau)\s+(?:(?:ky nghi|dip|ngay)\s+)?)?\btet\b(?!\s+duong)"
    r"(?:\s+(?:nguyen\s+dan|am\s+lich|co\s+truyen))?(?:\s*(?:/|-|nam)?\s*(\d{4})(?!\d))?"
)
_PLAIN_YEAR_WORDS = re.compile(r"\b(trong nam|ca nam|nam nay|hang nam|cuoi nam|dau nam)\b")


def parse_deadline(text: str | None, year: int | None = None) -> DeadlineSpec:
    """Parse a deadline cell; `year` is the plan's year, used when the text names none."""
    raw = " ".join((text or "").split())
    s = fold(raw)
    s = _DOC.sub(" <doc> ", s)
    s = re.sub(r"\s*/\s*", "/", s)
    periods: list[Period] = []
    points: list[date] = []
    state = {"assumed": False}

    def take_year(value: str | None) -> int | None:
        parsed = _year(value)
        if parsed is None:
            state["assumed"] = True
            return year
        return parsed

    s = _scan_tet(s, points, take_year)
    s = _scan_dates(s, points, take_year)
    s = _scan_ranges(s, periods, take_year)
    s = _scan_quarters(s, periods, take_year)
    s = _scan_halves(s, periods, take_year)
    s = _scan_months(s, periods, take_year)
    s = _scan_month_years(s, periods)
    s = _scan_years(s, periods, take_year, year, dated=bool(points))
    frequency = _frequency(fold(raw)) or _month_list_frequency(periods)
    recurrence = frequency if frequency in ("monthly", "quarterly", "regular") else None
    ends = [end for _, end in periods] + points
    all_periods = tuple(periods) + tuple((d, d) for d in points)
    due = max(ends) if ends else None
    conditional = any(word in fold(raw) for word in ("khi co", "neu co", "sau khi"))
    day = _MONTHLY_DAY.search(fold(raw)) if frequency == "monthly" else None
    return DeadlineSpec(
        text=raw,
        due=due,
        recurrence=recurrence,
        periods=tuple(sorted(set(all_periods))),
        frequency=frequency,
        year_assumed=state["assumed"] and due is not None,
        conditional=conditional,
        day_of_month=int(day.group(1)) if day and 1 <= int(day.group(1)) <= 31 else None,
    )


def _scan_tet(s: str, points: list[date], take_year) -> str:
    """ "Trước Tết Nguyên đán" is due on the lunar year's last day (the eve of the Tết that
    falls in the plan's year, or in the year written after it); any other mention of Tết
    ("sau Tết", "dịp Tết") names no day, and its year is not the whole year."""
    for match in list(_TET.finditer(s)):
        if match.group(1) == "truoc":
            y = take_year(match.group(2))
            first_day = lunar_new_year(y) if y else None
            if first_day:
                points.append(date.fromordinal(first_day.toordinal() - 1))
        s = _blank(s, match)
    return s


def _scan_dates(s: str, points: list[date], take_year) -> str:
    # a cell of bare days ("30/6 và 31/12", "Từ 01/3 - 30/4") is dates, though no "ngày" or
    # "trước" says so
    bare = _DATE_NUM.sub(" ", s)
    only_days = re.fullmatch(r"(?:[\s,;+&-]|va\b|tu\b|den\b)*", bare) is not None
    for pattern in (_DATE_WORDS, _DATE_NUM):
        for match in pattern.finditer(s):
            day, month, yr = match.group(1), match.group(2), match.group(3)
            if pattern is _DATE_NUM and not (only_days or _looks_like_day(s, match)):
                continue
            y = take_year(yr)
            found = before_day(y, int(month), int(day)) if y else None
            if found:
                points.append(found)
                s = s[: match.start()] + " " * (match.end() - match.start()) + s[match.end() :]
    return s


def _looks_like_day(s: str, match: re.Match[str]) -> bool:
    """'15/3/2026' or 'ngày 15/3' is a day; 'tháng 03/2024' and 'quý I/2024' are not."""
    before = s[max(0, match.start() - 8) : match.start()]
    if re.search(r"(thang|quy|nam)\s*$", before):
        return False
    return match.group(3) is not None or "ngay" in before or "truoc" in before


def _blank(s: str, match: re.Match[str]) -> str:
    return s[: match.start()] + " " * (match.end() - match.start()) + s[match.end() :]


def _scan_ranges(s: str, periods: list[Period], take_year) -> str:
    for match in list(_RANGE.finditer(s)):
        unit, first, y1, last, y2 = match.groups()
        end_year = take_year(y2)
        start_year = _year(y1) or end_year
        if not end_year or not start_year:
            continue
        start: date | None
        end: date | None
        if unit == "quy":
            start = cal.quarter(start_year, ROMAN.get(first, 1)).start
            end = cal.quarter(end_year, ROMAN.get(last, 4)).end
        else:
            start = date(start_year, int(first), 1) if 1 <= int(first) <= 12 else None
            end = cal.month_end(end_year, int(last)) if 1 <= int(last) <= 12 else None
        if start and end:
            periods.append((start, end))
            s = _blank(s, match)
    return s


def _scan_quarters(s: str, periods: list[Period], take_year) -> str:
    for match in list(_QUARTERS.finditer(s)):
        numbers = re.findall(r"iv|i{1,3}|[1-4]", re.sub(r"quy|va", " ", match.group(1)))
        year_text = match.group(2) or _following_year(s, match.end())
        y = take_year(year_text)
        if not y:
            continue
        for number in numbers:
            periods.append(cal.quarter(y, ROMAN[number]).span)
        s = _blank(s, match)
    return s


def _following_year(s: str, pos: int) -> str | None:
    """'Quý I, II, III và cả năm 2024': the year written after the list applies to it."""
    match = re.match(r"[\s,;]*(?:va\s+)?(?:ca\s+)?nam\s+(\d{4})", s[pos:])
    return match.group(1) if match else None


def _scan_halves(s: str, periods: list[Period], take_year) -> str:
    for match in list(_HALF.finditer(s)):
        y = take_year(match.group(4))
        if not y:
            continue
        second = match.group(2) == "cuoi"
        periods.append(cal.half(y, second).span)
        s = _blank(s, match)
    for match in list(_NINE.finditer(s)):
        y = take_year(match.group(1))
        if y:
            periods.append(cal.first_months(y, 9).span)
            s = _blank(s, match)
    return s


def _scan_months(s: str, periods: list[Period], take_year) -> str:
    for match in list(_MONTHS.finditer(s)):
        months = [int(m) for m in re.findall(r"\d{1,2}", match.group(1))]
        y = take_year(match.group(2))
        if not y or not all(1 <= m <= 12 for m in months):
            continue
        periods.extend(cal.month(y, m).span for m in months)
        s = _blank(s, match)
    return s


def _scan_month_years(s: str, periods: list[Period]) -> str:
    for match in list(_MONTH_YEAR.finditer(s)):
        month, y = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 1900 < y < 2200:
            periods.append(cal.month(y, month).span)
            s = _blank(s, match)
    return s


def _scan_years(
    s: str, periods: list[Period], take_year, plan_year: int | None, *, dated: bool = False
) -> str:
    """Years and year ranges; words meaning 'this year' ('Trong năm', 'Hằng năm') only when
    nothing more precise was found ('Trước ngày 15/12 hằng năm' is 15/12)."""
    for match in list(_YEAR_RANGE.finditer(s)):
        first, last = int(match.group(1)), int(match.group(2))
        if 1900 < first <= last < 2200:
            periods.append((date(first, 1, 1), date(last, 12, 31)))
            s = _blank(s, match)
    for match in list(_YEAR.finditer(s)):
        value = int(match.group(1) or match.group(2))
        if 1900 < value < 2200:
            periods.append(cal.whole_year(value).span)
            s = _blank(s, match)
    if not periods and not dated:
        words = _PLAIN_YEAR_WORDS.search(s)
        if words:  # "Hằng năm" in a yearly plan: this year's occurrence ends on 31/12
            y = take_year(None)
            if y:
                if words.group(1) == "cuoi nam":
                    periods.append(cal.quarter(y, 4).span)
                elif words.group(1) == "dau nam":
                    periods.append(cal.quarter(y, 1).span)
                else:
                    periods.append(cal.whole_year(y).span)
    return s


def _month_list_frequency(periods: list[Period]) -> str | None:
    """'Tháng 3, 6, 9, 12': the last month of every quarter is a quarterly task; all twelve
    months a monthly one. Shorter lists ('Tháng 6 và 12') are just their dates."""
    months = sorted({start.month for start, end in periods if start.day == 1 and
                     start.month == end.month and start.year == end.year})  # fmt: skip
    if len(periods) != len(months):
        return None
    if months == list(range(1, 13)):
        return "monthly"
    if len(months) >= 3 and all(m % 3 == 0 for m in months):
        return "quarterly"
    return None


def _frequency(s: str) -> str | None:
    if re.search(r"\b(hang|moi|dinh ky hang)\s+thang\b", s):
        return "monthly"
    # "Trước ngày 25 của tháng cuối quý": a day in every quarter
    every_quarter = r"\b(hang|moi|dinh ky hang)\s+quy(?!\s+dinh)\b|\bthang\s+cuoi\s+(moi\s+)?quy\b"
    if re.search(every_quarter, s):
        return "quarterly"
    if re.search(r"\b(hang|moi)\s+6\s+thang|6 thang mot lan|hang nua nam", s):
        return "half_yearly"
    if re.search(r"\b(hang|moi)\s+nam\b", s):
        return "yearly"
    # daily and weekly work ("Hằng ngày", "Hằng tuần") is done all the time: regular
    if re.search(
        r"\bthuong\s*xuyen\b|\bdinh ky\b|\blien tuc\b|\b(?:hang|moi)\s+(?:ngay|tuan)\b", s
    ):
        return "regular"
    return None


def names_no_date(text: str) -> bool:
    """True for forms that wait on something else ("Theo quy định của cấp trên", "Sau khi …")."""
    s = _DOC.sub(" <doc> ", fold(text))
    return any(word in s for word in _NO_DATE_WORDS)
