"""`cchc restore DIR`: restore a backup into an empty database, checking every checksum."""

from __future__ import annotations

from pathlib import Path

from cchc.console import BaseCommand
from cchc.core.backup import for_command, restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (thư mục cchc-backup-…) vào cơ sở dữ liệu trống: kiểm tra mã "
        "kiểm tra của mọi tệp trước, so số dòng của mọi bảng sau."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", type=Path, metavar="DIR", help="Thư mục bản sao lưu (cchc-backup-…)."
        )

    def handle(self, *args, folder: Path, **options):
        result = for_command(restore, folder)
        self.stdout.write(
            f"Đã khôi phục từ {result.folder}: {result.counts()}; số dòng mọi bảng khớp với bản "
            "sao lưu."
        )
        self.stdout.write("Chạy `cchc migrate` nếu phần mềm mới hơn bản sao lưu.")
