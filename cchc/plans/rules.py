"""Rules about what may be written to a plan, enforced by the actions whatever calls them.

A closed plan is the record of a finished year: nothing is written to it — no task or target
added, edited or deleted, no progress reported, no figure entered, no indicator linked — until
it is reopened through its status (`save_plan` stays allowed, so reopening is possible). The
actions call `ensure_open` before writing; pages, the API and commands get `PlanClosed`, a
refusal Django renders as the Vietnamese 403 page with the reason.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .choices import PlanStatus


class PlanClosed(PermissionDenied):
    """A write to a closed plan was refused."""


def is_open(plan) -> bool:
    """Whether `plan` may be written to, as the database has it now (the object in hand may
    be stale: a page loaded before the plan was closed)."""
    if plan.pk is None:
        return plan.status != PlanStatus.CLOSED
    status = type(plan).objects.filter(pk=plan.pk).values_list("status", flat=True).first()
    return (status or plan.status) != PlanStatus.CLOSED


def ensure_open(plan) -> None:
    """Refuse (PlanClosed, with the Vietnamese reason) any write to a closed plan."""
    if not is_open(plan):
        raise PlanClosed(
            _("This plan is closed: reopen it (Edit plan → status) to change its tasks or targets.")
        )
