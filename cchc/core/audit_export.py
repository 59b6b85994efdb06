"""The audit trail and the security events as an Excel file, for an inspection.

Every change and every sign-in, failure, lockout and logout is an `AuditEvent`; this writes
the events of a date window (optionally of one unit and the units below it) one row each, in
the order they happened, with the raw before/after values beside the readable action. The
export itself is recorded, so the trail shows who took a copy of it and of what.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc.audit.history import action_label
from cchc.audit.log import record
from cchc.audit.models import AuditEvent
from cchc.documents.excel import TableRow, workbook_bytes, write_table
from cchc.formats import day
from cchc.org.access import within
from cchc.org.models import Unit

HEADERS = [
    _("Time"),
    _("Username"),
    _("Name"),
    _("Unit"),
    _("Action code"),
    _("Action"),
    _("Object"),
    _("Before"),
    _("After"),
    _("Reason"),
]
WIDTHS = [20, 18, 24, 26, 20, 28, 36, 40, 40, 30]  # the time: dd/mm/yyyy hh:mm:ss


def events(start: dt.date, end: dt.date, unit: Unit | None = None):
    found = AuditEvent.objects.filter(at__date__gte=start, at__date__lte=end)
    if unit is not None:
        found = found.filter(within(unit))  # its predecessors' events too (decision 0140)
    return found.select_related("user", "unit").order_by("at", "pk")


def _raw(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def rows(found) -> Iterator[TableRow]:
    for event in found.iterator(chunk_size=2000):
        user = event.user
        yield (
            [
                timezone.localtime(event.at).replace(tzinfo=None),  # a date Excel sorts
                user.username if user else _("(system)"),
                (user.full_name or user.get_full_name()) if user else "",
                event.unit.name if event.unit else "",
                event.action,
                action_label(event.action),
                event.object_repr,
                _raw(event.before),
                _raw(event.after),
                event.reason,
            ],
            False,
        )


def export(start: dt.date, end: dt.date, *, unit: Unit | None = None, by=None) -> bytes:
    """The .xlsx of the window's events; the export is itself recorded."""
    if end < start:
        raise ValueError(_("The window ends before it starts"))
    book = Workbook()
    sheet = book.active
    sheet.title = _("Change history")
    scope = unit.name if unit else _("all units")
    title = _("Change history and sign-ins, %(start)s – %(end)s, %(scope)s") % {
        "start": day(start),
        "end": day(end),
        "scope": scope,
    }
    found = events(start, end, unit)
    with transaction.atomic():
        count = found.count()
        write_table(sheet, title, [str(h) for h in HEADERS], WIDTHS, rows(found))
        record(
            "audit.export",
            by=by,
            unit=unit,
            after={"from": start.isoformat(), "to": end.isoformat(), "events": count},
        )
    return workbook_bytes(book)
