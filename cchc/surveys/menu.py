"""The survey results page in the main menu, for anyone who may view a unit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import MenuEntry, Viewer, register
from cchc.org.choices import Role


def _results(viewer: Viewer) -> str | None:
    code = viewer.unit(Role.FOCAL_POINT, Role.LEADER, Role.REVIEWER, Role.OFFICIAL)
    return reverse("surveys:results", args=[code]) if code else None


register(MenuEntry("surveys", _("Khảo sát hài lòng"), _results, order=60, group="indices"))
