"""The columns of dossier and catalogue files, and how a file's header row is recognised.

Canonical names are the national portal's synchronisation names (`MaHoSo`, `NgayTiepNhan` …);
one-stop systems and people also write Vietnamese headers ("Mã hồ sơ", "Ngày hẹn trả"). A
header is compared folded — without case, spaces, punctuation or diacritics — so "Mã hồ sơ",
"MA HO SO" and "MaHoSo" are the same column; the aliases below add the other names in use.

Exports often carry a title above the header, or a two-level header whose upper cells are
merged over several columns ("Ngày" over "Tiếp nhận | Hẹn trả | Trả kết quả"). The header row
is therefore searched for among the first rows, by how many known columns it names, and a
cell that means nothing alone is read together with the merged cell above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cchc.org.matching import fold

# canonical name -> other headers meaning the same column (folding makes the canonical name
# and its Vietnamese spelling equal already: "Ngày tiếp nhận" == "NgayTiepNhan").
DOSSIER_COLUMNS: dict[str, tuple[str, ...]] = {
    "MaHoSo": ("Số hồ sơ", "Mã số hồ sơ", "Mã HS"),
    "MaTTHC": ("Mã thủ tục", "Mã thủ tục hành chính", "Mã TTHC", "Mã số TTHC"),
    "MaDonVi": ("Mã đơn vị tiếp nhận", "MaDonViTiepNhan", "Đơn vị", "Mã cơ quan"),
    "NgayTiepNhan": ("Ngày nhận", "Thời gian tiếp nhận", "Ngày nộp hồ sơ"),
    "NgayHenTra": ("Ngày hẹn trả kết quả", "Ngày hẹn", "Hẹn trả"),
    "NgayKetThucXuLy": ("Ngày kết thúc", "Ngày hoàn thành", "Ngày xử lý xong", "Ngày có kết quả"),
    "NgayTraKetQua": ("Ngày trả", "Ngày trả KQ", "Trả kết quả"),
    "TrangThaiHoSo": ("Trạng thái", "Mã trạng thái"),
    "KenhThucHien": ("Kênh", "Kênh nộp", "Hình thức nộp", "Kênh tiếp nhận"),
    "ToanTrinh": ("Trực tuyến toàn trình", "Hồ sơ toàn trình", "DVC toàn trình"),
    "DuocThanhToanTrucTuyen": ("Thanh toán trực tuyến", "Đã thanh toán trực tuyến"),
    "CoPhiLePhi": ("Có phí lệ phí", "Có phí", "Phí lệ phí", "Có phí, lệ phí"),
    "HoSoCoThanhPhanSoHoa": ("Thành phần số hóa", "Số hóa thành phần", "Có thành phần số hóa"),
    "DuocSoHoa": ("Tái sử dụng dữ liệu số hóa", "Tái sử dụng", "Sử dụng lại dữ liệu số hóa"),
    "CoKetQuaDienTu": ("Kết quả điện tử", "Có KQ điện tử", "Cấp kết quả điện tử"),
    "DuongDanTepTinKetQua": ("Đường dẫn tệp kết quả", "Tệp kết quả"),
    "SoLanBoSung": ("Số lần yêu cầu bổ sung", "Số lần bổ sung hồ sơ"),
    "NgayYeuCauBoSung": ("Ngày yêu cầu bổ sung hồ sơ",),
    "NgayBoSung": ("Ngày nhận bổ sung", "Ngày bổ sung hồ sơ", "Ngày công dân bổ sung"),
    "CoPhieuXinLoi": ("Phiếu xin lỗi", "Có văn bản xin lỗi", "Xin lỗi"),
}
DOSSIER_REQUIRED = ("MaHoSo", "MaTTHC", "MaDonVi", "NgayTiepNhan", "NgayHenTra")

PROCEDURE_COLUMNS: dict[str, tuple[str, ...]] = {
    "MaTTHC": ("Mã thủ tục", "Mã thủ tục hành chính", "Mã số TTHC"),
    "TenTTHC": ("Tên thủ tục", "Tên thủ tục hành chính", "Tên"),
    "LinhVuc": ("Lĩnh vực thực hiện",),
    "CapThucHien": ("Cấp", "Cấp giải quyết"),
    "DuDieuKienToanTrinh": ("Đủ điều kiện toàn trình", "Toàn trình", "DVC toàn trình"),
    "CoPhiLePhi": ("Có phí lệ phí", "Có phí", "Phí lệ phí", "Có phí, lệ phí"),
    "TichHopThanhToan": ("Tích hợp thanh toán trực tuyến", "Đã tích hợp thanh toán"),
    "TraKetQuaGiayTo": ("Kết quả là giấy tờ", "Trả kết quả giấy tờ", "Có kết quả giấy tờ"),
    "ThoiGianGiaiQuyet": ("Thời hạn giải quyết", "Thời gian"),
    "DonViTinh": ("Đơn vị thời gian",),
}
PROCEDURE_REQUIRED = ("MaTTHC", "TenTTHC")

# What each column holds, for people choosing columns on the web import.
LABELS = {
    "MaHoSo": _("dossier code"),
    "MaTTHC": _("procedure code"),
    "MaDonVi": _("code of the receiving unit"),
    "NgayTiepNhan": _("received on"),
    "NgayHenTra": _("appointment (due) date"),
    "NgayKetThucXuLy": _("processing ended on"),
    "NgayTraKetQua": _("result returned on"),
    "TrangThaiHoSo": _("status (1–10)"),
    "KenhThucHien": _("channel: 1 in person, 2 online, 3 postal"),
    "ToanTrinh": _("submitted full-online"),
    "DuocThanhToanTrucTuyen": _("paid online (1 national portal, 2 local)"),
    "CoPhiLePhi": _("carries a fee"),
    "HoSoCoThanhPhanSoHoa": _("components digitised"),
    "DuocSoHoa": _("digitised data reused"),
    "CoKetQuaDienTu": _("electronic result issued"),
    "DuongDanTepTinKetQua": _("link to the result file"),
    "SoLanBoSung": _("number of supplement requests"),
    "NgayYeuCauBoSung": _("supplement requested on"),
    "NgayBoSung": _("supplement supplied on"),
    "CoPhieuXinLoi": _("apology letter issued"),
    "TenTTHC": _("procedure name"),
    "LinhVuc": _("field"),
    "CapThucHien": _("level"),
    "DuDieuKienToanTrinh": _("eligible for full-online service"),
    "TichHopThanhToan": _("online payment integrated"),
    "TraKetQuaGiayTo": _("returns a document"),
    "ThoiGianGiaiQuyet": _("legal processing time"),
    "DonViTinh": _("time unit"),
}

# How many rows at the top of a file may hold titles before the header.
HEADER_SEARCH_ROWS = 12


def header_key(text: object) -> str:
    """A header cell as compared: folded, without spaces ("Mã hồ sơ" → "mahoso")."""
    if text is None:
        return ""
    return fold(str(text)).replace(" ", "")


def _lookup(columns: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, aliases in columns.items():
        for name in (canonical, *aliases):
            table.setdefault(header_key(name), canonical)
    return table


_LOOKUPS = {
    id(DOSSIER_COLUMNS): _lookup(DOSSIER_COLUMNS),
    id(PROCEDURE_COLUMNS): _lookup(PROCEDURE_COLUMNS),
}


@dataclass
class Header:
    """The header found in a file: where it is, what each column is called, what it means."""

    row: int  # 1-based row number of the (last) header row in the file
    names: list[str]  # the header text of each column, as the file writes it
    mapping: dict[str, int]  # canonical name -> column index
    ignored: list[str] = field(default_factory=list)  # headers that name no known column

    def missing(self, required: Sequence[str]) -> list[str]:
        return [name for name in required if name not in self.mapping]


def _text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


def _filled(row: Sequence[object]) -> list[str]:
    """A header row with merged cells spread over the columns they cover (left to right)."""
    result, last = [], ""
    for cell in row:
        text = _text(cell)
        last = text or last
        result.append(last)
    return result


def _read_header(
    rows: Sequence[Sequence[object]], index: int, lookup: dict[str, str]
) -> tuple[list[str], dict[str, int]]:
    """Names and mapping if row `index` is the header (with the row above as its upper level)."""
    row = rows[index]
    upper = _filled(rows[index - 1]) if index > 0 else []
    names: list[str] = []
    mapping: dict[str, int] = {}
    for column, cell in enumerate(row):
        text = _text(cell)
        above = upper[column] if column < len(upper) else ""
        candidates = [text] if text else [above]
        if text and above:
            candidates.append(f"{above} {text}")
        name, canonical = candidates[0], None
        for candidate in candidates:
            found = lookup.get(header_key(candidate))
            if found is not None and found not in mapping:
                name, canonical = candidate, found
                break
        names.append(name)
        if canonical is not None:
            mapping[canonical] = column
    return names, mapping


def find_header(
    rows: Sequence[Sequence[object]], columns: dict[str, tuple[str, ...]]
) -> Header | None:
    """The row among `rows` (the file's first rows) that names the most known columns."""
    lookup = _LOOKUPS.get(id(columns)) or _lookup(columns)
    best: Header | None = None
    for index in range(min(len(rows), HEADER_SEARCH_ROWS)):
        names, mapping = _read_header(rows, index, lookup)
        if not mapping or (best is not None and len(mapping) <= len(best.mapping)):
            continue
        ignored = [n for i, n in enumerate(names) if n and i not in mapping.values()]
        best = Header(row=index + 1, names=names, mapping=mapping, ignored=ignored)
    return best


def remap(header: Header, chosen: dict[str, int | None]) -> Header:
    """The header with the user's corrections: canonical name -> column index (None: unused)."""
    mapping = dict(header.mapping)
    for canonical, column in chosen.items():
        mapping.pop(canonical, None)
        if column is not None and 0 <= column < len(header.names):
            for other, taken in list(mapping.items()):
                if taken == column:
                    del mapping[other]
            mapping[canonical] = column
    ignored = [n for i, n in enumerate(header.names) if n and i not in mapping.values()]
    return Header(row=header.row, names=header.names, mapping=mapping, ignored=ignored)
