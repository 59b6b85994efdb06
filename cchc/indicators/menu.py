"""The indicators' entry in the main menu (registered with cchc.core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import MenuEntry, Viewer, register
from cchc.org.choices import Role

# Whose unit the entry opens when a person holds several roles.
_ROLES = (Role.FOCAL_POINT, Role.LEADER, Role.REVIEWER, Role.OFFICIAL, Role.VIEWER, Role.ADMIN)


def _unit_indicators(viewer: Viewer) -> str | None:
    code = viewer.unit(*_ROLES)
    return reverse("indicators:unit", args=[code]) if code else None


register(
    MenuEntry("indicators", _("Procedure indicators"), _unit_indicators, order=40, group="indices")
)
