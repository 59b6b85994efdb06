"""`cchc api-token --unit CODE --name NAME`: make a token for a one-stop system; print it once."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cchc.console import BaseCommand
from cchc.dossiers import tokens
from cchc.org.models import Unit


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một đơn vị (hiện một lần; chỉ lưu mã băm của nó)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị")
        parser.add_argument(
            "--name",
            default="Hệ thống một cửa",
            help="hệ thống dùng mã này (mặc định: %(default)s)",
        )

    def handle(self, *args, **options) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(_("No unit has the code '%(code)s'.") % {"code": options["unit"]})
        _token, key = tokens.issue(unit, options["name"])
        self.stdout.write(key)
