"""Feedback files (CSV or Excel) and API batches → validated records, with the dossiers' file
rules (`cchc.dossiers.tables`: encodings, separators, header search, limits; cells read by
`cchc.dossiers.cells`). A bad cell becomes a `RowError` naming the row as the user sees it, the
column and the reason in Vietnamese; the unit codes are checked against the database by
`actions.import_feedback`, which saves nothing when any row is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from cchc.dossiers.cells import (
    CellError,
    as_text,
    parse_bool,
    parse_moment,
    required_code,
)
from cchc.dossiers.records import RowError
from cchc.dossiers.tables import blank, open_table
from cchc.formats import day

# canonical name -> other headers meaning the same column (the header is compared folded)
COLUMNS: dict[str, tuple[str, ...]] = {
    "MaPAKN": ("Mã phản ánh", "Mã phản ánh kiến nghị", "Số PAKN"),
    "MaDonVi": ("Mã đơn vị tiếp nhận", "Đơn vị", "Mã cơ quan"),
    "NgayTiepNhan": ("Ngày nhận",),
    "NgayTraLoi": ("Ngày trả lời", "Ngày xử lý xong"),
    "NgayCongKhai": ("Ngày công khai kết quả", "Ngày công khai trả lời"),
    "KenhTiepNhan": ("Kênh",),
    "LinhVuc": (),
    "NoiDung": ("Nội dung phản ánh",),
    "KhongHaiLong": ("Không hài lòng",),
    "LapLai": ("Lặp lại", "Khiếu nại lặp lại"),
    "HoTenNguoiGui": ("Người gửi", "Họ tên"),
    "DiaChiNguoiGui": ("Địa chỉ",),
    "SoDienThoaiNguoiGui": ("Số điện thoại", "Điện thoại"),
}
REQUIRED = ("MaPAKN", "MaDonVi", "NgayTiepNhan")
_TEXTS = {
    "KenhTiepNhan": ("channel", 100),
    "LinhVuc": ("field", 255),
    "NoiDung": ("content", 10000),
    "HoTenNguoiGui": ("sender_name", 200),
    "DiaChiNguoiGui": ("sender_address", 500),
    "SoDienThoaiNguoiGui": ("sender_phone", 40),
}


@dataclass(slots=True)
class FeedbackRecord:
    """One feedback row, checked cell by cell (its unit not yet looked up)."""

    row: int
    code: str
    unit_code: str
    received: dt.date
    answered: dt.date | None = None
    published: dt.date | None = None
    channel: str = ""
    field: str = ""
    content: str = ""
    unsatisfied: bool = False
    repeated: bool = False
    sender_name: str = ""
    sender_address: str = ""
    sender_phone: str = ""


class FeedbackRows:
    """Turns cells (a dict canonical name → value) into a record or the row's errors; a
    `MaPAKN` seen before in the same file or batch is reported on its second row."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def read(self, number: int, cells: dict[str, object]) -> FeedbackRecord | list[RowError]:
        errors: list[RowError] = []

        def fail(name: str, reason: str) -> None:
            errors.append(RowError(number, name, as_text(cells.get(name))[:200], reason))

        codes = {name: self._code(cells, fail, name) for name in ("MaPAKN", "MaDonVi")}
        days = self._days(cells, fail)
        flags = {}
        for name, attribute in (("KhongHaiLong", "unsatisfied"), ("LapLai", "repeated")):
            try:
                flags[attribute] = parse_bool(cells.get(name))
            except CellError as exc:
                fail(name, str(exc))
        texts = {}
        for name, (attribute, limit) in _TEXTS.items():
            text = as_text(cells.get(name))
            if len(text) > limit:
                fail(name, _("Longer than %(n)s characters.") % {"n": limit})
            texts[attribute] = text
        code = codes["MaPAKN"]
        if code and code in self.seen:
            fail(
                "MaPAKN",
                _("The same feedback code is already on row %(row)s.") % {"row": self.seen[code]},
            )
        elif code:
            self.seen[code] = number
        if errors:
            return errors
        received = days["NgayTiepNhan"]
        assert received is not None
        return FeedbackRecord(
            row=number,
            code=code,
            unit_code=codes["MaDonVi"],
            received=received,
            answered=days["NgayTraLoi"],
            published=days["NgayCongKhai"],
            unsatisfied=flags.get("unsatisfied", False),
            repeated=flags.get("repeated", False),
            **texts,
        )

    @staticmethod
    def _code(cells, fail, name: str) -> str:
        return required_code(cells.get(name), 80, fail, name)

    @staticmethod
    def _days(cells, fail) -> dict[str, dt.date | None]:
        """The three dates, each checked against the one it must not precede."""
        days: dict[str, dt.date | None] = {}
        for name in ("NgayTiepNhan", "NgayTraLoi", "NgayCongKhai"):
            try:
                moment = parse_moment(cells.get(name))
            except CellError as exc:
                fail(name, str(exc))
                moment = None
            days[name] = moment.date() if moment else None
        received, answered, published = (
            days["NgayTiepNhan"],
            days["NgayTraLoi"],
            days["NgayCongKhai"],
        )
        if received is None and not as_text(cells.get("NgayTiepNhan")):
            fail("NgayTiepNhan", _("Required: the column is empty in this row."))
        if received and answered and answered < received:
            fail(
                "NgayTraLoi",
                _("The answer (%(answered)s) is before the reception (%(received)s).")
                % {"answered": day(answered), "received": day(received)},
            )
        if published and answered is None and not as_text(cells.get("NgayTraLoi")):
            fail("NgayCongKhai", _("An answer is published but no answer date is given."))
        if published and answered and published < answered:
            fail(
                "NgayCongKhai",
                _("The publication (%(published)s) is before the answer (%(answered)s).")
                % {"published": day(published), "answered": day(answered)},
            )
        return days


def read_file(
    source: str | Path | IO[bytes], *, filename: str = "", sheet: str | None = None
) -> list[FeedbackRecord | list[RowError]]:
    """Every row of a feedback file (a unit's feedback is a few thousand rows a year, read
    whole). `DossierFileError` when the file cannot be read at all."""
    table = open_table(source, filename=filename, sheet=sheet, columns=COLUMNS, required=REQUIRED)
    reader = FeedbackRows()
    index = table.header.mapping
    try:
        return [
            reader.read(number, _cells(row, index)) for number, row in table.rows if not blank(row)
        ]
    finally:
        table.close()


def _cells(row: Sequence[object], index: dict[str, int]) -> dict[str, object]:
    return {name: row[i] if i < len(row) else None for name, i in index.items()}


def read_dicts(items: Iterable[dict[str, object]]) -> list[FeedbackRecord | list[RowError]]:
    """API items (canonical names as keys), numbered from 1."""
    reader = FeedbackRows()
    return [reader.read(number, item) for number, item in enumerate(items, start=1)]
