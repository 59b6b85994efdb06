"""The administrator's link to the people of their unit (password reset)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import MenuEntry, Viewer, register
from cchc.org.choices import Role


def _people(viewer: Viewer) -> str | None:
    code = viewer.unit(Role.ADMIN)
    return reverse("basics:people", args=[code]) if code else None


register(MenuEntry("people", _("People"), _people, order=90))
