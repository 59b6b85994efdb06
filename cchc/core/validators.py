"""Password rules with messages our Vietnamese catalogue covers (Django 5.2 changed the
minimum-length message and its Vietnamese translation has not caught up)."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("This password is too short: it needs at least %(count)d characters.") % {
            "count": self.min_length
        }

    def get_help_text(self) -> str:
        return _("Your password needs at least %(count)d characters.") % {"count": self.min_length}
