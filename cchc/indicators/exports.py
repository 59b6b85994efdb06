"""The indicator page as an Excel file: the period's values, the months, the units below.

Figures are written as numbers (so that a user can sum or chart them in Excel); a figure
without data is written as the words "không có dữ liệu", never as 0.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc.documents.excel import sheet_title, workbook_bytes, write_table

from .tables import IndicatorTables, Row


def _figure(row_definition, value):
    shown = Row.shown_for(row_definition, value)
    return _("no data") if shown is None else shown


def _kind(definition) -> str:
    return "%" if definition.is_rate else _("count")


def indicators_workbook(tables: IndicatorTables) -> bytes:
    book = Workbook()
    unit, period = tables.unit, tables.period
    heading = _("Indicators of %(unit)s, %(period)s") % {"unit": unit.name, "period": period.label}

    sheet = book.active
    sheet.title = sheet_title(_("Indicators"))
    write_table(
        sheet,
        heading,
        [_("Indicator"), _("Version"), _("Unit"), _("Value"), _("Numerator"), _("Denominator")],
        [60, 9, 9, 14, 14, 14],
        [
            (
                [
                    row.definition.name,
                    row.definition.version,
                    _kind(row.definition),
                    _figure(row.definition, row.total),
                    row.total.numerator,
                    row.total.denominator,
                ],
                False,
            )
            for row in tables.rows
        ],
    )

    months = book.create_sheet(sheet_title(_("By month")))
    labels = [f"{key[5:]}/{key[:4]}" for key in tables.month_keys]
    month_rows = []
    for row in tables.rows:
        month_rows.append(
            ([row.definition.name, *(_figure(row.definition, v) for v in row.months)], False)
        )
        if row.definition.is_rate:
            month_rows.append(
                (
                    [
                        "   " + _("numerator / denominator"),
                        *(f"{v.numerator}/{v.denominator}" for v in row.months),
                    ],
                    False,
                )
            )
    write_table(months, heading, [_("Indicator"), *labels], [60, *([11] * len(labels))], month_rows)

    if tables.below:
        below = book.create_sheet(sheet_title(_("Units below")))
        headers = [_("Unit")]
        widths = [34]
        for definition in tables.definitions:
            headers += [definition.name, _("numerator / denominator")]
            widths += [16, 14]
        rows = []
        for item in tables.below:
            values = [item.unit.name]
            for definition in tables.definitions:
                value = item.values[definition.code]
                values += [_figure(definition, value), f"{value.numerator}/{value.denominator}"]
            rows.append((values, False))
        if tables.own is not None:
            values = [_("%(unit)s itself") % {"unit": unit.name}]
            for definition in tables.definitions:
                value = tables.own[definition.code]
                values += [_figure(definition, value), f"{value.numerator}/{value.denominator}"]
            rows.append((values, False))
        total = [_("Total, %(unit)s") % {"unit": unit.name}]
        for row in tables.rows:
            total += [
                _figure(row.definition, row.total),
                f"{row.total.numerator}/{row.total.denominator}",
            ]
        rows.append((total, True))
        write_table(below, heading, headers, widths, rows)

    return workbook_bytes(book)
