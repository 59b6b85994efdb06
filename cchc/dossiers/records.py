"""The clean shapes a dossier or procedure file is read into, before anything touches the database.

`reading.py` turns a CSV/Excel file (or an API batch) into these records and a list of
`RowError`; `saving.py` stores records and folds them into monthly facts. Keeping the shapes
here lets the command line, the web import and the API share one validation path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

R = TypeVar("R")


class DossierFileError(Exception):
    """A file that cannot be read as a dossier or catalogue table; `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class RowError:
    """One problem in one cell (or a whole row when `column` is empty), said in Vietnamese."""

    row: int  # row number as the user sees it in the file (header row = 1 for CSV)
    column: str  # canonical column name (MaHoSo, NgayHenTra, …) or "" for the whole row/file
    value: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass(slots=True)
class DossierRecord:
    """One dossier as the one-stop system exported it. Date-times are aware (Asia/Ho_Chi_Minh)."""

    row: int
    code: str  # MaHoSo
    procedure_code: str  # MaTTHC
    unit_code: str  # MaDonVi
    received: dt.datetime  # NgayTiepNhan
    due: dt.datetime | None  # NgayHenTra; None until computed from the catalogue (deadlines.py)
    processing_ended: dt.datetime | None = None  # NgayKetThucXuLy
    returned: dt.datetime | None = None  # NgayTraKetQua
    status: int | None = None  # TrangThaiHoSo 1..10
    channel: int = 1  # KenhThucHien: 1 in person, 2 online, 3 postal
    full_online: bool = False  # ToanTrinh
    paid_online: int = 0  # DuocThanhToanTrucTuyen: 0 not, 1 national portal, 2 local gateway
    has_fee: bool = False  # CoPhiLePhi
    digitised: bool = False  # HoSoCoThanhPhanSoHoa
    reused: bool = False  # DuocSoHoa
    e_result: bool = False  # CoKetQuaDienTu (or DuongDanTepTinKetQua non-empty)
    supplements: int = 0  # SoLanBoSung
    supplement_requested: dt.datetime | None = None  # NgayYeuCauBoSung
    supplement_supplied: dt.datetime | None = None  # NgayBoSung
    apology: bool = False  # CoPhieuXinLoi


@dataclass(slots=True)
class ProcedureRecord:
    """One row of the procedure catalogue (danh mục TTHC)."""

    row: int
    code: str  # MaTTHC
    name: str  # TenTTHC
    field: str = ""  # LinhVuc
    level: str = ""  # CapThucHien
    full_online_eligible: bool = False  # DuDieuKienToanTrinh
    has_fee: bool = False  # CoPhiLePhi
    payment_integrated: bool = False  # TichHopThanhToan
    returns_document: bool = False  # TraKetQuaGiayTo
    legal_time: str = ""  # ThoiGianGiaiQuyet, as written ("15", "3,5")
    time_unit: str = ""  # DonViTinh


def split_results(results: Iterable[R | list[RowError]]) -> tuple[list[R], list[RowError]]:
    """Rows read one at a time (each a record, or that row's errors) as the records and the
    errors, both in row order."""
    records: list[R] = []
    errors: list[RowError] = []
    for result in results:
        if isinstance(result, list):
            errors.extend(result)
        else:
            records.append(result)
    return records, errors
