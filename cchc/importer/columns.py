"""Table vocabulary: which column a header names, what starts a cell, how a cell lists items.

Columns are recognised by their header text, never by their position: plans put "Sản phẩm"
before or after "Chủ trì", merge "Phân công nhiệm vụ" over two sub-columns, and call the same
column "Thời gian hoàn thành", "Thời hạn" or "Tiến độ".
"""

from __future__ import annotations

import itertools
import re

from .repair import tidy_spaces
from .vietnamese import fold

# Checked in this order: the first role whose pattern matches a header label wins.
ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    # "ST T", "S TT": the label wrapped in a narrow printed column
    ("ref", r"^(stt|tt|so tt|so thu tu|thu tu)$|^(stt|tt)\b|^(s ?t ?t|t t)$"),
    # the planned figure of a targets table: "Kế hoạch năm 2025", "Chỉ tiêu năm 2026", "2025"
    (
        "value",
        r"^((ke hoach|chi tieu|muc tieu|gia tri|ket qua phan dau)\s*)?(nam\s*)?\d{4}$"
        r"|^(ke hoach|chi tieu|muc tieu) (nam|giao|phan dau|dat)|^gia tri|^ket qua phan dau"
        r"|^muc phan dau",
    ),
    ("unit", r"don vi tinh|^dvt\b"),  # "Đơn vị tính" of a targets table: %, điểm, sáng kiến
    ("lead", r"chu tri|chiu trach nhiem|don vi thuc hien|nguoi thuc hien|phu trach"),
    ("coordinators", r"phoi hop"),
    ("budget", r"kinh phi|du toan|nguon von"),
    (
        "deadline",
        r"thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian|lo trinh|thoi diem"
        r"|^hoan thanh$|^han$",
    ),
    ("products", r"san pham|ket qua|hinh thuc van ban|hinh thuc|dau ra"),
    ("requirement", r"yeu cau|chi tieu"),
    ("notes", r"ghi chu"),
    ("title", r"nhiem vu|noi dung|tieu chi|linh vuc|cong viec|hoat dong|giai phap|ten"),
    # last: "Cơ quan thực hiện", "Trách nhiệm", once time, budget and task columns are taken
    ("lead", r"thuc hien|trach nhiem|^co quan\b|^don vi\b|^bo phan\b"),
)

ROLE_LABELS = {
    "ref": "STT", "title": "Nhiệm vụ", "group": "Nội dung", "lead": "Chủ trì",
    "coordinators": "Phối hợp", "products": "Sản phẩm", "deadline": "Thời gian",
    "budget": "Kinh phí", "requirement": "Yêu cầu", "notes": "Ghi chú", "value": "Kế hoạch",
    "unit": "Đơn vị tính", "start": "Bắt đầu",
}  # fmt: skip


def column_role(label: str) -> str | None:
    """The role of a column from its header text ('Cơ quan chủ trì thực hiện' → 'lead')."""
    text = fold(" ".join(label.split())).strip(" .:*")
    if not text or re.match(r"phan cong( thuc hien| nhiem vu)?$", text):
        return None
    for role, pattern in ROLE_PATTERNS:
        if re.search(pattern, text):
            if role == "lead" and _YEAR_COLUMN.search(text) and not re.search(_NAMED_LEAD, text):
                return "value"  # "Năm 2025 (thực hiện)": a figure column, not who does it
            return role
    return "value" if _YEAR_COLUMN.search(text) else None


# a column headed by a year ("Năm 2026", "2026 (kế hoạch)", "Ước thực hiện năm 2025")
_YEAR_COLUMN = re.compile(r"(^|\s|\()(nam\s+)?20\d{2}\b")
_NAMED_LEAD = r"chu tri|co quan|don vi|bo phan|trach nhiem|nguoi"


# the number a body row begins with: "3", "12.", "2.1"; a header writes "STT", "TT"
_ROW_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?")


def header_roles(labels: list[str]) -> list[str | None]:
    """Roles for a header row; when two columns would both be the title, the one naming
    'nhiệm vụ' is the title and the other ('Nội dung CCHC', 'Lĩnh vực') groups the rows."""
    roles = [column_role(label) for label in labels]
    titles = [i for i, role in enumerate(roles) if role == "title"]
    if len(titles) > 1:
        main = next((i for i in titles if "nhiem vu" in fold(labels[i])), titles[-1])
        for i in titles:
            if i != main:
                roles[i] = "group" if i < main else None
    _prefer_end_time(labels, roles)
    _prefer_planned_value(labels, roles)
    if "value" in roles and "title" not in roles and "requirement" in roles:
        roles[roles.index("requirement")] = "title"  # "Chỉ tiêu | Kế hoạch năm 2025": the name
    seen: set[str] = set()
    for i, role in enumerate(roles):
        if role in seen and role not in ("notes",):
            roles[i] = None
        elif role:
            seen.add(role)
    return roles


def _prefer_end_time(labels: list[str], roles: list[str | None]) -> None:
    """'Thời gian thực hiện' over 'Bắt đầu | Hoàn thành': the end is the deadline; the start
    is kept apart ('start'), for a time written once across both ('Thường xuyên')."""
    times = [i for i, role in enumerate(roles) if role == "deadline"]
    if len(times) > 1:
        starts = [i for i in times if re.search(r"bat dau|khoi cong|^tu\b", fold(labels[i]))]
        for i in starts[: len(times) - 1]:
            roles[i] = "start"


def _prefer_planned_value(labels: list[str], roles: list[str | None]) -> None:
    """'Năm 2025 (thực hiện) | Năm 2026 (kế hoạch)': the planned figure is the target; the
    other value columns (last year's results) are left out."""
    values = [i for i, role in enumerate(roles) if role == "value"]
    if len(values) < 2:
        return
    planned = [
        i for i in values if re.search(r"ke hoach|chi tieu|muc tieu|phan dau|giao", fold(labels[i]))
    ] or [max(values, key=lambda i: max(re.findall(r"20\d{2}", labels[i]) or ["0"]))]
    for i in values:
        if i != planned[-1]:
            roles[i] = None


def is_header(labels: list[str]) -> bool:
    if labels and _ROW_NUMBER.fullmatch(labels[0].strip()) and sum(map(bool, labels)) >= 3:
        return False  # a task's row ("3 | Cập nhật, niêm yết … | Bộ phận Một cửa | …")
    roles = {r for r in header_roles(labels) if r}
    return (len(roles) >= 3 and bool(roles & {"title", "ref"})) or roles >= {"lead", "title"}


# --- what begins a cell ---------------------------------------------------------------------

UNIT_START = re.compile(
    r"^(công chức|các công chức|các cơ quan|các phòng|các|cbcc|cán bộ|cơ quan|bưu điện"
    r"|tổ\b(?! quốc)"  # "Tổ công nghệ số", not "(Mặt trận) Tổ quốc"
    r"|công an|người dân|ubnd|ủy ban|uỷ ban|phòng\b|ban\b|trung tâm|đài\b|mttq|mặt trận|hội\b"
    r"|đoàn\b|văn phòng|bộ phận|lãnh đạo|chủ tịch|phó chủ tịch|thường trực|đảng ủy|hđnd|sở\b)",
    re.I,
)
PRODUCT_START = re.compile(
    r"^(kế hoạch|báo cáo|quyết định|văn bản|công văn|giấy mời|sáng kiến|phần mềm|niêm yết"
    r"|quy chế|đề án|trả lời|số lượng|kết quả|các mẫu|mẫu|tờ trình|thông báo|biên bản"
    r"|danh mục|chương trình|hướng dẫn|tin bài|biểu mẫu|hồ sơ|tài liệu|bộ tiêu chí|đề xuất"
    r"|nghị quyết|chỉ thị|bản tin|phóng sự|video|ấn phẩm)\b",
    re.I,
)
DEADLINE_START = re.compile(
    r"^(thang|quy|nam|trong|thuong|hang|dinh ky|theo|truoc|cham nhat|tu|den|sau khi|khi"
    r"|6 thang|9 thang|ca nam|cuoi|dau|giai doan|ngay|lien tuc| ?\d{1,2}/\d{4})\b"
)
INCOMPLETE_UNITS = {
    *("công chức", "các", "công", "các công", "cơ quan", "các cơ", "cán bộ", "tổ", "bộ phận"),
    *("ban", "phòng", "văn phòng", "công chức văn", "bưu điện", "ủy ban", "uỷ ban", "trung tâm"),
}
# The offices named by two words joined by a dash (Decree 33/2023's commune posts, the
# district's and the new commune's offices): a bulleted PDF cell wrapped before the dash
# ("- Phòng Văn hóa" / "- Xã hội") is one office, not two bullets. Folded.
DASHED_OFFICES = {
    *(("van hoa", "xa hoi"), ("van phong", "thong ke"), ("tu phap", "ho tich")),
    *(("tai chinh", "ke toan"), ("tai chinh", "ke hoach"), ("dia chinh", "xay dung")),
    *(("dia chinh", "nong nghiep"), ("kinh te", "ha tang"), ("lao dong", "thuong binh")),
}
CONNECTORS = {"và", "của", "thuộc", "các", "với", "tại", "cho", "theo", "về", "trên", "hoặc"}
LIST_BREAK_WORDS = {"và", "hoặc", "hay", "của", "về", "theo", "các", "những", "với", "tại", "do"}


def starts_deadline(text: str) -> bool:
    """A cell text that begins like a time ('Tháng 03/2024', 'Quý I', 'Thường xuyên')."""
    stripped = text.strip(" -–•+")
    return bool(stripped) and stripped[0].isupper() and bool(DEADLINE_START.match(fold(stripped)))


def is_unit_text(text: str) -> bool:
    return bool(UNIT_START.match(text.strip(" -–•+"))) and not PRODUCT_START.match(text.strip())


def is_product_text(text: str) -> bool:
    return bool(PRODUCT_START.match(text.strip(" -–•+")))


# --- splitting a cell into items --------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-–+•*▪●]\s*")
# items typed on one line: "Sở Tư pháp; Sở Tài chính", "Văn phòng Sở + UBND các xã, phường"
_ITEM_BREAK = re.compile(r"\s*;\s*|\s+\+\s+")


def split_items(text: str, *, kind: str = "units", wrapped: bool = False) -> list[str]:
    """Items of a lead / coordinators / products cell.

    Split on line breaks, ';', ' + ' and bullets, but a wrapped name stays whole: a line starting in
    lower case or with a joining dash continues the item above unless the cell is a bulleted
    list. Product cells whose line breaks were lost ("Kế hoạch của UBND Báo cáo kết quả") are
    cut before a capitalised document word.
    """
    if not text or not text.strip():
        return []
    lines = [ln.strip() for ln in text.replace("\r", "").split("\n") if ln.strip()]
    if wrapped and kind == "products" and lines[0].startswith(("- ", "+ ", "• ")):
        # a printed list of products: its "- " fall anywhere in the lines ('CCHC -' / 'Quyết')
        from .repair import unwrap

        lines, wrapped = [unwrap("\n".join(lines))], False
    if len(lines) == 1 and lines[0].startswith(("- ", "+ ", "• ")):
        lines = _split_inline_bullets(lines[0], kind)
    items = _merge_lines(lines, wrapped, kind)
    out: list[str] = []
    for item in items:
        for part in _ITEM_BREAK.split(item):
            part = _BULLET.sub("", part).strip(" ,.;+")
            if kind == "products":
                out.extend(_split_products(part))
            elif part:
                out.extend(_split_unit_list(part))
    return [tidy_spaces(item) for item in out if item]


_BODY_WORD = re.compile(
    r"^(Phòng|Sở|Công chức|Ban|Trung tâm|Bộ phận|Văn phòng|Đoàn|Hội|Mặt trận|MTTQ|Công an"
    r"|Chi cục|Thanh tra|Đài|Ủy ban|UBND|Kho bạc|Chi nhánh|Bảo hiểm|Cục|Đội)\s+\S"
)


def _split_unit_list(text: str) -> list[str]:
    """'Phòng Nội vụ, Phòng Tư pháp': a comma list of named bodies is several units; 'Các
    phòng, ban, đơn vị' or 'Văn phòng HĐND, UBND xã' (one office) stay whole."""
    parts = [p.strip() for p in re.split(r",\s+", text)]
    if len(parts) < 2 or not all(_BODY_WORD.match(p) for p in parts):
        return [text]
    for before, after in itertools.pairwise(parts):
        if after.startswith(("UBND", "Ủy ban")) and re.search(r"HĐND$", before):
            return [text]
    return parts


def _split_inline_bullets(text: str, kind: str) -> list[str]:
    parts = re.split(r"\s+[-–•+]\s+", _BULLET.sub("", text))
    merged: list[str] = []
    for part in parts:
        starter = PRODUCT_START if kind == "products" else UNIT_START
        if kind == "products":
            opens = part[:1].isupper()  # a bulleted product list: every "- " opens a product
        else:
            opens = bool(starter.match(part) or starts_deadline(part))
        if merged and not opens:
            merged[-1] = f"{merged[-1]} - {part}"
        else:
            merged.append(part)
    return merged


def _merge_lines(lines: list[str], wrapped: bool, kind: str = "units") -> list[str]:
    bulleted = bool(lines) and bool(_BULLET.match(lines[0]))
    items: list[str] = []
    for line in lines:
        if (
            kind == "products"
            and items
            and _BULLET.match(line)
            and _BULLET.sub("", line)[:1].isupper()
        ):
            items.append(line)  # a "- " line of a product cell is a product of its own
            continue
        continues = bool(items) and (
            (wrapped and not _BULLET.match(line) and not _opens_unit(items[-1], line, kind))
            or line[0].islower()
            or (not bulleted and line[0] in "-–" and not line.startswith("- "))
            or (not bulleted and line.startswith("– "))
            # a PDF cell wrapped before the dash of "Văn hóa - Xã hội": no unit after it
            or (wrapped and not bulleted and line.startswith("- ") and not _names_unit(line))
            or items[-1].endswith(("-", ",", "–", "&"))
            or items[-1].lower() in INCOMPLETE_UNITS
            or _office_of(items[-1], line)
            or _second_half(items[-1], line)
        )
        if continues:
            from .repair import join_fragments

            items[-1] = join_fragments(items[-1], line)
        else:
            items.append(line)
    return items


def _office_of(previous: str, line: str) -> bool:
    """'Chủ tịch' / 'UBND xã': a post wrapped before the body it belongs to; so is an office
    of the council or the committee named without it ('Ban Pháp chế' / 'HĐND thị xã',
    'Công chức VP' / 'UBND', '…; Văn phòng' / 'HĐND và UBND')."""
    if not re.match(r"(?:UBND|HĐND|Ủy ban|Uỷ ban)\b", line):
        return False
    tail = re.split(r"[;,]\s*", previous)[-1].strip()
    if re.search(r"\b(?:UBND|HĐND|Ủy ban|Uỷ ban)\b", tail):
        return False
    folded = fold(tail)
    return (
        folded in ("chu tich", "pho chu tich")
        or folded.endswith(("van phong", " vp"))
        or folded.startswith(("ban ", "thuong truc"))
    )


def _second_half(previous: str, line: str) -> bool:
    """'- Xã hội' after '… Văn hóa': the rest of a dashed office name, whatever the bullets."""
    before, after = fold(previous), fold(_BULLET.sub("", line))
    return any(
        before.endswith(first) and re.match(rf"{second}\b", after)
        for first, second in DASHED_OFFICES
    )


def _names_unit(line: str) -> bool:
    return bool(UNIT_START.match(_BULLET.sub("", line)))


def _opens_unit(previous: str, line: str, kind: str) -> bool:
    """In a PDF cell, where every line break may be a wrap, a line naming a unit after a
    finished unit name ('Công chức Văn phòng - Thống kê' / 'Công chức Tư pháp - Hộ tịch') is a
    second unit; a name cut after '-', 'và' or 'Văn phòng' is not finished."""
    if kind != "units" or not line[:1].isupper() or not UNIT_START.match(line):
        return False
    words = previous.split()
    return (
        len(words) >= 2
        and bool(UNIT_START.match(previous))
        and not previous.endswith(("-", "–", ","))
        and words[-1].lower() not in CONNECTORS
        and previous.lower() not in INCOMPLETE_UNITS
    )


def _split_products(text: str) -> list[str]:
    """Cut 'Kế hoạch của UBND thị xã Báo cáo kết quả' before 'Báo cáo'."""
    words = text.split()
    items: list[list[str]] = [[]]
    depth = 0
    for i, word in enumerate(words):
        rest = " ".join(words[i:])
        prev = words[i - 1] if i else ""
        if (
            i
            and depth == 0
            and word[:1].isupper()
            and PRODUCT_START.match(rest)
            and prev[:1].islower()
            and prev.lower().strip(",") not in LIST_BREAK_WORDS
            and not prev.endswith(",")
        ):
            items.append([])
        items[-1].append(word)
        depth += word.count("(") - word.count(")")
    return [" ".join(item) for item in items if item]


# --- numbers --------------------------------------------------------------------------------

_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")


# the unit a budget column's header names, as how many of it make a million VND:
# "Kinh phí (nghìn đồng)" 1000
_HEADER_UNITS = (
    (re.compile(r"\bty\s*dong\b"), 0.001),
    (re.compile(r"\btrieu\b"), 1),
    (re.compile(r"\b(nghin|ngan)\s*dong\b"), 1000),
    (re.compile(r"\bdong\b|\bvnd\b"), 1_000_000),
)


def budget_unit(header: str) -> float | None:
    """How many of the unit a budget column's header names make a million VND ("(triệu
    đồng)" 1, "(nghìn đồng)" 1000, "(đồng)" 1000000); None when it names none."""
    folded = fold(header).lower()
    # the unit stands in brackets or after "ĐVT:" / "Đơn vị tính:", not in "hoạt động"
    words = re.findall(r"\(([^)]*)\)", folded)
    words += re.findall(r"(?:dvt|don vi(?: tinh)?)\s*:\s*(.*)", folded)
    folded = " ".join(words)
    return next((scale for pattern, scale in _HEADER_UNITS if pattern.search(folded)), None)


def parse_budget(text: str, unit: float | None = None) -> float | int | None:
    """A budget cell in million VND: '20', '20,5', '20 triệu đồng', '20.000.000 đồng'. A bare
    figure is in the column's `unit` (`budget_unit`) when its header names one; without
    one, a figure of 100.000 or more is taken as đồng."""
    value = fold(" ".join(text.split())).strip(" .")
    if not value:
        return None
    match = re.fullmatch(r"([\d.,]+)\s*(trieu(\s*dong)?|tr|dong|d|vnd)?", value)
    if not match:
        return None
    number = _to_number(match.group(1))
    if number is None:
        return None
    written = match.group(2) or ""
    if written in ("dong", "d", "vnd"):
        number = number / 1_000_000
    elif not written and unit is not None:
        number = number / unit
    elif not written and number >= 100_000:
        number = number / 1_000_000
    return int(number) if float(number).is_integer() else round(number, 3)


def _to_number(text: str) -> float | None:
    match = _NUMBER.match(text)
    if match:
        whole = float(match.group(1).replace(".", ""))
        return whole + float(f"0.{match.group(2)}") if match.group(2) else whole
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None
