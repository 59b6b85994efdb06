"""Reporting periods: the report schedule a plan sets (Quý I, 6 tháng, 9 tháng, năm).

Plans state it in two ways: a rule plus a list of cut-off windows ("… báo cáo hằng quý, 6
tháng, 9 tháng và năm … trước ngày 12 của tháng cuối kỳ báo cáo", then "- Báo cáo Quý I/2024:
… từ ngày 15/12/2023 đến ngày 29/02/2024"), or one sentence of deadlines ("quý I trước ngày
28/02/2023; báo cáo 6 tháng trước ngày 31/5/2023 …"). A due date "before day N of the last
month" is read as day N − 1 of the period's last month (the report must be in before day N;
the contract's own example reads "trước ngày 12 của tháng cuối kỳ" for Q1 2024 as 2024-03-11),
while an explicit date ("trước ngày 28/02/2023") is kept as written, as for task deadlines; a
warning says which reading was used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cchc.periods import REPORT_KINDS, report_last_month, report_name, safe_date

from .vietnamese import fold

# A report that covers a quarter's report when the plan asks for both (the 6-month report is
# the second quarter's, the annual report the fourth's).
_COVERED_BY = {"q2": "h1", "q3": "9m", "q4": "year"}
# "quy" followed by these is "quy định", "quy chế" …, not "quý"
_NOT_QUARTER = r"(?!\s+(?:dinh|che|trinh|mo|hoach|tac|chuan|pham|luat|hoa)\b)"
_MENTION = re.compile(
    r"(?P<q>quy\s+(?P<qn>iv|i{1,3}|[1-4])(?![a-z]))"
    r"|(?P<h>6\s*thang)|(?P<n>9\s*thang)"
    # "báo cáo năm", "báo cáo cải cách hành chính năm 2026" (a list of reports), "cả năm"
    r"|(?P<y>(?:bao cao(?:\s+(?:cai cach hanh chinh|cchc))?|ca|va|,)\s+nam"
    r"(?!\s+(?:truoc(?!\s+ngay)|tiep|hoc))(?=\W|$))"
    r"|(?P<qq>(?:hang|moi|dinh ky|bao cao)\s+quy" + _NOT_QUARTER + r"(?!\s+(?:iv|i{1,3}|[1-4])\b))"
)
_YEAR_AFTER = re.compile(r"^\s*(?:dau\s+nam\s*|nam\s*)?[/ ]?\s*(?:nam\s+)?(\d{4})")
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_WINDOW = re.compile(rf"tu\s+(?:ngay\s+)?{_DATE}\s*(?:den|-)\s*(?:het\s+)?(?:ngay\s+)?{_DATE}")
# the year may be left out: "báo cáo 6 tháng trước ngày 15/6"
_DUE = re.compile(
    r"(?:truoc|cham nhat|han)\s+(?:ngay\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})"
    r"(?:\s*[/.-]\s*(\d{4}))?(?![\d/])"
)
# "trước ngày 10/6 (báo cáo 6 tháng)": the period named after its deadline, in brackets
_DUE_THEN_PERIOD = re.compile(
    r"((?:truoc|cham nhat)\s+(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)\s*"
    r"\(\s*((?:bao cao\s+)?[^()]{2,25}?)\s*\)"
)
_DUE_RULE = re.compile(r"truoc ngay\s+(\d{1,2})\s+(?:cua\s+)?thang cuoi (?:ky|quy)")
# the cut-off window as a rule for every report: "số liệu tính từ ngày 15 tháng trước kỳ báo
# cáo (or: tháng 12 năm trước) đến ngày 14 của tháng cuối kỳ"
_WINDOW_RULE = re.compile(
    r"tu\s+ngay\s+(\d{1,2})\s+(?:cua\s+)?thang\s+(?:(?P<before>truoc\s+(?:ky|quy))|12\s+nam\s+truoc)"
    r"(?:\s+bao\s+cao)?\s*(?:den|-)\s*(?:het\s+)?ngay\s+(\d{1,2})\s+(?:cua\s+)?thang\s+cuoi\s+(?:ky|quy)"
)
_REPORT_WORDS = re.compile(r"bao cao|chot so lieu|gui bao cao")
# one report of the whole plan's results at the year's end, no period named: "báo cáo kết quả
# thực hiện Kế hoạch trước ngày 10/12/2026" is the annual report
_PLAN_RESULTS = re.compile(r"bao cao ket qua (?:thuc hien|trien khai) ke hoach")


@dataclass
class _Reading:
    """What the paragraphs said so far about one report (`kind` is a `periods.REPORT_KINDS`
    key): its window, due date, and where that was read."""

    kind: str
    year: int
    start: date | None = None
    end: date | None = None
    due: date | None = None
    due_rule: str | None = None
    line: int = 0

    def as_dict(self) -> dict:
        return {
            "name": report_name(self.kind, self.year),
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "due": self.due.isoformat() if self.due else None,
            "kind": self.kind,
            "due_rule": self.due_rule,
            "source_line": self.line,
        }


def reporting_periods(paragraphs: list[tuple[str, int]], year: int | None) -> tuple[list, list]:
    """Periods (as dicts) and warnings from the paragraphs (text, line) outside tables."""
    periods: dict[str, _Reading] = {}
    rule_day: int | None = None
    rule_text = None
    window_rule: re.Match[str] | None = None
    warnings: list[str] = []
    for text, line in paragraphs:
        folded = fold(text)
        if not _REPORT_WORDS.search(folded):
            continue
        rule = _DUE_RULE.search(folded)
        if rule:
            rule_day = int(rule.group(1))
            rule_text = text[rule.start() : rule.end()]
        window_rule = _WINDOW_RULE.search(folded) or window_rule
        folded = _DUE_THEN_PERIOD.sub(r"\2 \1", folded)
        for kind, segment, seg_year in _spread_dues(_segments(folded, year)) or _year_end(
            folded, year
        ):
            if seg_year is None:
                continue
            period = periods.setdefault(kind, _Reading(kind, seg_year, line=line))
            window = _WINDOW.search(segment)
            if window:
                d = [int(g) for g in window.groups()]
                period.start = safe_date(d[2], d[1], d[0])
                period.end = safe_date(d[5], d[4], d[3])
                period.line = line
            due = _DUE.search(segment)
            if due and not _DUE_RULE.match(segment[due.start() :]):
                period.due = _due_date(due, period)
                period.line = line
    _merge_quarters(periods)
    if window_rule is not None:
        _window_by_rule(periods.values(), window_rule)
    if rule_day is not None:
        for period in periods.values():
            if period.due is None:
                month = report_last_month(period.kind)
                period.due = safe_date(period.year, month, max(1, rule_day - 1))
                period.due_rule = rule_text
        warnings.append(
            f"Hạn nộp báo cáo “{rule_text}” được hiểu là chậm nhất ngày {max(1, rule_day - 1)} "
            "của tháng cuối kỳ."
        )
    ordered = sorted(periods.values(), key=lambda p: (p.year, report_last_month(p.kind), p.kind))
    if ordered and all(p.due is None and p.start is None for p in ordered):
        warnings.append(
            "Kế hoạch nêu các kỳ báo cáo nhưng không nêu hạn nộp và thời điểm chốt số liệu."
        )
    return [p.as_dict() for p in ordered], warnings


def _year_end(folded: str, year: int | None) -> list[tuple[str, str, int | None]]:
    """The annual report, when a paragraph naming no period asks for the plan's results by a
    day of December of the plan's year."""
    results = _PLAN_RESULTS.search(folded)
    if results is None:
        return []
    due = _DUE.search(folded, results.end())
    if due is None or int(due.group(2)) != 12 or int(due.group(3) or year or 0) != year:
        return []
    return [("year", folded[results.start() :], year)]


def _window_by_rule(periods, rule: re.Match[str]) -> None:
    """'từ ngày 15 tháng trước kỳ báo cáo đến ngày 14 của tháng cuối kỳ': each report without
    a window of its own starts on that day of the month before its period (December of the year
    before for the 6-month, 9-month and annual reports, which count from January) and ends on
    the other day of its period's last month."""
    first, last = int(rule.group(1)), int(rule.group(3))
    for period in periods:
        if period.start is not None:
            continue
        opens = REPORT_KINDS[period.kind][1](period.year).start if rule.group("before") else None
        year, month = (opens.year, opens.month) if opens else (period.year, 1)
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        period.start = safe_date(year, month, first)
        period.end = safe_date(period.year, report_last_month(period.kind), last)


def _due_date(match: re.Match[str], period: _Reading) -> date | None:
    """A report deadline; without a year it is the period's year, or the next one when the
    month comes well before the period ends (an annual report due 'trước ngày 10/01')."""
    day, month = int(match.group(1)), int(match.group(2))
    if match.group(3):
        return safe_date(int(match.group(3)), month, day)
    late = month < report_last_month(period.kind) - 3
    return safe_date(period.year + (1 if late else 0), month, day)


def _segments(folded: str, year: int | None) -> list[tuple[str, str, int | None]]:
    """Split a paragraph at each period it names; each piece carries its own dates."""
    mentions = list(_MENTION.finditer(folded))
    out: list[tuple[str, str, int | None]] = []
    for i, match in enumerate(mentions):
        end = mentions[i + 1].start() if i + 1 < len(mentions) else len(folded)
        segment = folded[match.start() : end]
        year_match = _YEAR_AFTER.match(folded[match.end() : match.end() + 16])
        seg_year = int(year_match.group(1)) if year_match else year
        if match.group("qq"):
            out += [("q1", segment, seg_year)] + [(k, "", seg_year) for k in ("q2", "q3", "q4")]
            continue
        if match.group("q"):
            number = match.group("qn")
            kind = {"i": "q1", "1": "q1", "ii": "h1", "2": "h1", "iii": "q3", "3": "q3"}.get(number)
            if kind is None:
                kind = "year"
        elif match.group("h"):
            kind = "h1"
        elif match.group("n"):
            kind = "9m"
        else:
            kind = "year"
        out.append((kind, segment, seg_year))
    if "9m" in {k for k, _, _ in out}:  # "quý III" and "9 tháng" name the same report
        out = [(("9m" if k == "q3" else k), s, y) for k, s, y in out]
    return out


# "trước ngày 12/6/2026 và ngày 12/12/2026": one deadline per report named before it
_DUE_LIST = re.compile(
    r"(?:truoc|cham nhat|han)\s+(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    r"(?:\s*(?:,|va|;)\s*(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)+"
)
_ANY_DUE = re.compile(r"(?:truoc|cham nhat|han)\s+(?:ngay\s+)?\d")
_DAY_MONTH = re.compile(r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?")


def _spread_dues(segments: list[tuple[str, str, int | None]]) -> list[tuple[str, str, int | None]]:
    """'báo cáo 6 tháng, báo cáo năm gửi trước ngày 12/6/2026 và ngày 12/12/2026': reports
    named one after another without a deadline, then as many deadlines as reports, take them
    in order (the 6-month report the first, the annual one the second)."""
    out = list(segments)
    for i, (_, segment, _) in enumerate(segments):
        listed = _DUE_LIST.search(segment)
        if not listed:
            continue
        dates = _DAY_MONTH.findall(listed.group(0))
        first = i
        while first > 0 and segments[first - 1][1] and not _ANY_DUE.search(segments[first - 1][1]):
            first -= 1
        if i - first + 1 != len(dates):
            continue
        for k, j in enumerate(range(first, i + 1)):
            head = out[j][1][: listed.start()] if j == i else out[j][1]
            out[j] = (out[j][0], f"{head} truoc ngay {dates[k]}", out[j][2])
    return out


def _merge_quarters(periods: dict[str, _Reading]) -> None:
    """Drop a quarter's report (from 'hằng quý') that a 6-month, 9-month or annual report the
    plan also names stands for."""
    for quarter, covering in _COVERED_BY.items():
        if quarter in periods and covering in periods:
            del periods[quarter]
