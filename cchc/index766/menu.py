"""The service index's entry in the main menu (registered with cchc.core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import MenuEntry, Viewer, register
from cchc.org.choices import Role

_ROLES = (Role.FOCAL_POINT, Role.LEADER, Role.REVIEWER, Role.OFFICIAL, Role.VIEWER, Role.ADMIN)


def _unit_index(viewer: Viewer) -> str | None:
    code = viewer.unit(*_ROLES)
    return reverse("index766:unit", args=[code]) if code else None


register(MenuEntry("index766", _("Service index 766"), _unit_index, order=41, group="indices"))
