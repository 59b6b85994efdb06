"""What one dossier contributes to the indicators, decided once when it is imported.

The rules are the contract's (`specs/dossiers-and-indicators.md`) and the national ones
(`domain/README.md` §4): a dossier is on time when its end of processing, less the time spent
waiting for the applicant's supplement, is not after its appointment; a second supplement
request makes it late; a finished dossier with no end date is late; an unfinished one is judged
at the end of the window, unless it is waiting for a supplement, in which case the clock
stopped when the supplement was requested.

Only the unfinished case depends on the window, and only through the window's last day, so a
dossier is summarised by one date, `on_time_until`: it is on time in any window whose last day
is on or before that date.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .models import ALWAYS, NEVER
from .records import DossierRecord

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
FINISHED_STATUSES = frozenset({7, 8, 9, 10})
REFUSED_AT_INTAKE = 3
_DAY_END = dt.time(23, 59, 59)
_ZERO = dt.timedelta(0)


def is_finished(record: DossierRecord) -> bool:
    return record.status in FINISHED_STATUSES or record.processing_ended is not None


def supplement_time(record: DossierRecord) -> dt.timedelta:
    if record.supplement_requested and record.supplement_supplied:
        return record.supplement_supplied - record.supplement_requested
    return _ZERO


def on_time_until(record: DossierRecord) -> dt.date:
    """The last window end (a local date) for which the dossier counts as on time."""
    due = record.due
    assert due is not None  # computed from the catalogue before this is asked
    if record.supplements >= 2:
        return NEVER
    waiting = record.supplement_requested is not None and record.supplement_supplied is None
    if is_finished(record):
        end = record.processing_ended or record.returned
        if end is None:
            return NEVER
        return ALWAYS if end - supplement_time(record) <= due else NEVER
    if waiting:
        assert record.supplement_requested is not None
        return ALWAYS if record.supplement_requested <= due else NEVER
    # Unfinished: on time while (window end 23:59:59) - S <= due, i.e. window end <= due + S.
    limit = (due + supplement_time(record)).astimezone(LOCAL)
    last_day = limit.date()
    if dt.datetime.combine(last_day, _DAY_END, LOCAL) > limit:
        last_day -= dt.timedelta(days=1)
    return last_day


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL).date()
