"""Core's part of the main menu: the "Chỉ số" dropdown that the index apps (indicators, the
service index, the PAR Index, surveys) put their entries in, so the bar fits 1366 px."""

from django.utils.translation import gettext_lazy as _

from cchc.core.navigation import MenuGroup, register

register(MenuGroup("indices", _("Indices"), order=40))
