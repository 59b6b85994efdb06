"""Quantified targets (chỉ tiêu) in a sentence → comparator, value, unit.

The words decide the comparator: "tối thiểu", "ít nhất", "từ … trở lên", "trên", "≥" → `>=`;
"không quá", "dưới", "tối đa", "≤" → `<=`; "trong nhóm N" → `top`; a bare number or "đạt N%" → `=`.
A sentence holding two targets ("tối thiểu 85% …, trong số đó … đạt từ 30% trở lên") gives two,
each with the clause it comes from. A "100% <units> có tỷ lệ … đạt N%" states one target, N.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .vietnamese import fold

_PERCENT = r"(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|phần\s+trăm\b)"  # "95%", "95 %", "95 phần trăm"
_POINTS = r"(\d{1,3}(?:[.,]\d{1,2})?)(?:\s*/\s*100)?\s*điểm\b"  # "85 điểm", "85/100 điểm"
_RANK = r"(?:trong\s+)?(?:nhóm|tốp|top)\s+(?:dẫn đầu\s+)?(\d{1,3})(?:\s*/\s*\d{1,3})?"
_PLACE = (
    r"(?:xếp\s+(?:hạng\s+)?thứ|(?:xếp\s+)?(?:thứ\s+hạng|hạng|vị\s+trí))\s+(?:thứ\s+)?(\d{1,3})\b"
)
_COUNT = (
    r"(?:tối thiểu|ít nhất|không quá|không dưới|tối đa|hoàn thành)\s+(?:là\s+)?"
    r"(\d{1,4})\s+(?!%|/|điểm\b)(?=[^\W\d_])"
)
QUANTITY = re.compile(
    "|".join(
        f"(?P<{name}>{pattern})"
        for name, pattern in (
            ("percent", _PERCENT),
            ("points", _POINTS),
            ("rank", _RANK),
            ("place", _PLACE),
            ("count", _COUNT),
        )
    ),
    re.IGNORECASE,
)
_FILLER = r"(?:\s+(?:la|dat|tuong ung|tu|bang|muc|ty le|dat ty le|binh quan))*"
_GE_BEFORE = re.compile(
    r"(toi thieu|it nhat|khong duoi|khong thap hon|(?<![a-z])tren|lon hon|vuot|≥|>=?|=>)"
    + _FILLER
    + r"\s*$"
)
_LE_BEFORE = re.compile(
    r"(khong qua|khong vuot qua|(?<![a-z])duoi|toi da|nho hon|thap hon|giam xuong con|≤|<=?|=<)"
    + _FILLER
    + r"\s*$"
)
_SCOPE_AFTER = re.compile(r"^[^%;.]{0,120}?\bco ty le\b")
_SEPARATORS = (
    re.compile(r";"),
    re.compile(r"\.\s+(?=[-–•+]?\s*\S)"),
    re.compile(r",?\s*\b(?:trong so do|trong do)\b,?", re.I),
    re.compile(r"\s+va\s+"),
    re.compile(r",\s+"),
)


@dataclass(frozen=True)
class Quantity:
    """One target found in a text: its clause and what it asks for."""

    text: str
    comparator: str
    value: int | float
    unit: str
    start: int


def _number(text: str) -> int | float:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def find_quantities(text: str) -> list[Quantity]:
    """Every target stated in `text` (one sentence or one table cell)."""
    folded = fold(text)
    found: list[tuple[re.Match[str], str, str]] = []
    for match in QUANTITY.finditer(text):
        kind = match.lastgroup or ""
        number = next(g for g in match.groups()[match.re.groupindex[kind] :] if g)
        found.append((match, kind, number))
    kept = [
        item
        for i, item in enumerate(found)
        if not (
            item[1] == "percent"
            and i + 1 < len(found)
            and _SCOPE_AFTER.match(folded[item[0].end() : found[i + 1][0].start()])
        )
    ]
    out: list[Quantity] = []
    bounds = _clause_bounds(text, folded, [m for m, _, _ in kept])
    for (match, kind, number), (start, end) in zip(kept, bounds, strict=True):
        previous_end = max([m.end() for m, _, _ in kept if m.end() <= match.start()] + [start])
        before = folded[max(previous_end, match.start() - 60) : match.start()]
        after = folded[match.end() : match.end() + 20]
        comparator, unit = _comparator(kind, before, after, folded[match.start() : match.end()])
        clause = _tidy_clause(text[start:end])
        out.append(Quantity(clause, comparator, _number(number), unit, match.start()))
    return out


def _comparator(kind: str, before: str, after: str, matched: str) -> tuple[str, str]:
    unit = {"percent": "%", "points": "points", "rank": "rank", "place": "rank"}.get(kind, "count")
    if kind in ("rank", "place"):
        return "top", unit
    if kind == "count":
        if re.match(r"(toi thieu|it nhat|khong duoi)", matched):
            return ">=", unit
        if re.match(r"(khong qua|toi da)", matched):
            return "<=", unit
        return "=", unit
    if re.match(r"^\s*(tro len|tro len)", after) or _GE_BEFORE.search(before):
        return ">=", unit
    if re.match(r"^\s*tro xuong", after) or _LE_BEFORE.search(before):
        return "<=", unit
    return "=", unit


def _clause_bounds(text: str, folded: str, matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Cut the text between consecutive targets at the strongest separator between them."""
    cuts = [0]
    for left, right in itertools.pairwise(matches):
        span = folded[left.end() : right.start()]
        cut = None
        for pattern in _SEPARATORS:
            hits = list(pattern.finditer(span))
            if hits:
                cut = left.end() + hits[-1].start(), left.end() + hits[-1].end()
                break
        cuts.append(cut if cut else (right.start(), right.start()))  # type: ignore[arg-type]
    bounds: list[tuple[int, int]] = []
    for i in range(len(matches)):
        start = cuts[i][1] if i else 0  # type: ignore[index]
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)  # type: ignore[index]
        bounds.append((start, end))
    return bounds


def _tidy_clause(text: str) -> str:
    text = re.sub(r"^[\s\-–•+,;.]+", "", text)
    text = re.sub(r"^[a-zđ]\)\s+", "", text)  # a lettered item: "a) Phấn đấu …"
    text = re.sub(r"^(trong số đó|trong đó)\s*,?\s*", "", text, flags=re.I)
    text = text.strip().rstrip(" ,;.:")
    text = _FOOTNOTE_MARK.sub("", text).rstrip(" ,;.:")
    return text[:1].upper() + text[1:] if text else text


# a footnote's mark ending a target: "đạt tối thiểu 97%¹" typed, "97%1" as the PDF prints the
# raised digit; a figure of the target stands apart from the word before it ("năm 2026"), and
# "m²", "km²", "m³" are units of measure, not marks
_FOOTNOTE_MARK = re.compile(r"(?<=[%)A-Za-zÀ-ỹĐđ])(?<!m(?=[²³23]$))(?:[¹²³⁴-⁹⁰]+|\d{1,2})$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (a full stop followed by a capital or a bullet ends one)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[-–•+]?\s*[A-ZĐÀ-Ỹ\d])", text)
    return [p.strip() for p in parts if p.strip()]
