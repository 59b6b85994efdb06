"""The per-row error report of an import, as an Excel file the user fixes their export from."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc.documents.excel import sheet_title, workbook_bytes, write_table

from .columns import LABELS
from .models import DossierUpload


def _column(name: str) -> str:
    """ "NgayTiepNhan (ngày tiếp nhận)": the portal's column name a file's header matches, and
    what it holds in words for a reader who does not know the portal's names."""
    label = LABELS.get(name)
    return f"{name} ({label})" if label else name


def errors_workbook(upload: DossierUpload) -> bytes:
    """Row, column, value and reason of every error kept for the upload (up to 1,000)."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Errors"))
    errors = upload.result.get("errors", [])
    rows = [([e["row"], _column(e["column"]), e["value"], e["message"]], False) for e in errors]
    write_table(
        sheet,
        _("Errors in %(name)s") % {"name": upload.file_name},
        [_("Row"), _("Column"), _("Value"), _("Problem")],
        [8, 22, 30, 80],
        rows,
    )
    return workbook_bytes(book)
