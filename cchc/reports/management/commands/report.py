"""`cchc report --unit CODE --period 2024-Q1 [--format json|docx] [-o FILE]`: a unit's periodic
report, the same content as its page (the frozen one once submitted; the Word file frozen at
submission with `--format docx`)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cchc.console import BaseCommand
from cchc.core.arguments import unit_coded
from cchc.org.models import Unit
from cchc.reports import content, document, schedule
from cchc.reports.models import Report


def report_of(unit: Unit, kind: str, year: int) -> tuple[Report, str]:
    """The unit's report of the period and its status; an unsaved draft when none was opened."""
    report = Report.objects.filter(unit=unit, kind=kind, year=year).first()
    if report is not None:
        return report, report.status
    period = schedule.window_for(unit, kind, year)
    draft = Report(
        unit=unit, kind=kind, year=year, start=period.start, end=period.end, due=period.due
    )
    return draft, "not_started"


def report_json(unit: Unit, kind: str, year: int) -> dict:
    """The contract object: unit, period, window, due, status, tasks, indicators, figures,
    then the rest of the content."""
    report, status = report_of(unit, kind, year)
    data = content.content_of(report)
    return {
        "unit": unit.code,
        "period": schedule.KINDS[kind][2](year),
        "window": data["window"],
        "due": data["due"],
        "status": status,
        "checksum": report.checksum or None,
        "tasks": data["tasks"],
        "indicators": data["indicators"],
        "figures": data["figures"],
        "content": data,
    }


class Command(BaseCommand):
    help = "In báo cáo định kỳ của đơn vị (kỳ YYYY-Q1, YYYY-H1, YYYY-9M, YYYY)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị hoặc mã định danh điện tử")
        parser.add_argument(
            "--period", required=True, help="kỳ báo cáo: YYYY-Q1, YYYY-H1, YYYY-9M hoặc YYYY"
        )
        parser.add_argument(
            "--format",
            choices=["json", "docx"],
            default="json",
            help="in JSON (mặc định) hoặc ghi tệp Word (cần -o)",
        )
        parser.add_argument("-o", "--output", help="ghi vào tệp này thay vì in ra màn hình")

    def handle(self, *args, **options) -> None:
        try:
            kind, year = schedule.parse_key(options["period"])
        except ValueError:
            raise CommandError(
                _("'%(value)s' is not a report period (YYYY-Q1, YYYY-H1, YYYY-9M or YYYY).")
                % {"value": options["period"]}
            ) from None
        unit = unit_coded(options["unit"])
        if options["format"] == "docx":
            if not options["output"]:
                raise CommandError(_("A Word file needs -o FILE.docx."))
            report = report_of(unit, kind, year)[0]
            try:
                body = document.word_file(report)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
            Path(options["output"]).write_bytes(body)
            return
        text = json.dumps(report_json(unit, kind, year), ensure_ascii=False, indent=1)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
