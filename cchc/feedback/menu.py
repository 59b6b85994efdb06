"""The feedback register in the main menu (registered with cchc.core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import MenuEntry, Viewer, register
from cchc.org.choices import Role


def _unit_register(viewer: Viewer) -> str | None:
    code = viewer.unit(Role.FOCAL_POINT, Role.OFFICIAL, Role.LEADER, Role.ADMIN)
    return reverse("feedback:register", args=[code]) if code else None


register(MenuEntry("feedback", _("Feedback"), _unit_register, order=55))
