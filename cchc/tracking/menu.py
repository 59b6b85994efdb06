"""The follow-up's entries in the main menu, and the pages people land on by role
(registered with cchc.core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import Landing, MenuEntry, Viewer, register
from cchc.org.access import Action
from cchc.org.choices import Role


def _offers_my_tasks(viewer: Viewer) -> bool:
    """Holders of a post who may report on their own work, and anyone asked to carry a task."""
    holds_post = any(g.post_id and Action.REPORT_OWN in g.actions for g in viewer.access.grants)
    return holds_post or viewer.user.task_assignments.exists()


def _unit_page(name: str, *roles: str):
    """The link to page `name` of the unit of the first of `roles` the person holds, if any."""

    def link(viewer: Viewer) -> str | None:
        code = viewer.unit(*roles)
        return reverse(name, args=[code]) if code else None

    return link


_follow_up = _unit_page("tracking:dashboard", Role.FOCAL_POINT, Role.LEADER, Role.OFFICIAL)
_compare = _unit_page("tracking:compare", Role.REVIEWER)

register(MenuEntry("mine", _("My tasks"), "tracking:mine", visible=_offers_my_tasks, order=10))
register(MenuEntry("dashboard", _("Follow-up"), _follow_up, order=20))
register(MenuEntry("compare", _("Units compared"), _compare, order=30))

# After signing in: a focal point, then a leader, lands on their unit's dashboard, an
# upper-level reviewer on the comparison of the units below, an official on "My tasks".
register(Landing("focal-point", 10, _unit_page("tracking:dashboard", Role.FOCAL_POINT)))
register(Landing("leader", 20, _unit_page("tracking:dashboard", Role.LEADER)))
register(Landing("reviewer", 30, _unit_page("tracking:compare", Role.REVIEWER)))
register(
    Landing("official", 40, lambda v: reverse("tracking:mine") if v.unit(Role.OFFICIAL) else None)
)
