"""The plans' entry in the main menu, shown to everyone signed in, and the page `/` falls back
to for a person no other app lands (registered with cchc.core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import Landing, MenuEntry, register

register(MenuEntry("plans", _("Plans"), "plans:list", order=50))
register(Landing("plans", 1000, lambda viewer: reverse("plans:list")))
