"""`cchc export-audit --from … --to … [--unit CODE] -o FILE.xlsx`: the audit trail for an
inspection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.core.audit_export import export
from cchc.org.models import Unit


def _date(text: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{name}: '{text}' không phải ngày dạng YYYY-MM-DD.") from exc


class Command(BaseCommand):
    help = (
        "Xuất lịch sử thay đổi và nhật ký đăng nhập trong một khoảng ngày ra tệp Excel để "
        "phục vụ thanh tra, kiểm tra; việc xuất cũng được ghi vào lịch sử."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
        parser.add_argument(
            "--unit", metavar="CODE", help="chỉ đơn vị này và các đơn vị trực thuộc"
        )
        parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")

    def handle(self, *args, start: str, end: str, unit: str | None, output: Path, **options):
        first, last = _date(start, "--from"), _date(end, "--to")
        if last < first:
            raise CommandError("--to phải từ --from trở đi.")
        found = None
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise CommandError(f"Không có đơn vị mã '{unit}'.")
        data = export(first, last, unit=found)
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {output}: {exc.strerror}.") from exc
        self.stdout.write(f"Đã xuất lịch sử thay đổi ra {output}.")
