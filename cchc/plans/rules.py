"""Rules about what may be written to a plan, enforced by the actions whatever calls them.

A plan's tasks and targets are written freely while it is a draft. Once submitted for
approval they are frozen until the leader issues it or it is returned to draft. Once issued,
a plan changes only through an amendment: while one is being prepared ("Tạo điều chỉnh"),
every task or target written is recorded in it; without one, the write is refused. A closed
plan is the record of a finished year: nothing is written to it — no task or target added,
edited or deleted, no progress reported, no figure entered, no indicator linked — until it
is reopened with the "Mở lại kế hoạch" button on its page (a reason is asked).

The actions call `ensure_open` (closed plans) or `ensure_changeable` (the plan's own rows)
before writing; pages, the API and commands get `PlanClosed`/`PlanLocked`, refusals Django
renders as the Vietnamese 403 page with the reason. See docs/decisions/0050.

A new plan is made for a unit in force during its year (`ensure_in_force`): a commune dissolved
by a merger makes no new plan — its successor does (decision 0140). Other records about a time
follow `cchc.org.in_force` (in force on the time's last day, decision 0148).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cchc.org.in_force import UnitNotInForce as UnitNotInForce  # a new plan's refusal too

from .choices import PlanStatus


class PlanClosed(PermissionDenied):
    """A write to a closed plan was refused."""


class PlanLocked(PermissionDenied):
    """A write to a plan awaiting approval, or to an issued plan outside an amendment."""


def in_force_during(unit, year: int) -> bool:
    """Whether `unit` is in force at some time in `year`."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (unit.valid_from is None or unit.valid_from <= last) and (
        unit.valid_to is None or unit.valid_to >= first
    )


def not_in_force_message(unit, year: int) -> str:
    successor = unit.successor_in_force(dt.date(year, 1, 1))
    if successor is not None:
        return _(
            "%(unit)s is not in force in %(year)s: its work passed to %(successor)s; make "
            "the plan for that unit."
        ) % {"unit": unit.name, "year": year, "successor": successor.name}
    return _("%(unit)s is not in force in %(year)s: a plan is made for a unit in force.") % {
        "unit": unit.name,
        "year": year,
    }


def ensure_in_force(unit, year: int) -> None:
    """Refuse (UnitNotInForce, with the reason) a new plan of `year` for `unit` when the unit
    is not in force at any time that year."""
    if not in_force_during(unit, year):
        raise UnitNotInForce(not_in_force_message(unit, year))


def current_status(plan) -> str:
    """The plan's status as the database has it now (the object in hand may be stale: a page
    loaded before the plan was closed)."""
    if plan.pk is None:
        return plan.status
    status = type(plan).objects.filter(pk=plan.pk).values_list("status", flat=True).first()
    return status or plan.status


def is_open(plan) -> bool:
    """Whether `plan` may be written to (not closed)."""
    return current_status(plan) != PlanStatus.CLOSED


def closed_message() -> str:
    return _(
        "This plan is closed: to change it, reopen it with the “Reopen plan” button on the "
        "plan's page (a reason is asked)."
    )


def ensure_open(plan) -> None:
    """Refuse (PlanClosed, with the Vietnamese reason) any write to a closed plan."""
    if not is_open(plan):
        raise PlanClosed(closed_message())


def ensure_changeable(plan):
    """Refuse a write to the plan's own tasks and targets unless the plan is a draft or an
    amendment of it is being prepared; return that amendment (None for a draft)."""
    status = current_status(plan)
    if status == PlanStatus.CLOSED:
        raise PlanClosed(closed_message())
    if status == PlanStatus.SUBMITTED:
        raise PlanLocked(
            _(
                "This plan is awaiting approval: its tasks and targets cannot change until the "
                "leader issues it or returns it to draft."
            )
        )
    if status == PlanStatus.ISSUED:
        amendment = plan.open_amendment()
        if amendment is None:
            raise PlanLocked(
                _(
                    "This plan is issued: change it through an amendment (“Create amendment” "
                    "on the plan's page)."
                )
            )
        return amendment
    return None
