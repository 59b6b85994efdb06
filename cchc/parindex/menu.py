"""The PAR Index in the main menu: a unit's own assessment of the year for its people, the
ranking of the units below for the upper level."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import MenuEntry, Viewer, register
from cchc.org.choices import Role


def _link(viewer: Viewer) -> str | None:
    year = timezone.localdate().year
    code = viewer.unit(Role.FOCAL_POINT, Role.LEADER, Role.OFFICIAL, Role.VIEWER)
    if code:
        return reverse("parindex:assessment", args=[code, year])
    code = viewer.unit(Role.REVIEWER, Role.ADMIN)
    return reverse("parindex:ranking", args=[code, year]) if code else None


register(MenuEntry("parindex", _("PAR Index"), _link, order=42, group="indices"))
