"""How each procedure of the catalogue is published, and the index's transparency criteria
computed from it (domain README §5, group "Transparency"), never typed as rates.

For each procedure: the legal act that decides it and the day it takes effect, the day the
chairman's publication decision was signed, whether (and when) it was published on the
national procedure database, and which of the seven parts were published. The catalogue is
one list for the installation, so only a province (or an administrator) edits it
(`uploads.may_reclassify`); a file is saved whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.audit.log import record
from cchc.formats import day
from cchc.org.models import Unit
from cchc.workdays.calendar import add_working_days

from . import competence
from .cells import CellError, as_text, parse_bool, parse_moment
from .models import Procedure
from .records import RowError
from .tables import blank, open_table

# The seven parts a published procedure must carry: (code, file column, label).
PARTS = (
    ("name", "CoTen", gettext_lazy("name")),
    ("steps", "CoTrinhTu", gettext_lazy("steps")),
    ("method", "CoCachThuc", gettext_lazy("method")),
    ("components", "CoThanhPhanHoSo", gettext_lazy("components and quantity")),
    ("time", "CoThoiHan", gettext_lazy("processing time")),
    ("applicants", "CoDoiTuong", gettext_lazy("applicants")),
    ("agency", "CoCoQuan", gettext_lazy("agency")),
)
PART_CODES = tuple(code for code, _col, _label in PARTS)
DECIDED_BEFORE_EFFECT = 5  # working days: decision ≤ the act's effective date − 5
NATIONAL_DB_WITHIN = 5  # working days after the decision

COLUMNS: dict[str, tuple[str, ...]] = {
    "MaTTHC": ("Mã thủ tục", "Mã thủ tục hành chính", "Mã số TTHC"),
    "VanBanQuyDinh": ("Văn bản quy định", "Căn cứ pháp lý"),
    "NgayHieuLuc": ("Ngày có hiệu lực", "Hiệu lực từ"),
    "NgayQuyetDinhCongBo": ("Ngày quyết định công bố", "Ngày công bố"),
    "CongKhaiCSDLQG": ("Công khai trên CSDL quốc gia", "Đã công khai CSDLQG"),
    "NgayCongKhaiCSDLQG": ("Ngày công khai trên CSDL quốc gia", "Ngày công khai CSDLQG"),
    **{column: () for _code, column, _label in PARTS},
}
_DATES = {
    "NgayHieuLuc": "act_effective",
    "NgayQuyetDinhCongBo": "publication_decided",
    "NgayCongKhaiCSDLQG": "national_db_on",
}
FIELDS = (
    "deciding_act",
    "act_effective",
    "publication_decided",
    "on_national_db",
    "national_db_on",
    "parts",
)


@dataclass(slots=True)
class PublicationRecord:
    row: int
    code: str
    values: dict[str, object] = field(default_factory=dict)


def check(values: dict[str, object]) -> dict[str, str]:
    """The rules of one procedure's publication: field name → Vietnamese reason."""
    errors: dict[str, str] = {}
    decided, db_on = values.get("publication_decided"), values.get("national_db_on")
    if db_on and not values.get("on_national_db"):
        errors["on_national_db"] = _(
            "A publication date on the national database is given, "
            "but the procedure is marked as not published there."
        )
    if isinstance(db_on, dt.date) and isinstance(decided, dt.date) and db_on < decided:
        errors["national_db_on"] = _(
            "Published on the national database (%(on)s) before the "
            "publication decision (%(decided)s)."
        ) % {"on": day(db_on), "decided": day(decided)}
    parts: list[str] = values.get("parts") or []  # type: ignore[assignment]
    unknown = set(parts) - set(PART_CODES)
    if unknown:
        errors["parts"] = _("Unknown parts: %(parts)s.") % {"parts": ", ".join(sorted(unknown))}
    return errors


def _row(number: int, cells: dict[str, object]) -> PublicationRecord | list[RowError]:
    errors: list[RowError] = []
    values: dict[str, object] = {"deciding_act": as_text(cells.get("VanBanQuyDinh"))[:255]}
    for column, name in _DATES.items():
        try:
            moment = parse_moment(cells.get(column))
            values[name] = moment.date() if moment else None
        except CellError as exc:
            errors.append(RowError(number, column, as_text(cells.get(column))[:200], str(exc)))
    flags = {}
    for column in ("CongKhaiCSDLQG", *(c for _code, c, _l in PARTS)):
        try:
            flags[column] = parse_bool(cells.get(column))
        except CellError as exc:
            errors.append(RowError(number, column, as_text(cells.get(column))[:200], str(exc)))
    values["on_national_db"] = flags.get("CongKhaiCSDLQG", False)
    values["parts"] = [code for code, column, _l in PARTS if flags.get(column)]
    columns = {v: k for k, v in _DATES.items()} | {"on_national_db": "CongKhaiCSDLQG"}
    if not errors:
        for name, reason in check(values).items():
            column = columns.get(name, "")
            errors.append(RowError(number, column, as_text(cells.get(column))[:200], reason))
    code = as_text(cells.get("MaTTHC"))
    if not code:
        errors.append(
            RowError(number, "MaTTHC", "", _("Required: the column is empty in this row."))
        )
    return errors or PublicationRecord(number, code, values)


def read_file(source: str | Path | IO[bytes], *, filename: str = "") -> list:
    """Every row of a publication file as a record or its errors (DossierFileError when the
    file cannot be read at all)."""
    table = open_table(source, filename=filename, columns=COLUMNS, required=("MaTTHC",))
    index = table.header.mapping
    try:
        return [
            _row(number, {n: row[i] if i < len(row) else None for n, i in index.items()})
            for number, row in table.rows
            if not blank(row)
        ]
    finally:
        table.close()


def import_publication(rows: Sequence, *, by) -> tuple[int, list[RowError]]:
    """Save the publication of every procedure a file names, or nothing when a row is wrong
    (a bad cell, an unknown procedure code, a code written twice). Returns (saved, errors)."""
    records = [r for r in rows if isinstance(r, PublicationRecord)]
    errors = [e for r in rows if isinstance(r, list) for e in r]
    found = {p.code: p for p in Procedure.objects.filter(code__in=[r.code for r in records])}
    seen: dict[str, int] = {}
    for item in records:
        if item.code not in found:
            reason = _("No procedure of the catalogue has this code.")
            errors.append(RowError(item.row, "MaTTHC", item.code, reason))
        elif item.code in seen:
            reason = _("The same procedure code is already on row %(row)s.") % {
                "row": seen[item.code]
            }
            errors.append(RowError(item.row, "MaTTHC", item.code, reason))
        seen.setdefault(item.code, item.row)
    if errors:
        return 0, sorted(errors, key=lambda e: (e.row, e.column))
    with transaction.atomic():
        for item in records:
            _save(found[item.code], item.values, by)
    return len(records), []


def _snapshot(procedure: Procedure) -> dict[str, object]:
    return {name: str(getattr(procedure, name)) for name in FIELDS}


def _save(procedure: Procedure, values: dict[str, object], by) -> bool:
    before = _snapshot(procedure)
    for name in FIELDS:
        setattr(procedure, name, values[name])
    after = _snapshot(procedure)
    if before == after:
        return False
    procedure.save(update_fields=[*FIELDS, "updated_at"])
    record("procedure.publication", by=by, obj=procedure, before=before, after=after)
    return True


def edit_publication(procedure: Procedure, values: dict[str, object], *, by) -> dict[str, str]:
    """Save one procedure's publication from the edit page; the reasons when refused."""
    errors = check(values)
    if not errors:
        with transaction.atomic():
            _save(procedure, values, by)
    return errors


# --- the transparency criteria ---------------------------------------------------------------
def within_competence(unit: Unit):
    """The catalogue's procedures a unit (or a unit below it) carries out: one rule with the
    indicators' (`competence`, version 2 of the contract)."""
    return competence_by_unit([unit])[unit.pk]


def competence_by_unit(units: list[Unit]) -> dict[int, list[Procedure]]:
    """`within_competence` of several units in three queries whatever their number."""
    return {pk: list(found) for pk, found in competence_shared(units).items()}


def competence_shared(units: list[Unit], *, decided: bool = False) -> dict[int, list[Procedure]]:
    """`competence_by_unit`, where the units that share their levels share one list (the
    same object: to read, not to change), so a caller may count each list once. With
    `decided`, only the procedures whose publication was decided: the only ones the
    transparency criteria (`published_on_time_of` …) count, each of them skips the others."""
    procedures = Procedure.objects.filter(unclassified=False)
    if decided:
        procedures = procedures.filter(publication_decided__isnull=False)
    procedures = procedures.only("code", "name", "field", "level", *FIELDS)
    read = list(procedures)
    levels = competence.levels_of(units)
    by_levels = {  # the units of a province share a few sets of levels
        found: [p for p in read if competence.within(p.level, found)]
        for found in set(levels.values())
    }
    return {unit.pk: by_levels[levels[unit.pk]] for unit in units}


def _rate(pairs: list[bool]) -> tuple[int, int] | None:
    return (sum(pairs), len(pairs)) if pairs else None


def published_on_time_of(procedures, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """Index criterion "procedures published on time" (transparency, 6 points): of the
    procedures whose publication was decided in [start, end] and whose act's effective date
    is known, those decided at least 5 working days before that date."""
    return _rate(
        [
            p.publication_decided <= add_working_days(p.act_effective, -DECIDED_BEFORE_EFFECT)
            for p in procedures
            if p.act_effective and p.publication_decided and start <= p.publication_decided <= end
        ]
    )


def national_db_on_time_of(procedures, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """Index criterion "published on the national database on time" (transparency, 4 points):
    of the procedures whose publication was decided in [start, end], those published on the
    national database within 5 working days of the decision."""
    return _rate(
        [
            bool(p.on_national_db and p.national_db_on)
            and p.national_db_on <= add_working_days(p.publication_decided, NATIONAL_DB_WITHIN)
            for p in procedures
            if p.publication_decided and start <= p.publication_decided <= end
        ]
    )


def seven_parts_of(procedures, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """Index criterion "published with all seven parts" (transparency, 2 points): of the
    procedures published (decided on or before `end`), those carrying the seven parts.
    `start` is taken for the common signature: what is published stays published."""
    del start
    return _rate(
        [
            set(PART_CODES) <= set(p.parts or ())
            for p in procedures
            if p.publication_decided and p.publication_decided <= end
        ]
    )


def published_on_time(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    return published_on_time_of(within_competence(unit), start, end)


def national_db_on_time(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    return national_db_on_time_of(within_competence(unit), start, end)


def seven_parts(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    return seven_parts_of(within_competence(unit), start, end)
