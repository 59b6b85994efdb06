"""`cchc import-plan FILE`: read a plan document.

`--dry-run --format json` prints the parsed plan (specs/plan-import.md) and saves nothing.
`--unit CODE` (a code or an e-ID code) saves it as a draft plan of that unit and prints a short
Vietnamese summary; without `--unit` the plan is saved to the one unit its issuer names. A
plan that already exists in the unit (same year and number) is never duplicated silently:
the command stops unless told `--replace` or `--keep-both`. With `--unit`, a plan issued by
another unit is warned (also with `--dry-run`, where the unit is only checked).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import translation

from cchc.console import BaseCommand
from cchc.importer.checks import issuer_warning, with_unit_warnings
from cchc.importer.errors import PlanImportError
from cchc.importer.parse import parse_file
from cchc.importer.readers import DEFAULT_MAX_BYTES
from cchc.importer.saving import duplicates_of, save_parsed_plan
from cchc.org.models import Unit
from cchc.plans.rules import UnitNotInForce


class Command(BaseCommand):
    help = "Đọc một kế hoạch CCHC (.docx, .pdf, .txt, .md); in kết quả hoặc lưu thành dự thảo."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Tệp kế hoạch")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in kết quả, không lưu")
        parser.add_argument(
            "--format", choices=["json", "text"], default=None, help="In kết quả dạng JSON hoặc chữ"
        )
        parser.add_argument(
            "--unit",
            help=(
                "Mã đơn vị (hoặc mã định danh điện tử) nhận kế hoạch khi lưu; không ghi: đơn vị "
                "có tên trùng cơ quan ban hành"
            ),
        )
        parser.add_argument(
            "--replace", action="store_true", help="Thay kế hoạch đã có (cùng năm, cùng số)"
        )
        parser.add_argument(
            "--keep-both", action="store_true", help="Giữ kế hoạch đã có và lưu thêm bản này"
        )
        parser.add_argument(
            "--max-mb", type=int, default=DEFAULT_MAX_BYTES // (1024 * 1024),
            help="Kích thước tệp tối đa (MB)",
        )  # fmt: skip

    def handle(self, *args, **options) -> None:
        unit = self._unit(options["unit"]) if options["unit"] else None
        try:
            result = parse_file(options["file"], max_bytes=options["max_mb"] * 1024 * 1024)
        except PlanImportError as exc:
            raise CommandError(exc.message) from exc
        if unit is None and not options["dry_run"]:
            unit = self._issuer_unit(result)
        if unit is not None:
            result = with_unit_warnings(result, unit)  # issued by another unit: said
        if options["dry_run"]:
            if (options["format"] or "json") == "json":
                self._write_utf8(json.dumps(result, ensure_ascii=False, indent=2))
            else:
                self._write_utf8(self._summary(result))
            return
        replace = self._duplicate_choice(result, unit, options)
        try:
            with translation.override(settings.LANGUAGE_CODE):
                plan = save_parsed_plan(
                    result,
                    unit=unit,
                    by=None,
                    source_name=Path(options["file"]).name,
                    replace=replace,
                )
        except ValidationError as exc:  # the plan to replace was reported on
            raise CommandError(" ".join(exc.messages)) from exc
        except UnitNotInForce as exc:  # a unit dissolved before the plan's year
            raise CommandError(str(exc)) from exc
        summary = {
            "plan_id": plan.pk,
            "unit": unit.code,
            "tasks": plan.tasks.count(),
            "targets": plan.targets.count(),
            "reporting_periods": plan.reporting_periods.count(),
            "warnings": result.get("warnings") or [],
        }
        if options["format"] == "json":
            self._write_utf8(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            self._write_utf8(
                f"Đã lưu dự thảo “{plan.title}” (mã {plan.pk}) cho {unit.name}: "
                f"{summary['tasks']} nhiệm vụ, {summary['targets']} chỉ tiêu, "
                f"{summary['reporting_periods']} kỳ báo cáo, {len(summary['warnings'])} cảnh báo."
                + "".join(f"\n  - {w}" for w in summary["warnings"])
            )

    def _unit(self, code: str) -> Unit:
        unit = Unit.objects.coded(code)
        if unit is None:
            raise CommandError(f"Không có đơn vị mã “{code}”.")
        return unit

    @staticmethod
    def _issuer_unit(result: dict) -> Unit:
        """Without --unit, the one unit the plan's issuer names ("UBND xã Thạnh Tân": Xã Thạnh
        Tân), one in force today preferred (a merged ward keeps its old name); refused when
        no unit or several match (specs/plan-import.md: "saved as a draft plan")."""
        named = [u for u in Unit.objects.all() if issuer_warning(result, u) is None]
        if len(named) > 1:
            current = set(Unit.objects.current().filter(pk__in=[u.pk for u in named]))
            named = [u for u in named if u in current]
        if len(named) != 1:
            raise CommandError(
                "Cần --unit MÃ_ĐƠN_VỊ để lưu kế hoạch (hoặc --dry-run để chỉ xem): "
                "không xác định được một đơn vị duy nhất từ cơ quan ban hành."
            )
        return named[0]

    def _duplicate_choice(self, result: dict, unit: Unit, options):
        existing = duplicates_of(result, unit)
        if not existing:
            return None
        if options["replace"]:
            return existing[0]
        if options["keep_both"]:
            return None
        names = "; ".join(f"“{p.title}” (mã {p.pk})" for p in existing)
        raise CommandError(
            f"{unit.name} đã có kế hoạch cùng năm và cùng số: {names}. "
            "Chạy lại với --replace để thay thế, hoặc --keep-both để giữ cả hai."
        )

    @staticmethod
    def _summary(result: dict) -> str:
        header = result.get("plan") or {}
        return (
            f"{header.get('title')}: {len(result.get('tasks') or [])} nhiệm vụ, "
            f"{len(result.get('targets') or [])} chỉ tiêu, "
            f"{len(result.get('reporting_periods') or [])} kỳ báo cáo, "
            f"{len(result.get('warnings') or [])} cảnh báo."
        )

    def _write_utf8(self, text: str) -> None:
        # Always UTF-8, whatever the terminal's locale says (Windows consoles, LANG=C).
        stream = getattr(self.stdout._out, "buffer", None)
        if self.stdout._out is sys.stdout and stream is not None:
            stream.write(text.encode("utf-8") + b"\n")
            stream.flush()
        else:
            self.stdout.write(text)
