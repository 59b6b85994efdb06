"""`cchc export-audit --from … --to … [--unit CODE] -o FILE.xlsx`: the audit trail for an
inspection."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from cchc.console import BaseCommand
from cchc.core import arguments
from cchc.core.audit_export import export


class Command(BaseCommand):
    help = (
        "Xuất lịch sử thay đổi và nhật ký đăng nhập trong một khoảng ngày ra tệp Excel để "
        "phục vụ thanh tra, kiểm tra; việc xuất cũng được ghi vào lịch sử."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="start", required=True, metavar="YYYY-MM-DD", help="từ ngày"
        )
        parser.add_argument(
            "--to", dest="end", required=True, metavar="YYYY-MM-DD", help="đến ngày"
        )
        parser.add_argument(
            "--unit",
            metavar="CODE",
            help="chỉ đơn vị này, các đơn vị trực thuộc và các đơn vị đã sáp nhập vào nó",
        )
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            type=Path,
            metavar="FILE.xlsx",
            help="tệp Excel ghi ra",
        )

    def handle(self, *args, start: str, end: str, unit: str | None, output: Path, **options):
        first, last = arguments.ordered_days({"start": start, "end": end})
        found = arguments.unit_coded(unit) if unit else None
        data = export(first, last, unit=found)
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {output}: {exc.strerror}.") from exc
        self.stdout.write(f"Đã xuất lịch sử thay đổi ra {output}.")
