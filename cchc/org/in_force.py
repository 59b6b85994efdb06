"""Which unit takes a new record about a time: the rule of decision 0148.

A record about a time — a figure of a period, a report of its window, a PAR assessment of a
year, a month's published service index, feedback received on a day, a survey campaign or a
kiosk device — belongs to the unit in force on that time's last day. After the 2025
reorganisation a dissolved commune keeps everything it recorded while it was in force (its
successor sees it through `within`, decision 0140), but takes no new record about a time after
it ended: the action refuses, naming the unit that took its work over, whatever the caller
(page, API, command). A unit made by a merger likewise takes no record about a time before it
began — the communes it replaced hold those.

Plans differ on purpose (`cchc.plans.rules.ensure_in_force`): a plan is made at the start of
its year, so a unit in force at any time that year makes one.

The pages of a dissolved unit say the same before anyone tries (the notice of
`core.templatetags.cchc.not_in_force`, linking to the successor's page).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cchc.formats import day


class UnitNotInForce(PermissionDenied):
    """A new record for a unit that is not in force at the time it is about."""


def not_in_force_message(unit, on: dt.date, instead: str) -> str:
    """Why `unit` takes no record about `on` and where it goes instead (Vietnamese)."""
    successor = unit.successor_in_force(on)
    if successor is not None:
        return _(
            "%(unit)s is no longer in force on %(day)s: its work passed to %(successor)s; "
            "%(instead)s"
        ) % {"unit": unit.name, "day": day(on), "successor": successor.name, "instead": instead}
    if unit.valid_from is not None and on < unit.valid_from:
        return _(
            "%(unit)s is in force from %(start)s: what comes before belongs to the units it "
            "replaced."
        ) % {"unit": unit.name, "start": day(unit.valid_from)}
    return _("%(unit)s is not in force on %(day)s.") % {"unit": unit.name, "day": day(on)}


def refusal(unit, on: dt.date, *, instead: str) -> str | None:
    """The reason a new record of `unit` about a time ending on `on` is refused, or None when
    the unit is in force that day; `instead` says what to do (“enter the figure for that
    unit.”). Actions whose pages show refusals beside the typed values raise it in their own
    form (a field's error); the others call `ensure_in_force`."""
    return None if unit.is_current(on) else not_in_force_message(unit, on, instead)


def last_day(unit, today: dt.date) -> dt.date:
    """Today, or for a unit dissolved by a reorganisation its last day in force: where its
    pages start (the year, period or dates they show first), not the empty time since."""
    return min(today, unit.valid_to) if unit.valid_to is not None else today


def as_of(unit, today: dt.date) -> dt.date:
    """The day a unit's own figures are told as of: today, or for a unit dissolved by a
    reorganisation the day after its last — its last month and year in force, not the empty
    months since (the public page, the month a page offers to publish)."""
    if unit.valid_to is not None and unit.valid_to < today:
        return unit.valid_to + dt.timedelta(days=1)
    return today


def ensure_in_force(unit, on: dt.date, *, instead: str) -> None:
    """Refuse (UnitNotInForce, the Vietnamese 403 page with the reason) a new record of `unit`
    about a time ending on `on` when the unit is not in force that day."""
    reason = refusal(unit, on, instead=instead)
    if reason is not None:
        raise UnitNotInForce(reason)
