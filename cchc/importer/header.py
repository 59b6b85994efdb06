"""The plan's header: issuer, number, date, year, title, theme, unit, kind and signer.

Vietnamese administrative documents put these in fixed places (Decree 30/2020): the issuing
body and "Số: …/KH-UBND" top left, "<place>, ngày … tháng … năm …" top right, "KẾ HOẠCH" and
its subject centred, "Trên đây là Kế hoạch … của UBND …" before the signature, and the signer's
name at the foot of the signature block (`signature`). A plan attached to a decision has
"(Kèm theo Quyết định số … ngày …)" instead of its own number; then the decision's number and
date stand for the plan's, and a warning says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DOC_NUMBER, find_date, has_blank_day, iso
from .signature import read_signer
from .vietnamese import fold, is_acronym, lower_first, sentence_case, title_case

UNIT_TYPES = ("thị trấn", "thị xã", "thành phố", "phường", "xã", "huyện", "quận", "tỉnh", "đặc khu")
_UBND = r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)"
_TYPE = r"(thị trấn|thị xã|thành phố|tp\.?|phường|xã|huyện|quận|tỉnh|đặc khu)"
_APPROVAL = re.compile(
    r"kèm\s+theo\s+(Quyết định|Kế hoạch)\s+số\s*:?\s*([^\s]*?\s*/\s*[\wĐ/.-]+)", re.I
)
# "Số: 15/KH-UBND" opening a line, or after the issuing body on the same line ("UBND XÃ PHÚ HÒA
# Số: 12/KH-UBND" when a PDF puts the two columns of the letterhead on one baseline).
_OWN_NUMBER = re.compile(r"(?:^\s*Số\s*[:.]?|(?<=\s)Số\s*:)\s*([^\s/]*)\s*/\s*([A-ZĐ][\wĐ.-]*)")
# "<place>, ngày …" opening a line or following the number on the same line.
_PLACE_DATE = re.compile(r"(?:^|(?<=\s))[^\d,:;]{2,40},\s*ngày\b", re.I)
_MOTTO = re.compile(
    r"(cong hoa xa hoi chu nghia(?: viet nam)?|doc lap\s*-\s*tu do\s*-\s*hanh phuc)"
)


@dataclass
class Header:
    issuer: str | None = None
    number: str | None = None
    issued_on: str | None = None
    year: int | None = None
    title: str | None = None
    theme: str | None = None
    unit_name: str | None = None
    kind: str = "other"
    number_source: str | None = None
    approving_decision: dict | None = None
    signer: str | None = None
    warnings: list[str] = field(default_factory=list)

    def contract(self) -> dict:
        return {
            "issuer": self.issuer, "number": self.number, "issued_on": self.issued_on,
            "year": self.year, "title": self.title, "theme": self.theme,
            "unit_name": self.unit_name, "kind": self.kind, "number_source": self.number_source,
            "approving_decision": self.approving_decision, "signer": self.signer,
        }  # fmt: skip


def read_header(texts: list[str], preamble_end: int) -> Header:
    """Read the header from the document's paragraph texts (preamble = texts[:preamble_end])."""
    head = texts[: max(preamble_end, 1)][:40]
    header = Header()
    title_index = _title(head, header)
    _number_and_date(head, header)
    _issuer(head, texts, title_index, header)
    _year_and_kind(header)
    _theme(head, header)
    header.signer = read_signer(texts[preamble_end:])
    return header


def _title(head: list[str], header: Header) -> int:
    for i, text in enumerate(head):
        folded = fold(text).strip(" #*")
        if not re.match(r"ke hoach\b", folded) or not text.strip(" #*")[:8].isupper():
            continue
        rest = text.strip(" #*")[len("KẾ HOẠCH") :].strip(" :.-")
        subject = rest or _subject_lines(head[i + 1 :])
        # "(Kèm theo Quyết định số …)" on the subject's own line (a Word line break, not a new
        # paragraph) says what approved the plan, not what it is about
        subject = _THEME_LINE.sub("", _APPROVAL_NOTE.sub("", subject)).strip(" .,;")
        if subject.isupper():
            subject = sentence_case(subject)
        header.title = f"Kế hoạch {lower_first(subject)}".strip() if subject else "Kế hoạch"
        return i
    header.warnings.append("Không tìm thấy dòng tiêu đề “KẾ HOẠCH”; tên kế hoạch để trống.")
    return -1


_APPROVAL_NOTE = re.compile(r"\s*\((?:ban hành\s+)?kèm theo\b.*$", re.I | re.S)
# the year's theme typed under the subject ("Chủ đề năm 2026: “…”") and joined to it when the
# lines were unwrapped: `_theme` reads it, the title stops before it
_THEME_LINE = re.compile(r"\s+chủ đề\b[^:“\"]{0,80}:.*$", re.I | re.S)


def _subject_lines(lines: list[str]) -> str:
    """The subject under 'KẾ HOẠCH', which Word authors often break over centred lines:
    'Cải cách hành chính nhà nước' / 'năm 2026 trên địa bàn xã Hòa An' (a line beginning in
    lower case, or capitals after capitals, continues it)."""
    subject = ""
    for line in lines[:4]:
        text = line.strip(" #*")
        if not text or re.match(r"^\(|^(số|căn cứ|[IVX]+\.|\d+\.)\s", text, re.I):
            break
        # "Thực hiện Kế hoạch số …" opens the preamble; "Thực hiện công tác CCHC năm 2026"
        # is the subject itself
        if re.match(r"^thực hiện\s", text, re.I) and (DOC_NUMBER.search(text) or subject):
            break
        if subject and not (text[0].islower() or (subject.isupper() and text.isupper())):
            break
        subject = f"{subject} {text}".strip()
    return subject.strip(" .,;")


def _number_and_date(head: list[str], header: Header) -> None:
    own_blank = False
    for text in head:
        match = _OWN_NUMBER.search(text)
        if match and header.number is None and not own_blank:
            digits, suffix = match.group(1), match.group(2)
            if re.search(r"\d", digits):
                header.number = f"{digits}/{suffix}"
                header.number_source = "plan"
            else:
                own_blank = True
                header.warnings.append(f"Số kế hoạch để trống (“Số: /{suffix}”).")
        place_date = _PLACE_DATE.search(text)
        if place_date and header.issued_on is None:
            issued, _ = find_date(text[place_date.start() :])
            if issued:
                header.issued_on = iso(issued)
            elif has_blank_day(text):
                header.warnings.append(f"Ngày ban hành để trống (“{text.strip()}”).")
        approval = _APPROVAL.search(text)
        if approval and header.approving_decision is None:
            number = re.sub(r"\s+", "", approval.group(2)).strip(".,;")
            issued, _ = find_date(text[approval.end() : approval.end() + 60])
            header.approving_decision = {
                "kind": approval.group(1).capitalize(),
                "number": number if DOC_NUMBER.fullmatch(number) else None,
                "issued_on": iso(issued),
            }
    decision = header.approving_decision
    if decision and header.number is None and not own_blank and decision["number"]:
        header.number = decision["number"]
        header.number_source = "approving_decision"
        header.warnings.append(
            f"Kế hoạch không ghi số riêng; dùng số của văn bản ban hành kèm theo "
            f"({decision['kind']} {decision['number']})."
        )
    if decision and header.issued_on is None and decision["issued_on"]:
        header.issued_on = decision["issued_on"]


def _issuer(head: list[str], texts: list[str], title_index: int, header: Header) -> None:
    block = head[:title_index] if title_index >= 0 else head[:6]
    candidates: list[tuple[str, str]] = []
    letterhead = " ".join(_without_motto(t) for t in block)
    if any(re.search(r"chu nghia\s*$", fold(t)) for t in block):
        # the motto wrapped in a narrow column: its "VIỆT NAM" sits on the issuer's line
        letterhead = re.sub(r"\s*\bVIỆT NAM\b", "", letterhead, count=1)
    candidates += [(u, "letterhead") for u in _units(letterhead, upper=True)]
    for text in texts:
        if re.search(r"kèm theo", text, re.I):
            candidates += [(u, "attachment") for u in _units(text)]
    for text in texts:
        if re.match(r"^\s*Trên đây là", text):
            found = _units(text) or _units(re.sub(r"^.*?\bcủa\s+", "", text), plain=True)
            candidates += [(u, "closing") for u in found]
    for text in head:
        for match in re.finditer(rf"{_UBND}\s+{_TYPE}\s+(.{{1,40}}?)\s+ban hành", text, re.I):
            candidates += [(u, "preamble") for u in _units(match.group(0))]
    body = _body(letterhead)
    if body:
        parent = next((u for u, s in candidates if s == "letterhead"), None)
        header.issuer = header.unit_name = f"{body} {parent}" if parent else body
        return
    if candidates:
        unit = next((u for u, s in candidates if s == "letterhead"), candidates[0][0])
        header.unit_name = unit
        header.issuer = f"UBND {unit}"
        return
    guess = _units(header.title or "", plain=True)
    if guess:
        header.unit_name = guess[0]
        header.issuer = f"UBND {guess[0]}"
        header.warnings.append(
            f"Không thấy cơ quan ban hành ghi rõ; đoán là “UBND {guess[0]}” theo tên kế hoạch."
        )
    else:
        header.warnings.append("Không xác định được cơ quan ban hành kế hoạch.")


_BODY = re.compile(
    r"(?<![\wĐ])(SỞ|PHÒNG|VĂN PHÒNG|BAN|TRUNG TÂM|THANH TRA|CHI CỤC|BỘ)\s+"
    r"((?:[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ]*[,]?\s*(?:-\s*)?){1,10}?)(?=\s*(?:Số\b|$))"
)


def _body(letterhead: str) -> str | None:
    """The issuing body when it is a department under a People's Committee: the capitalised
    'SỞ NỘI VỤ' under 'UBND TỈNH QUẢNG NINH' → 'Sở Nội vụ' (each part of the name after 'và',
    ',' or '-' begins with a capital, as official names are written)."""
    text = re.sub(r"\b(ỦY|UỶ) BAN NHÂN DÂN\b", "UBND", letterhead)
    match = _BODY.search(re.sub(r"\bSố\s*[:.].*$", "", text))
    if not match:
        return None
    words = match.group(2).strip(" ,-").split()
    name = " ".join(w if is_acronym(w.strip(",")) else w.lower() for w in words)
    name = re.sub(r"(^|\bvà\s+|,\s*|-\s*)(\w)", lambda m: m.group(1) + m.group(2).upper(), name)
    return f"{match.group(1).capitalize()} {name}"


def _without_motto(text: str) -> str:
    match = _MOTTO.search(fold(text))
    if not match:
        return text
    return (text[: match.start()] + " " + text[match.end() :]).strip()


def _units(text: str, *, upper: bool = False, plain: bool = False) -> list[str]:
    """Units named after 'UBND'/'Ủy ban nhân dân' (or plainly, for a title) in the text; for a
    letterhead (`upper`), the last one, the issuing body under its parent body."""
    found: list[str] = []
    starts = [0] if plain else [m.end() for m in re.finditer(_UBND, text, re.I)]
    for start in starts:
        match = re.search(rf"\b{_TYPE}\s+(.{{1,40}})", text[start:], re.I)
        if match is None or (not plain and match.start() > 2):
            continue
        kind = match.group(1).lower().replace("tp.", "thành phố").replace("tp", "thành phố")
        name = _name(match.group(2))
        if not name:
            continue
        if name.isupper() or upper:
            name = title_case(name) if not name.isdigit() else name
        found.append(f"{kind} {name}")
    return found[-1:] if upper else found


def _name(text: str) -> str:
    """The proper name at the start of `text`: capitalised words or a number."""
    words: list[str] = []
    for word in text.split():
        clean = word.strip(",.;:()")
        if not clean or not (clean[0].isupper() or clean.isdigit()) or word.endswith(":"):
            break
        if fold(clean) in {"ve", "ban", "cong", "doc", "cua", "so", "ngay", "ke", "kt", "tm", "uy",
                           "ubnd", "hdnd"}:  # fmt: skip
            break
        words.append(clean)
        if word != clean or len(words) == 4:
            break
    return " ".join(words)


def _year_and_kind(header: Header) -> None:
    title = header.title or ""
    years = re.findall(r"năm\s+(\d{4})", title, re.I)
    if years:
        header.year = int(years[-1])
    elif header.issued_on:
        header.year = int(header.issued_on[:4])
        header.warnings.append("Tên kế hoạch không ghi năm; lấy năm theo ngày ban hành.")
    folded = fold(title)
    if re.search(r"chi so|par ?index|sipas|papi", folded) and re.search(
        r"nang cao|cai thien|duy tri|khac phuc", folded
    ):
        header.kind = "index_improvement"
    elif re.search(r"cai cach hanh chinh|cchc", folded) and header.year:
        header.kind = "annual"


def _theme(head: list[str], header: Header) -> None:
    for text in head:
        match = re.search(r"chủ đề[^:“\"]{0,80}:?\s*[“\"](.+?)[”\"]", text, re.I)
        if match:
            header.theme = match.group(1).strip(" .")
            return
        match = re.search(r"^chủ đề[^:]{0,80}:\s*(.+)$", text.strip(), re.I)
        if match:
            header.theme = match.group(1).strip(' .“”"')
            return
