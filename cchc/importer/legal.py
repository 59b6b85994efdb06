"""Legal bases: the documents a plan's preamble says it implements ("Căn cứ …", "Thực hiện …").

A preamble paragraph often cites several documents in one sentence, separated by ';' or
'và'; each becomes its own entry with its number and date. A trailing clause that cites
nothing ("UBND thị xã ban hành kế hoạch …, cụ thể như sau:") is dropped, also when it only
follows the last citation after a comma or a full stop ("… năm 2026, UBND xã X xây dựng Kế
hoạch như sau:").
"""

from __future__ import annotations

import re

from .dates import DOC_NUMBER, find_date, iso
from .repair import tidy_spaces
from .vietnamese import capitalize_first, fold

DOC_TYPES = (
    "Nghị quyết|Quyết định|Kế hoạch|Thông tư liên tịch|Thông tư|Nghị định|Chỉ thị|Công văn"
    "|Hướng dẫn|Bộ luật|Luật|Pháp lệnh|Chương trình hành động|Chương trình|Văn bản|Thông báo"
    "|Đề án|Kết luận|Quy định|Điều lệ"
)
_DOC_START = re.compile(rf"^(?:vào\s+)?(?:các\s+)?({DOC_TYPES})\b", re.I)
_SPLIT = re.compile(rf"\s*;\s*|\s+và\s+(?=(?:{DOC_TYPES})\b)|,\s+(?=(?:{DOC_TYPES})\s+số\b)")
# the enacting clause closing the preamble, after the last citation's comma or full stop
_ENACTING = re.compile(
    r"[,.]\s+[^,;.]{0,80}?\b(?:ban hành|xây dựng)\b[^;]*?"
    r"\b(?:như sau|sau đây|các nội dung sau)\s*:?\s*$",
    re.I,
)
_LEAD = re.compile(r"^\s*[-–+•]?\s*(căn cứ|thực hiện|theo)\s+", re.I)


def is_basis_paragraph(text: str) -> bool:
    return bool(re.match(r"^\s*[-–+•]?\s*(can cu|thuc hien)\s", fold(text)))


def basis_paragraphs(texts: list[str]) -> list[str]:
    """The preamble's paragraphs that cite documents: those opening with 'Căn cứ'/'Thực hiện',
    and the bullets listed under a lead-in ending with a colon ('Căn cứ các văn bản sau:' /
    '- Nghị quyết số 76/NQ-CP …')."""
    out: list[str] = []
    listing = False
    for text in texts:
        if is_basis_paragraph(text):
            listing = text.rstrip().endswith(":")
            if not (listing and not DOC_NUMBER.search(text)):  # not the bare lead-in
                out.append(text)
        elif listing and re.match(rf"^\s*[-–+•]\s*({DOC_TYPES})\b", text, re.I):
            out.append(text)
        else:
            listing = False
    return out


def legal_bases(paragraphs: list[str]) -> list[dict]:
    """Entries {number, issued_on, text} for every document cited by these paragraphs."""
    out: list[dict] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        body = _LEAD.sub("", paragraph.strip(), count=1)
        for segment in _SPLIT.split(body):
            entry = _entry(segment)
            if entry is None:
                continue
            key = entry["number"] or entry["text"]
            if key in seen:
                continue
            seen.add(key)
            out.append(entry)
    return out


def _entry(segment: str) -> dict | None:
    segment = _LEAD.sub("", re.sub(r"^\s*[-–+•]\s*", "", segment), count=1)
    segment = _ENACTING.sub("", segment).strip(" ;.:,")
    if not _DOC_START.match(segment):
        return None
    numbers = DOC_NUMBER.findall(segment[:120])
    issued, _ = find_date(segment)
    text = capitalize_first(tidy_spaces(re.sub(r"^(vào)\s+", "", segment)))
    return {"number": numbers[0] if numbers else None, "issued_on": iso(issued), "text": text}
