"""`cchc import-dossiers FILE [--format json] [--skip-invalid] [--sheet NAME] [--allow-move]`
(the contract)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cchc.console import BaseCommand
from cchc.core.arguments import add_file_options
from cchc.dossiers.columnar import read_dossiers
from cchc.dossiers.reading import DossierFileError
from cchc.dossiers.saving import import_dossiers


class Command(BaseCommand):
    help = "Nhập hồ sơ TTHC xuất từ hệ thống một cửa (CSV hoặc Excel) và cập nhật số liệu tháng."

    def add_arguments(self, parser) -> None:
        add_file_options(parser)
        parser.add_argument(
            "--max-errors",
            type=int,
            default=1000,
            help="báo tối đa bấy nhiêu dòng lỗi (mặc định: %(default)s)",
        )
        parser.add_argument(
            "--allow-move",
            action="store_true",
            help=(
                "chuyển hồ sơ có mã đang thuộc đơn vị khác sang đơn vị ghi trong dòng (mỗi lần "
                "chuyển được ghi vào lịch sử thay đổi; mặc định: từ chối dòng đó)"
            ),
        )

    def handle(self, *args, **options) -> None:
        path = options["file"]
        try:
            outcome = import_dossiers(
                read_dossiers(path, filename=path, sheet=options["sheet"]),
                file_name=path,
                skip_invalid=options["skip_invalid"],
                max_errors=options["max_errors"],
                allow_move=options["allow_move"],
            )
        except FileNotFoundError as exc:
            raise CommandError(_("File not found: %(path)s") % {"path": path}) from exc
        except DossierFileError as exc:
            if options["format"] == "json":
                self.stdout.write(
                    json.dumps(
                        {
                            "rows": 0,
                            "created": 0,
                            "updated": 0,
                            "unchanged": 0,
                            "errors": [
                                {"row": 0, "column": "", "value": "", "message": exc.message}
                            ],
                            "warnings": [],
                        },
                        ensure_ascii=False,
                    )
                )
                sys.exit(1)
            raise CommandError(exc.message) from exc
        report(self, outcome, options["format"])
        if outcome.error_count:
            sys.exit(1)


def report(command: BaseCommand, outcome, fmt: str) -> None:
    if fmt == "json":
        command.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False))
        return
    for error in outcome.errors:
        command.stderr.write(
            _("Row %(row)s, column %(column)s, value '%(value)s': %(message)s") % error.as_dict()
        )
    if outcome.error_count > len(outcome.errors):
        command.stderr.write(
            _("… and %(n)s more errors.") % {"n": outcome.error_count - len(outcome.errors)}
        )
    for warning in outcome.warnings[:50]:
        command.stderr.write(warning)
    if outcome.saved:
        command.stdout.write(
            _(
                "%(rows)s rows: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
                "%(skipped)s skipped (%(seconds).1f s)."
            )
            % {
                "rows": outcome.rows,
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
                "skipped": outcome.skipped,
                "seconds": outcome.seconds,
            }
        )
    else:
        command.stderr.write(
            _("Nothing was saved: %(n)s errors. Fix them, or use --skip-invalid.")
            % {"n": outcome.error_count}
        )
