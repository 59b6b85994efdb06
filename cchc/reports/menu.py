"""The reports' entry in the main menu (registered with cchc.core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import MenuEntry, Viewer, register
from cchc.org.choices import Role


def _reports(viewer: Viewer) -> str | None:
    code = viewer.unit(Role.FOCAL_POINT, Role.LEADER, Role.REVIEWER, Role.OFFICIAL, Role.VIEWER)
    return reverse("reports:unit", args=[code]) if code else None


register(MenuEntry("reports", _("Reports"), _reports, order=45))
