"""The indicator page as an Excel file: the period's values, the months, the units below.

Figures are written as numbers (so that a user can sum or chart them in Excel); a figure
without data is written as the words "không có dữ liệu", never as 0.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc import formats
from cchc.documents.excel import sheet_title, workbook_bytes, write_table

from .tables import IndicatorTables, Row


def _figure(row_definition, value):
    shown = Row.shown_for(row_definition, value)
    return _("no data") if shown is None else shown


def _kind(definition) -> str:
    return "%" if definition.is_rate else _("count")


def indicators_workbook(tables: IndicatorTables, today: dt.date | None = None) -> bytes:
    """`today`: the day the file is made, for a unit in force; when the period is not over,
    the title says the figures reach that day and the month under way's column says so."""
    book = Workbook()
    unit, period = tables.unit, tables.period
    heading = _("Indicators of %(unit)s, %(period)s") % {"unit": unit.name, "period": period.label}
    unfinished = period.under_way(today)
    if unfinished and today is not None:
        heading += " — " + _("figures up to %(day)s") % {"day": formats.day(today)}
    sheet = book.active
    sheet.title = sheet_title(_("Indicators"))
    _totals_sheet(sheet, heading, tables)
    labels = [_month_label(key, unfinished, today) for key in tables.month_keys]
    _months_sheet(book.create_sheet(sheet_title(_("By month"))), heading, tables, labels)
    if tables.below:
        _below_sheet(book.create_sheet(sheet_title(_("Units below"))), heading, tables)
    return workbook_bytes(book)


def _month_label(key: str, unfinished: str | None, today: dt.date | None) -> str:
    """ "03/2024"; the month under way "12/2026 (đến 07/12)"."""
    label = f"{key[5:]}/{key[:4]}"
    if key != unfinished or today is None:
        return label
    return f"{label} ({_('to %(day)s') % {'day': f'{today:%d/%m}'}})"


def _ratio(value) -> str:
    return f"{value.numerator}/{value.denominator}"


def _totals_sheet(sheet, heading: str, tables: IndicatorTables) -> None:
    """One row per indicator: its value for the whole period, with numerator and denominator."""
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


def _months_sheet(sheet, heading: str, tables: IndicatorTables, labels: list[str]) -> None:
    """One column per month; a rate is followed by its numerator / denominator row."""
    rows = []
    for row in tables.rows:
        rows.append(
            ([row.definition.name, *(_figure(row.definition, v) for v in row.months)], False)
        )
        if row.definition.is_rate:
            rows.append(
                (["   " + _("numerator / denominator"), *(_ratio(v) for v in row.months)], False)
            )
    write_table(sheet, heading, [_("Indicator"), *labels], [60, *([11] * len(labels))], rows)


def _below_sheet(sheet, heading: str, tables: IndicatorTables) -> None:
    """One row per unit below (and the unit itself when it has dossiers), then the total."""
    headers = [_("Unit")]
    widths = [34]
    for definition in tables.definitions:
        headers += [definition.name, _("numerator / denominator")]
        widths += [16, 14]

    def line(label: str, values) -> list:
        cells = [label]
        for definition in tables.definitions:
            value = values[definition.code]
            cells += [_figure(definition, value), _ratio(value)]
        return cells

    rows = [(line(item.unit.name, item.values), False) for item in tables.below]
    if tables.own is not None:
        rows.append((line(_("%(unit)s itself") % {"unit": tables.unit.name}, tables.own), False))
    total = [_("Total, %(unit)s") % {"unit": tables.unit.name}]
    for row in tables.rows:
        total += [_figure(row.definition, row.total), _ratio(row.total)]
    rows.append((total, True))
    write_table(sheet, heading, headers, widths, rows)
