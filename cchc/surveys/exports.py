"""The results page as an Excel workbook (written with cchc.documents.excel)."""

from __future__ import annotations

from openpyxl import Workbook

from cchc.documents.excel import workbook_bytes, write_table
from cchc.formats import day

from .results import Results


def _pct(value):
    return None if value is None else round(value, 2)


HEADERS = [
    "Yếu tố / câu hỏi",
    "Loại",
    "Tỷ lệ hài lòng (%)",
    "Số hài lòng",
    "Số trả lời hợp lệ",
    "Đã xác thực (%)",
    "Chưa xác thực (%)",
]
WIDTHS = [60, 12, 14, 12, 14, 14, 14]


def _line(label: str, kind: str, figure, verified_value, unverified_value) -> list:
    return [
        label,
        kind,
        _pct(figure.value),
        figure.numerator,
        figure.denominator,
        _pct(verified_value),
        _pct(unverified_value),
    ]


def _rows(results: Results, unverified: Results, verified: Results) -> list[tuple[list, bool]]:
    """Each element (bold) followed by its items, then the overall index (bold)."""
    rows = []
    for element in results.elements:
        rows.append(
            (
                _line(
                    element.title,
                    "",
                    element,
                    _value(verified, element.code),
                    _value(unverified, element.code),
                ),
                True,
            )
        )
        rows += [
            (
                _line(
                    "  " + item.title,
                    item.kind_label,
                    item,
                    _item(verified, item),
                    _item(unverified, item),
                ),
                False,
            )
            for item in results.items
            if item.element == element.code
        ]
    overall = _line(
        "Chỉ số chung",
        "",
        results.overall,
        verified.overall.value,
        unverified.overall.value,
    )
    return [*rows, (overall, True)]


def results_workbook(results: Results, unverified: Results, verified: Results) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả"
    title = (
        f"Mức độ hài lòng – {results.unit.name}, "
        f"{day(results.start)}–{day(results.end)} "
        f"({results.verified} phiếu đã xác thực, {results.unverified} phiếu chưa xác thực)"
    )
    write_table(sheet, title, HEADERS, WIDTHS, _rows(results, unverified, verified))
    return workbook_bytes(book)


def _value(results: Results, code: str):
    return next((e.value for e in results.elements if e.code == code), None)


def _item(results: Results, item):
    return next(
        (i.value for i in results.items if i.code == item.code and i.element == item.element), None
    )
