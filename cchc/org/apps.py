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
                "user.create": _("Account created"),
                "user.update": _("Account changed"),
                "user.password": _("Password changed by an administrator"),
                "user.deactivate": _("Account disabled"),
                "user.reactivate": _("Account enabled again"),
                "user.delete": _("Account deleted"),
                "membership.create": _("Membership added"),
                "membership.update": _("Membership changed"),
                "membership.deactivate": _("Membership suspended"),
                "membership.reactivate": _("Membership restored"),
                "membership.delete": _("Membership removed"),
            }
        )
