"""`cchc survey-link --unit CODE`: the public answer address of the unit's open survey."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from cchc.console import BaseCommand
from cchc.core.arguments import unit_coded
from cchc.surveys.views import answer_path, open_campaigns


class Command(BaseCommand):
    help = "In địa chỉ trả lời khảo sát (mã QR) của đợt khảo sát đang mở của đơn vị."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị hoặc mã định danh điện tử")

    def handle(self, *args, **options) -> None:
        unit = unit_coded(options["unit"])
        campaign = open_campaigns(unit, timezone.localdate()).first()
        if campaign is None:
            raise CommandError(f"Đơn vị '{unit.code}' không có đợt khảo sát nào đang mở.")
        self.stdout.write(settings.SITE_URL.rstrip("/") + answer_path(campaign, unit))
