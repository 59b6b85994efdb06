from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BasicsConfig(AppConfig):
    """Everyday basics: searching within one's scope, the guide served by the site, and
    passwords reset by an administrator or by a link sent by email."""

    name = "cchc.basics"
    label = "basics"
    verbose_name = _("Everyday basics")

    def ready(self):
        from cchc.audit.history import register

        register(
            actions={"account.password_reset": _("Password reset by an administrator")},
            fields={"how": _("How")},
        )
