from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class LockoutAttempt(AccessAttempt):
    """django-axes' failure records (what holds a lockout), under our name and labels."""

    class Meta:
        proxy = True
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins (lockouts)")


class TwoStepDevice(TOTPDevice):
    """django-otp's authenticator devices, under our name, for the audited reset."""

    class Meta:
        proxy = True
        verbose_name = _("two-step login")
        verbose_name_plural = _("two-step login (authenticator apps)")
