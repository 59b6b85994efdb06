"""`cchc import-feedback FILE [--format json] [--sheet NAME] [--skip-invalid]` (the contract,
version 2: "same file rules as dossiers")."""

from __future__ import annotations

import json
import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cchc.console import BaseCommand
from cchc.core.arguments import add_file_options
from cchc.dossiers.records import DossierFileError, RowError
from cchc.feedback.actions import import_feedback
from cchc.feedback.models import Feedback
from cchc.feedback.reading import read_file


class Command(BaseCommand):
    help = (
        "Nhập phản ánh, kiến nghị (PAKN) từ tệp CSV hoặc Excel: có dòng lỗi thì không lưu "
        "dòng nào (trừ khi dùng --skip-invalid)."
    )

    def add_arguments(self, parser) -> None:
        add_file_options(parser)

    def handle(self, *args, **options) -> None:
        path = options["file"]
        try:
            rows = read_file(path, filename=path, sheet=options["sheet"])
        except FileNotFoundError as exc:
            raise CommandError(_("File not found: %(path)s") % {"path": path}) from exc
        except DossierFileError as exc:
            if options["format"] == "json":
                error = RowError(0, "", "", exc.message).as_dict()
                body = {"rows": 0, "created": 0, "updated": 0, "unchanged": 0, "errors": [error],
                        "warnings": []}  # fmt: skip
                self.stdout.write(json.dumps(body, ensure_ascii=False))
                sys.exit(1)
            raise CommandError(exc.message) from exc
        outcome = import_feedback(
            rows, source=Feedback.Source.CLI, file_name=path, skip_invalid=options["skip_invalid"]
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False))
        else:
            for error in outcome.errors:
                self.stderr.write(
                    _("Row %(row)s, column %(column)s, value '%(value)s': %(message)s")
                    % error.as_dict()
                )
            if outcome.saved:
                self.stdout.write(
                    _(
                        "%(rows)s rows: %(created)s new, %(updated)s updated, "
                        "%(unchanged)s unchanged."
                    )
                    % outcome.as_dict()
                )
            else:
                self.stderr.write(
                    _("Nothing was saved: %(n)s errors.") % {"n": len(outcome.errors)}
                )
        if outcome.errors:
            sys.exit(1)
