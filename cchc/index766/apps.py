from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Index766Config(AppConfig):
    name = "cchc.index766"
    label = "index766"
    verbose_name = _("Service index 766")

    def ready(self) -> None:
        from cchc.audit.history import register

        from .sources import register_builtin

        register_builtin()

        register(
            actions={
                "index766.publish": _("Service index published"),
                "index766.correct": _("Service index correction published"),
            }
        )
