"""`cchc api-token --unit CODE --name NAME`: make a token for a one-stop system; print it once."""

from __future__ import annotations

from cchc.console import BaseCommand
from cchc.core.arguments import unit_coded
from cchc.dossiers import tokens


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một đơn vị (hiện một lần; chỉ lưu mã băm của nó)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị hoặc mã định danh điện tử")
        parser.add_argument(
            "--name",
            default="Hệ thống một cửa",
            help="hệ thống dùng mã này (mặc định: %(default)s)",
        )

    def handle(self, *args, **options) -> None:
        unit = unit_coded(options["unit"])
        _token, key = tokens.issue(unit, options["name"])
        self.stdout.write(key)
