"""The figures' entry in the main menu (registered with cchc.core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import MenuEntry, Viewer, register
from cchc.org.choices import Role

_ROLES = (Role.FOCAL_POINT, Role.OFFICIAL, Role.LEADER, Role.REVIEWER, Role.VIEWER, Role.ADMIN)


def _unit_figures(viewer: Viewer) -> str | None:
    code = viewer.unit(*_ROLES)
    return reverse("figures:unit", args=[code]) if code else None


register(MenuEntry("figures", _("Figures"), _unit_figures, order=45))
