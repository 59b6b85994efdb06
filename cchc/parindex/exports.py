"""The self-assessment and appraised table as Excel (cchc.documents.excel). A Word document
in the official layout follows once the shared Word writer (cchc/documents/word.py) lands."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc.documents.excel import write_table

from .layout import _fmt


def assessment_book(unit, year: int, data) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = str(year)
    headers = [
        _("No."),
        _("Area / criterion"),
        _("Max"),
        _("Self-score"),
        _("Appraised"),
        _("Final"),
        _("Reason for the adjustment"),
        _("Explanation"),
    ]
    rows = []
    for node in data.nodes:
        score = node.score
        rows.append(
            (
                [
                    node.criterion.stt,
                    node.criterion.name,
                    _fmt(node.criterion.max_points),
                    _fmt(node.points["self"]),
                    _fmt(node.points["appraised"]),
                    _fmt(node.points["final"]),
                    score.appraisal_reason if score else "",
                    score.explanation if score else "",
                ],
                not node.is_leaf,
            )
        )
    totals = data.totals
    rows.append(
        (
            [
                "",
                _("Total (out of 100)"),
                100,
                _fmt(totals["self"].total) if totals else None,
                _fmt(totals["appraised"].total) if totals else None,
                _fmt(totals["final"].total) if totals else None,
                "",
                "",
            ],
            True,
        )
    )
    title = _("PAR Index %(year)s — %(unit)s: self-assessment and appraisal") % {
        "year": year,
        "unit": unit.name,
    }
    write_table(sheet, title, headers, [8, 60, 8, 10, 10, 10, 40, 40], rows)
    return book
