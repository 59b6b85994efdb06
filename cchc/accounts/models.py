from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _


class LockoutAttempt(AccessAttempt):
    """django-axes' failure records (what holds a lockout), under our name and labels."""

    class Meta:
        proxy = True
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins (lockouts)")
