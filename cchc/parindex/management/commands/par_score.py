"""`cchc par-score --unit CODE --year YYYY --format json`: a unit's PAR tree with, per node,
code, name, max, self, appraised and final points, and the unit's total, survey and rank."""

from __future__ import annotations

import json

from cchc.console import BaseCommand
from cchc.core.arguments import unit_coded
from cchc.parindex import board


class Command(BaseCommand):
    help = "In điểm Chỉ số CCHC của đơn vị trong một năm."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị hoặc mã định danh điện tử")
        parser.add_argument("--year", type=int, required=True, help="năm đánh giá")
        parser.add_argument(
            "--format",
            choices=["json", "table"],
            default="table",
            help="in dạng bảng (mặc định) hoặc JSON",
        )

    def handle(self, *args, **options) -> None:
        unit = unit_coded(options["unit"])
        result = board.as_json(unit, options["year"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return

        def show(value):
            return "-" if value is None else f"{value:g}"

        self.stdout.write(f"{unit.name} ({unit.code}) {options['year']}")
        for node in result["tree"]:
            self.stdout.write(
                f"  {node['code']:<8} {node['name'][:60]:<60} {show(node['max']):>6} "
                f"{show(node['self']):>6} {show(node['appraised']):>6} {show(node['final']):>6}"
            )
        self.stdout.write(
            f"  total {show(result['total'])}  survey {show(result['survey'])}  "
            f"rank {show(result['rank'])}"
        )
