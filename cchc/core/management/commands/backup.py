"""`cchc backup --to DIR`: a consistent copy of the database and the stored files."""

from __future__ import annotations

from pathlib import Path

from cchc.console import BaseCommand
from cchc.core.backup import backup, for_command


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và các tệp minh chứng vào một thư mục mới "
        "cchc-backup-<ngày>-<giờ> trong DIR, kèm danh sách mã kiểm tra."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            required=True,
            type=Path,
            metavar="DIR",
            help="Thư mục chứa các bản sao lưu (nên ở ổ đĩa hoặc máy khác).",
        )

    def handle(self, *args, to: Path, **options):
        result = for_command(backup, to)
        self.stdout.write(f"Đã sao lưu vào {result.folder}: {result.counts()}.")
