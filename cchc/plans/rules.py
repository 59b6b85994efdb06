"""Rules about a plan as a whole that every app writing to a plan's tasks or targets obeys.

A closed plan is the record of a finished year: its tasks and targets stay as they were
(reopen the plan, through its status, to correct them).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .choices import PlanStatus
from .models import Plan


def require_open(plan: Plan) -> None:
    """Refuse (403, with the way out) any change to a closed plan's tasks or targets."""
    if plan.status == PlanStatus.CLOSED:
        raise PermissionDenied(
            _("This plan is closed: reopen it (Edit plan → status) to change its tasks or targets.")
        )
