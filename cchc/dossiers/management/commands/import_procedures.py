"""`cchc import-procedures FILE [--format json]`: load or update the procedure catalogue."""

from __future__ import annotations

import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cchc.console import BaseCommand
from cchc.core.arguments import add_file_options
from cchc.dossiers.reading import DossierFileError, read_procedures
from cchc.dossiers.saving import import_procedures

from .import_dossiers import report


class Command(BaseCommand):
    help = "Nạp hoặc cập nhật danh mục thủ tục hành chính (CSV hoặc Excel)."

    def add_arguments(self, parser) -> None:
        add_file_options(parser)

    def handle(self, *args, **options) -> None:
        path = options["file"]
        try:
            records, errors, _mapping = read_procedures(path, filename=path, sheet=options["sheet"])
        except FileNotFoundError as exc:
            raise CommandError(_("File not found: %(path)s") % {"path": path}) from exc
        except DossierFileError as exc:
            raise CommandError(exc.message) from exc
        outcome = import_procedures(
            records, errors, file_name=path, skip_invalid=options["skip_invalid"]
        )
        report(self, outcome, options["format"])
        if outcome.error_count:
            sys.exit(1)
