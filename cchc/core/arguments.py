"""The arguments management commands share, read and refused once, in Vietnamese.

A day is typed YYYY-MM-DD (`day`); a window is `--from` and `--to` in order (`ordered_days`);
the commands printing a unit's figures over a window (`cchc indicators`, `cchc index766`,
`cchc survey-results`) take `--unit --from --to [--by month] --format` (`add_window_arguments`)
and read them with `window_of`: a known unit and a window within the years figures are computed
for (`periods.check_years`). The import commands (`cchc import-dossiers`, `import-procedures`,
`import-feedback`) take a file, `--format`, `--sheet` and `--skip-invalid` (`add_file_options`).
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cchc import periods
from cchc.org.models import Unit


def day(text: str, name: str = "") -> dt.date:
    """The date typed as YYYY-MM-DD; CommandError naming the option otherwise."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        message = _("'%(value)s' is not a date YYYY-MM-DD.") % {"value": text}
        raise CommandError(f"{name}: {message}" if name else message) from None


def ordered_days(options) -> tuple[dt.date, dt.date]:
    """`--from` and `--to` (options `start` and `end`) as dates, the first not after the last."""
    start, end = day(options["start"], "--from"), day(options["end"], "--to")
    if end < start:
        raise CommandError(_("--to is before --from."))
    return start, end


def unit_coded(code: str) -> Unit:
    """The unit with this code or e-ID code (`000.31.35.H55`); CommandError otherwise."""
    unit = Unit.objects.coded(code)
    if unit is None:
        raise CommandError(_("No unit has the code '%(code)s'.") % {"code": code})
    return unit


def add_window_arguments(parser, *, by_month: bool = True) -> None:
    """--unit, --from, --to, --by month (unless `by_month` is False), --format."""
    parser.add_argument("--unit", required=True, help="mã đơn vị hoặc mã định danh điện tử")
    parser.add_argument("--from", dest="start", required=True, help="từ ngày (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", required=True, help="đến ngày (YYYY-MM-DD)")
    if by_month:
        parser.add_argument("--by", choices=["month"], help="in thêm từng tháng")
    parser.add_argument(
        "--format",
        choices=["json", "table"],
        default="table",
        help="in dạng bảng (mặc định) hoặc JSON",
    )


def window_of(options) -> tuple[Unit, dt.date, dt.date]:
    """The unit and window the arguments name; CommandError (in Vietnamese) otherwise."""
    start, end = ordered_days(options)
    try:
        periods.check_years(start, end)
    except periods.WindowError as exc:
        raise CommandError(f"{exc}.") from None
    return unit_coded(options["unit"]), start, end


def add_file_options(parser) -> None:
    """The options every import command takes ("same file rules as dossiers"): the file, the
    output format, the sheet and whether the valid rows are saved when others are not."""
    parser.add_argument("file", help="tệp CSV hoặc Excel (.xlsx)")
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="in kết quả dạng chữ (mặc định) hoặc JSON",
    )
    parser.add_argument("--sheet", help="tên trang tính Excel (mặc định: trang đầu tiên)")
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="lưu các dòng hợp lệ và báo các dòng lỗi (mặc định: có lỗi thì không lưu gì)",
    )
