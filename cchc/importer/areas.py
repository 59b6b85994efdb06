"""Reform areas: section headings → the contract's area codes, by vocabulary.

Headings are written many ways ("II. CẢI CÁCH THỂ CHẾ", "2. Cải cách thể chế", "Cải cách
TTHC", "Công tác chỉ đạo, điều hành và tuyên truyền CCHC1." with a footnote digit), with or
without diacritics; matching is done on folded text, most specific area first.
"""

from __future__ import annotations

import re

from .vietnamese import fold

AREA_CODES = (
    "direction", "institutions", "procedures", "organisation", "civil_service",
    "public_finance", "digital_government", "impact", "quality_management", "other",
)  # fmt: skip

# Most specific first: "Cải cách tổ chức bộ máy hành chính" must not match procedures.
_HEADING_RULES: tuple[tuple[str, str], ...] = (
    ("quality_management", r"\biso\b|quan ly chat luong"),
    ("impact", r"tac dong|\bsipas\b|su hai long|chi so hai long|^muc do hai long"),
    ("digital_government", r"chinh quyen dien tu|chinh quyen so|chuyen doi so|hien dai hoa"
     r"|^dich vu (?:cong )?truc tuyen"),
    ("public_finance", r"tai chinh cong"),
    ("civil_service", r"che do cong vu|cai cach cong vu|doi ngu can bo|cong chuc, vien chuc"),
    ("organisation", r"to chuc bo may|\bbo may\b"),
    # the groups of the 766 index (Quyết định 766/QĐ-TTg) that are about procedures
    ("procedures", r"thu tuc hanh chinh|\btthc\b|\bmot cua\b|kiem soat thu tuc"
     r"|^cong khai,? minh bach|^tien do giai quyet"),
    ("institutions", r"the che|\bqppl\b|quy pham phap luat|van ban phap luat|thi hanh phap luat"),
    ("direction", r"chi dao|dieu hanh|lanh dao|tuyen truyen"),
)  # fmt: skip

# Guessing the area of a target written outside any area heading ("II. MỤC TIÊU CỤ THỂ").
_TEXT_RULES: tuple[tuple[str, str], ...] = (
    ("digital_government", r"ho so cong viec|moi truong mang|van ban dien tu|chu ky so"
     r"|chinh quyen so|chinh quyen dien tu|ket noi|nen tang|co so du lieu"),
    ("impact", r"hai long|\bsipas\b|\bpar index\b|\bpapi\b|\bpci\b|chi so cai cach|chi so cchc"),
    ("procedures", r"thu tuc hanh chinh|\btthc\b|thanh toan truc tuyen|dich vu cong|mot cua"
     r"|phan anh, kien nghi|ho so|\ble phi\b"),
    ("public_finance", r"ngan sach|tai chinh|giai ngan|tai san cong|von dau tu"),
    ("institutions", r"van ban quy pham|\bqppl\b|phap luat"),
    ("organisation", r"bo may|bien che|don vi su nghiep|vi tri viec lam"),
    ("civil_service", r"can bo|cong chuc|\bcbcc|ky luat|dao tao|boi duong"),
    ("direction", r"ke hoach|kiem tra|tuyen truyen|chi dao"),
)  # fmt: skip


def clean_heading(text: str) -> str:
    """Drop numbering, Markdown marks and a trailing footnote digit from a heading."""
    text = " ".join(text.split())
    text = re.sub(r"^[\s#*]*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]?\s+", "", text)
    text = re.sub(r"(?<=[A-Za-zÀ-ỹ)])\d{1,2}\.?$", "", text.strip(" *:."))
    return text.strip(" *:.")


def area_for_heading(text: str) -> str | None:
    """The area a section heading names, or None when it names none ("MỤC ĐÍCH, YÊU CẦU")."""
    folded = fold(clean_heading(text))
    for code, pattern in _HEADING_RULES:
        if re.search(pattern, folded):
            return code
    return None


# A target's own words say more than a duty's: "hồ sơ nộp trực tuyến", "số hóa", "sáng kiến"
# are criteria of the PAR index's digital-government and direction areas. Online payment stays
# with procedures, as the contract's own example has it. Kept apart from `_TEXT_RULES`, which
# also places the offices' duties.
_TARGET_RULES: tuple[tuple[str, str], ...] = (
    ("digital_government", r"truc tuyen toan trinh|dich vu cong truc tuyen|so hoa"
     r"|(?:nop|tiep nhan|giai quyet) (?:ho so )?truc tuyen|ho so (?:nop )?truc tuyen"),
    ("direction", r"sang kien"),
)  # fmt: skip


def guess_target_area(text: str, sentence: str = "") -> str:
    """The area of a target outside any area heading: by its own clause, else by the whole
    sentence it was split from ("…đạt từ 90 điểm, xếp trong nhóm 5 …": the rank is the
    same index's)."""
    for words in (text, sentence):
        words = " ".join(words.split())  # a table cell's wrapped lines
        folded = fold(words)
        for code, pattern in _TARGET_RULES:
            if re.search(pattern, folded):
                return code
        area = guess_area(words)
        if area != "other":
            return area
    # last: a target about the reform's own work and nothing more specific ("100% xã, phường
    # được hướng dẫn nghiệp vụ cải cách hành chính") measures its direction
    return "direction" if re.search(r"cai cach hanh chinh|\bcchc\b", fold(text)) else "other"


def guess_area(text: str) -> str:
    """Best guess of the area of a sentence by its vocabulary; 'other' when nothing fits."""
    folded = fold(text)
    for code, pattern in _TEXT_RULES:
        if re.search(pattern, folded):
            return code
    return "other"
