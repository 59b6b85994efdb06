"""`cchc import-plan FILE --dry-run --format json`: print the parsed plan, save nothing.

Saving a draft plan (`--unit CODE` without `--dry-run`) belongs to the plans app and is added
with its models; it will call the same `parse_file`.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from cchc.importer.errors import PlanImportError
from cchc.importer.parse import parse_file
from cchc.importer.readers import DEFAULT_MAX_BYTES


class Command(BaseCommand):
    help = "Đọc một kế hoạch CCHC (.docx, .pdf, .txt, .md) và in kết quả phân tích."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Tệp kế hoạch")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in kết quả, không lưu")
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--unit", help="Mã đơn vị nhận kế hoạch (khi lưu)")
        parser.add_argument(
            "--max-mb", type=int, default=DEFAULT_MAX_BYTES // (1024 * 1024),
            help="Kích thước tệp tối đa (MB)",
        )  # fmt: skip

    def handle(self, *args, **options) -> None:
        if not options["dry_run"]:
            raise CommandError(
                "Lệnh này chưa hỗ trợ lưu kế hoạch nháp; hãy chạy với --dry-run để xem kết quả "
                "phân tích."
            )
        try:
            result = parse_file(options["file"], max_bytes=options["max_mb"] * 1024 * 1024)
        except PlanImportError as exc:
            raise CommandError(exc.message) from exc
        text = json.dumps(result, ensure_ascii=False, indent=2)
        # Always UTF-8, whatever the terminal's locale says (Windows consoles, LANG=C).
        stream = getattr(self.stdout._out, "buffer", None)
        if self.stdout._out is sys.stdout and stream is not None:
            stream.write(text.encode("utf-8") + b"\n")
            stream.flush()
        else:
            self.stdout.write(text)
