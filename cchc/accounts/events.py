"""Every sign-in, failed sign-in, lockout and sign-out is an audit event (cchc.audit.log).

Failed sign-ins have no user (the name typed may not exist): the name and the address go in
the event's `after`. The receivers are connected after django-axes' own, so a failure that
triggers a lockout is already counted when it is recorded.
"""

from __future__ import annotations

import time

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.functional import SimpleLazyObject, empty

from cchc.audit.log import record

from .addresses import client_address

SESSION_LOGIN_AT = "cchc_login_at"


def _where(request) -> dict:
    return {
        "address": client_address(request),
        "path": (request.path if request is not None else "")[:200],
    }


def _concrete(user):
    """request.user is a lazy wrapper (two: auth's and django-otp's); the audit needs the
    model instance."""
    while isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


@receiver(user_logged_in, dispatch_uid="cchc-audit-login")
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = request.session["cchc_seen_at"] = time.time()
    record("login", by=user, obj=user, after={"username": user.get_username(), **_where(request)})


@receiver(user_logged_out, dispatch_uid="cchc-audit-logout")
def _logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    username = user.get_username()
    user = _concrete(user)
    reason = getattr(request, "cchc_logout_reason", "")
    record(
        "logout",
        by=user,
        obj=user,
        after={"username": username, **_where(request)},
        reason=reason,
    )


@receiver(user_login_failed, dispatch_uid="cchc-audit-login-failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    record(
        "login.failed",
        after={
            "username": username,
            "locked": bool(getattr(request, "axes_locked_out", False)),
            **_where(request),
        },
    )


@receiver(user_locked_out, dispatch_uid="cchc-audit-locked-out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(
        "login.locked",
        after={
            "username": str(username or "")[:150],
            "minutes": settings.LOGIN_WINDOW_SECONDS // 60,
            **_where(request),
        },
    )
