"""`cchc survey-results --unit CODE --from YYYY-MM-DD --to YYYY-MM-DD --format json`."""

from __future__ import annotations

import json

from django.core.management.base import CommandError

from cchc.console import BaseCommand
from cchc.core.arguments import add_window_arguments, window_of
from cchc.formats import window
from cchc.surveys import results
from cchc.surveys.choices import Aggregation
from cchc.surveys.models import Questionnaire


class Command(BaseCommand):
    help = "In chỉ số hài lòng của đơn vị theo câu hỏi, yếu tố và chung, với số phiếu."

    def add_arguments(self, parser) -> None:
        add_window_arguments(parser, by_month=False)
        parser.add_argument(
            "--questionnaire",
            default=results.DEFAULT_QUESTIONNAIRE,
            help="mã mẫu phiếu (mặc định: %(default)s)",
        )
        parser.add_argument(
            "--aggregation",
            choices=list(Aggregation.values),
            default=Aggregation.ELEMENTS,
            help=(
                "cách tính chỉ số chung: elements (trung bình các yếu tố), items (trung bình "
                "mọi câu), pooled (gộp mọi câu trả lời); mặc định: %(default)s"
            ),
        )

    def handle(self, *args, **options) -> None:
        unit, start, end = window_of(options)
        questionnaire = Questionnaire.objects.filter(code=options["questionnaire"]).first()
        if questionnaire is None:
            raise CommandError(f"Không có mẫu phiếu nào mã '{options['questionnaire']}'.")
        figures = results.compute(
            unit, start, end, questionnaire=questionnaire, aggregation=options["aggregation"]
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures.as_json(), ensure_ascii=False))
            return
        self.stdout.write(f"{unit.name} ({unit.code}) {window(start, end)}")
        for element in figures.elements:
            self.stdout.write(f"  {element.title:<60} {_pct(element.value):>8}")
        self.stdout.write(f"  {'Chỉ số chung':<60} {_pct(figures.overall.value):>8}")
        self.stdout.write(
            f"  Phiếu: {figures.verified} đã xác thực, {figures.unverified} chưa xác thực"
        )


def _pct(value) -> str:
    return "—" if value is None else f"{value:.2f}%"
