"""Where each person lands after signing in, and the links the menu offers them."""

from __future__ import annotations

from django.urls import reverse

from cchc.org.access import Action, access_for
from cchc.org.choices import Role

# Which role's page comes first when a person holds several.
_PRIORITY = [Role.FOCAL_POINT, Role.LEADER, Role.REVIEWER, Role.OFFICIAL]


def home_units(user) -> dict[str, str]:
    """The code of the unit each of the user's roles is held in (first membership per role);
    read from the access grants, so it costs no query."""
    found: dict[str, str] = {}
    for grant in access_for(user).grants:
        found.setdefault(grant.role, grant.unit_code)
    return found


def landing_url(user) -> str:
    """Official → My tasks; focal point or leader → their unit's dashboard; upper-level
    reviewer → the comparison of the units below; anyone else → the plans."""
    units = home_units(user)
    for role in _PRIORITY:
        code = units.get(role)
        if not code:
            continue
        if role in (Role.FOCAL_POINT, Role.LEADER):
            return reverse("tracking:dashboard", args=[code])
        if role == Role.REVIEWER:
            return reverse("tracking:compare", args=[code])
        return reverse("tracking:mine")
    return reverse("plans:list")


def menu(user) -> dict:
    """The follow-up links of the main menu, and the unread notifications count."""
    from .models import Notification

    units = home_units(user)
    access = access_for(user)
    reports_own = any(g.post_id and Action.REPORT_OWN in g.actions for g in access.grants)
    return {
        "my_tasks": reports_own or user.task_assignments.exists(),
        "dashboard": units.get(Role.FOCAL_POINT)
        or units.get(Role.LEADER)
        or units.get(Role.OFFICIAL),
        "compare": units.get(Role.REVIEWER),
        "indicators": next(
            (units[r] for r in (*_PRIORITY, Role.VIEWER, Role.ADMIN) if units.get(r)), None
        ),
        "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
    }
