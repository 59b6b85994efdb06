"""Dates and document numbers as Vietnamese administrative texts write them."""

from __future__ import annotations

import re
from datetime import date

from cchc.periods import safe_date

_NUMERIC = re.compile(r"ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", re.I)
_WORDS = re.compile(r"ngày\s*(\d{1,2})\s+tháng\s*(\d{1,2})\s+năm\s*(\d{4})", re.I)
_BLANK_DAY = re.compile(
    r"ngày\s*(?:\.{2,}|…+|_+)?\s*(?:tháng|/)\s*(\d{1,2})?\s*(?:năm|/)\s*(\d{4})", re.I
)

# 76/NQ-CP, 26/QĐ-UBND, 35/2022/QĐ-UBND, 20-CT/TU, 09-CTTr/ĐU, 3838/KH-UBND, and laws and
# National Assembly resolutions that end with the legislature's number: 72/2025/QH15
DOC_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5}(?:/\d{4})?/[A-ZĐ][A-ZĐa-z]*(?:-[A-ZĐ][A-ZĐa-z&]*)*(?<=QH)\d{2}"
    r"|\d{1,5}(?:/\d{4})?/[A-ZĐ][A-ZĐa-z]*(?:-[A-ZĐ][A-ZĐa-z&]*)*"
    r"|\d{1,5}-[A-ZĐ][A-ZĐa-z]*/[A-ZĐ][A-ZĐa-z]*)(?![\w/])"
)


def find_date(text: str) -> tuple[date | None, re.Match[str] | None]:
    """The first 'ngày 08/03/2024' or 'ngày 19 tháng 01 năm 2023' in the text."""
    best: tuple[date | None, re.Match[str] | None] = (None, None)
    for pattern in (_NUMERIC, _WORDS):
        match = pattern.search(text)
        if match and (best[1] is None or match.start() < best[1].start()):
            day, month, year = (int(g) for g in match.groups())
            best = (safe_date(year, month, day), match)
    return best


def has_blank_day(text: str) -> bool:
    """'ngày tháng 02 năm 2024', 'ngày /02/2024': a date line whose day was left blank."""
    return bool(_BLANK_DAY.search(text)) and find_date(text)[0] is None


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
