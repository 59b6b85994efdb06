from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in security: lockout (django-axes), session limits, idle accounts."""

    name = "cchc.accounts"
    verbose_name = _("Sign-in security")

    def ready(self) -> None:
        from cchc.audit.history import register

        from . import events, two_step  # noqa: F401  (connect their login receivers)

        register(
            actions={
                "login": _("Signed in"),
                "logout": _("Signed out"),
                "login.failed": _("Sign-in failed"),
                "login.locked": _("Account locked after failed sign-ins"),
                "login.unlocked": _("Sign-in lock lifted"),
                "reauth": _("Password confirmed again"),
                "two_step.enrolled": _("Two-step sign-in set up"),
                "two_step.verified": _("Two-step code accepted"),
                "two_step.failed": _("Two-step code refused"),
                "two_step.reset": _("Two-step sign-in reset"),
                "account.disabled": _("Account disabled after a long time without sign-in"),
            }
        )
