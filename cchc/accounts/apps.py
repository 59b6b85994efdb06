from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in security: lockout (django-axes), session limits, idle accounts."""

    name = "cchc.accounts"
    verbose_name = _("Sign-in security")

    def ready(self) -> None:
        from . import events, two_step  # noqa: F401  (connect their login receivers)
