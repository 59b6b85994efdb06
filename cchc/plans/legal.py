"""Reading a cited document's number and date out of a citation line.

"Căn cứ Kế hoạch số 40/KH-UBND ngày 09 tháng 01 năm 2023 của Ủy ban nhân dân thị xã Tân Châu"
→ number "40/KH-UBND", issued on 2023-01-09.
"""

from __future__ import annotations

import datetime as dt
import re

NUMBER_RE = re.compile(
    r"(?:số\s*:?\s*)?(\d{1,5}(?:/\d{4})?/[A-ZĐa-zđ0-9]+(?:[-–][A-ZĐa-zđ0-9]+)*)", re.IGNORECASE
)
DATE_NUMERIC_RE = re.compile(r"ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.IGNORECASE)
DATE_WORDS_RE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)


def parse_date_words(text: str) -> dt.date | None:
    """The first 'ngày 15/7/2021' or 'ngày 15 tháng 7 năm 2021' in `text`."""
    for pattern in (DATE_NUMERIC_RE, DATE_WORDS_RE):
        m = pattern.search(text)
        if m:
            day, month, year = (int(g) for g in m.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    return None


def parse_citation(text: str) -> dict:
    """Number and date of a cited document; missing parts are None."""
    number_match = NUMBER_RE.search(text)
    return {
        "number": number_match.group(1).replace("–", "-") if number_match else None,
        "issued_on": parse_date_words(text),
        "text": " ".join(text.split()),
    }
