from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "cchc.org"
    label = "org"
    verbose_name = _("Units and people")

    def ready(self) -> None:
        from cchc.audit.history import register

        register(
            actions={
                "user.password": _("Password changed by an administrator"),
                "user.deactivate": _("Account disabled"),
                "user.delete": _("Account deleted"),
                "membership.create": _("Membership added"),
                "membership.delete": _("Membership removed"),
            }
        )
