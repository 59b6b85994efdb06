"""`cchc par-criteria import FILE --year YYYY` and `cchc par-criteria export --year YYYY -o FILE`
(the provinces' Excel layout, parindex/layout.py); `cchc par-criteria sample --year YYYY` saves
the sample set built from seed 003."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cchc.console import BaseCommand
from cchc.documents.excel import workbook_bytes
from cchc.parindex import layout, sample
from cchc.parindex.actions import import_criteria
from cchc.parindex.models import CriteriaSet


class Command(BaseCommand):
    help = "Nhập, xuất (Excel) hoặc tạo mẫu bộ tiêu chí Chỉ số CCHC của một năm."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "operation",
            choices=["import", "export", "sample"],
            help="import: nhập từ tệp; export: xuất ra tệp; sample: tạo bộ tiêu chí mẫu cấp xã",
        )
        parser.add_argument("file", nargs="?", help="tệp .xlsx cần nhập")
        parser.add_argument("--year", type=int, required=True, help="năm của bộ tiêu chí")
        parser.add_argument("-o", "--output", help="tệp .xlsx mà lệnh export ghi ra")
        parser.add_argument(
            "--set-version",
            dest="set_version",
            type=int,
            help="xuất phiên bản này (mặc định: phiên bản mới nhất)",
        )

    def handle(self, *args, **options) -> None:
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(_("The year must lie between 2000 and 2100."))
        if options["operation"] == "import":
            if not options["file"]:
                raise CommandError(_("Give the file to import."))
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(_("No file at %(path)s.") % {"path": path})
            try:
                parsed = layout.read(path)
            except layout.LayoutError as exc:
                raise CommandError(
                    _("Nothing was saved:") + "\n" + "\n".join(exc.problems)
                ) from None
            saved = import_criteria(parsed, year=year, source_name=path.name)
            self.stdout.write(
                _("Saved %(n)s criteria for %(year)s (version %(version)s).")
                % {"n": len(parsed.rows), "year": year, "version": saved.version}
            )
            return
        if options["operation"] == "sample":
            saved = sample.install(year)
            self.stdout.write(
                _("Saved the sample set for %(year)s (version %(version)s).")
                % {"year": year, "version": saved.version}
            )
            return
        sets = CriteriaSet.objects.filter(year=year)
        if options["set_version"]:
            sets = sets.filter(version=options["set_version"])
        chosen = sets.order_by("-version").first()
        if chosen is None:
            raise CommandError(_("No PAR criteria set for %(year)s.") % {"year": year})
        if not options["output"]:
            raise CommandError(_("Give the output file with -o."))
        Path(options["output"]).write_bytes(
            workbook_bytes(layout.write(chosen, chosen.criteria.all()))
        )
        self.stdout.write(_("Wrote %(path)s.") % {"path": options["output"]})
