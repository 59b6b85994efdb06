from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "cchc.core"
    label = "core"
    verbose_name = "CCHC"

    def ready(self) -> None:
        # Each app's `menu.py` registers its menu entries and landing pages (navigation.py).
        autodiscover_modules("menu")
