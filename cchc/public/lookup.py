"""The public dossier lookup: a dossier of the unit (or a unit below it) found by its code,
shown as its procedure, status, dates and whether it is on time — nothing else of it, and
nothing at all when the code is malformed or not the unit's (the same answer whether or not
the code exists elsewhere)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.dossiers.models import ALWAYS, NEVER, Dossier
from cchc.org.access import path_within, with_predecessors
from cchc.org.models import Unit

# The dossier codes in use: the 2025 format (`000.31.35.H55-260105-0001`) and older local
# ones: letters, digits and . - _ /, 4 to 80 characters.
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{3,79}$")

STATUS = {
    1: gettext_lazy("submitted"),
    2: gettext_lazy("accepted"),
    3: gettext_lazy("refused at intake"),
    4: gettext_lazy("in progress"),
    5: gettext_lazy("waiting for the applicant's supplement"),
    6: gettext_lazy("waiting for payment"),
    7: gettext_lazy("withdrawn by the applicant"),
    8: gettext_lazy("processing stopped"),
    9: gettext_lazy("processed"),
    10: gettext_lazy("result returned to the applicant"),
}


_SHOWN = (
    "code",
    "received",
    "due",
    "processing_ended",
    "returned",
    "status",
    "counted",
    "on_time_until",
    "procedure__code",
    "procedure__name",
    "unit__path",
)


class Refused(Exception):
    """A lookup that shows nothing: `message` (Vietnamese) and the HTTP status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message, self.status = message, status


@dataclass(frozen=True)
class Found:
    code: str
    procedure_code: str
    procedure_name: str
    status: str
    received: dt.datetime
    due: dt.datetime
    ended: dt.datetime | None
    timing: str  # "on_time", "late", "within_time", "" (not judged: refused at intake)


def _timing(dossier: Dossier, today: dt.date) -> str:
    if not dossier.counted:
        return ""
    if dossier.on_time_until == ALWAYS:
        return "on_time"
    if dossier.on_time_until == NEVER:
        return "late"
    return "within_time" if dossier.on_time_until >= today else "late"


def find(unit: Unit, code: str, today: dt.date) -> Found:
    code = (code or "").strip()
    if not CODE.match(code):
        raise Refused(
            _(
                "This is not a dossier code: it has 4 to 80 letters, digits and . - _ / "
                "(as printed on the receipt)."
            ),
            400,
        )
    dossier = (
        Dossier.objects.visible()
        .filter(code=code)
        .select_related("procedure", "unit")
        .only(*_SHOWN)
        .first()
    )
    if dossier is None or not path_within(dossier.unit.path, with_predecessors([unit.path])):
        raise Refused(_("No dossier of this unit has this code."), 404)
    ended = dossier.processing_ended or dossier.returned
    return Found(
        code=dossier.code,
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure.name,
        status=str(STATUS.get(dossier.status or 0, _("not given"))),
        received=dossier.received,
        due=dossier.due,
        ended=ended,
        timing=_timing(dossier, today),
    )
