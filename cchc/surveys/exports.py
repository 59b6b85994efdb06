"""The results page as an Excel workbook (written with cchc.documents.excel)."""

from __future__ import annotations

from openpyxl import Workbook

from cchc.documents.excel import workbook_bytes, write_table

from .results import Results


def _pct(value):
    return None if value is None else round(value, 2)


def results_workbook(results: Results, unverified: Results, verified: Results) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả"
    title = (
        f"Mức độ hài lòng – {results.unit.name}, "
        f"{results.start:%d/%m/%Y}–{results.end:%d/%m/%Y} "
        f"({results.verified} phiếu đã xác thực, {results.unverified} phiếu chưa xác thực)"
    )
    rows = []
    for element in results.elements:
        rows.append(
            (
                [
                    element.title,
                    "",
                    _pct(element.value),
                    element.numerator,
                    element.denominator,
                    _pct(_value(verified, element.code)),
                    _pct(_value(unverified, element.code)),
                ],
                True,
            )
        )
        for item in results.items:
            if item.element == element.code:
                rows.append(
                    (
                        [
                            "  " + item.title,
                            item.kind,
                            _pct(item.value),
                            item.numerator,
                            item.denominator,
                            _pct(_item(verified, item)),
                            _pct(_item(unverified, item)),
                        ],
                        False,
                    )
                )
    o = results.overall
    rows.append(
        (
            [
                "Chỉ số chung",
                "",
                _pct(o.value),
                o.numerator,
                o.denominator,
                _pct(verified.overall.value),
                _pct(unverified.overall.value),
            ],
            True,
        )
    )
    write_table(
        sheet,
        title,
        [
            "Yếu tố / câu hỏi",
            "Loại",
            "Tỷ lệ hài lòng (%)",
            "Số hài lòng",
            "Số trả lời hợp lệ",
            "Đã xác thực (%)",
            "Chưa xác thực (%)",
        ],
        [60, 12, 14, 12, 14, 14, 14],
        rows,
    )
    return workbook_bytes(book)


def _value(results: Results, code: str):
    return next((e.value for e in results.elements if e.code == code), None)


def _item(results: Results, item):
    return next(
        (i.value for i in results.items if i.code == item.code and i.element == item.element), None
    )
