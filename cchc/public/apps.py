from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "cchc.public"
    label = "public"
    verbose_name = _("Public pages")

    def ready(self):
        from . import refresh

        refresh.connect()
