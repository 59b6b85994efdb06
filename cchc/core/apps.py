from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cchc.core"
    label = "core"
    verbose_name = "CCHC"

    def ready(self) -> None:
        # Each app's `menu.py` registers its menu entries and landing pages (navigation.py).
        from cchc.audit.history import register

        autodiscover_modules("menu")
        register(actions={"audit.export": _("Audit trail exported")})
