"""Passwords reset by an administrator: a temporary password shown once, or a reset link sent
to the person's email. One transaction and one audit event each (never the password itself)."""

from __future__ import annotations

import secrets

from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.org.access import Action, access_for
from cchc.org.models import Membership

# No letters that read alike (l, 1, I, O, 0) — the password is read out or copied by hand.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def may_reset(by, user) -> bool:
    """An administrator may reset the password of a person all of whose units they manage;
    a superuser anyone's. Nobody but a superuser resets a superuser's or a staff member's."""
    if by.is_superuser:
        return True
    if user.is_superuser or user.is_staff or user.pk == by.pk:
        return False
    access = access_for(by)
    units = [m.unit for m in Membership.objects.filter(user=user).select_related("unit")]
    return bool(units) and all(access.can(Action.MANAGE, unit) for unit in units)


def _check(by, user) -> None:
    if not may_reset(by, user):
        raise PermissionDenied(
            _("You may not reset the password of %(name)s.") % {"name": str(user)}
        )


def _unit_of(user):
    membership = Membership.objects.filter(user=user).select_related("unit").first()
    return membership.unit if membership else None


def temporary_password() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(12))


@transaction.atomic
def set_temporary_password(user, *, by) -> str:
    """Give `user` a new random password, returned to be shown once to the administrator.
    Their open sessions end (the password changed) and a lockout on their name is lifted."""
    _check(by, user)
    password = temporary_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    _lift_lockout(user, by)
    _record_reset(user, by, _("temporary password"))
    return password


class _OnePersonResetForm(PasswordResetForm):
    """Django's reset email, to the one person chosen (not everyone sharing the address)."""

    def __init__(self, user):
        super().__init__({"email": user.email})
        self._user = user

    def get_users(self, email):
        return [self._user]


def send_reset_link(user, *, by, request) -> None:
    """Email `user` a link to choose a new password themselves."""
    _check(by, user)
    if not user.email:
        raise ValidationError(_("%(name)s has no email address.") % {"name": str(user)})
    with transaction.atomic():
        form = _OnePersonResetForm(user)
        form.is_valid()
        form.save(request=request, use_https=request.is_secure(), **RESET_TEMPLATES)
        _record_reset(user, by, _("reset link sent by email"))


RESET_TEMPLATES = {
    "subject_template_name": "basics/password_reset_subject.txt",
    "email_template_name": "basics/password_reset_email.txt",
}


def _lift_lockout(user, by) -> None:
    from axes.models import AccessAttempt

    from cchc.accounts.actions import unlock

    attempts = AccessAttempt.objects.filter(username=user.username)
    if attempts.exists():
        unlock(attempts, by=by, reason=_("password reset by an administrator"))


def _record_reset(user, by, how) -> None:
    record(
        "account.password_reset",
        by=by,
        obj=user,
        unit=_unit_of(user),
        after={"user": user.username, "how": how},
    )
