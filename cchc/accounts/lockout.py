"""Login lockout, built on django-axes.

Rule: a login is refused, whatever the password, while either
- the account has had `LOGIN_MAX_FAILURES` failures (from any address), or
- the client address has had `LOGIN_MAX_FAILURES_PER_ADDRESS` failures (on any accounts),
within the last `LOGIN_WINDOW_SECONDS`. Each failure during a lockout restarts that window. An
administrator can lift a lockout earlier (admin "Lượt đăng nhập sai", action "Mở khóa").

Axes counts failures per lockout parameter but has one limit for all of them; this handler
gives each parameter its own limit. Axes compares `get_failures()` with `AXES_FAILURE_LIMIT`
(set to the account limit), so the address count is expressed on the account's scale:
  floor(address_failures * account_limit / address_limit) >= account_limit
  exactly when address_failures >= address_limit.
"""

from __future__ import annotations

import datetime as dt
import math

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Sum
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


def account_limit(request=None, credentials=None) -> int:
    return max(1, settings.LOGIN_MAX_FAILURES)


def address_limit() -> int:
    return max(1, settings.LOGIN_MAX_FAILURES_PER_ADDRESS)


def lockout_window(request=None) -> dt.timedelta:
    return dt.timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)


def lockout_message() -> str:
    minutes = max(1, math.ceil(settings.LOGIN_WINDOW_SECONDS / 60))
    return _(
        "Too many failed sign-ins. Sign-in is paused: wait %(minutes)s minutes and try again, "
        "or ask your administrator to unlock it."
    ) % {"minutes": minutes}


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate limit for the account and for the address."""

    def failure_counts(self, request, credentials=None) -> tuple[int, int]:
        """(failures of the account, failures from the address) inside the window."""
        per_account, per_address = self.get_user_attempts(request, credentials)
        return (
            per_account.aggregate(n=Sum("failures_since_start"))["n"] or 0,
            per_address.aggregate(n=Sum("failures_since_start"))["n"] or 0,
        )

    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = self.failure_counts(request, credentials)
        limit = account_limit()
        return max(by_account, by_address * limit // address_limit())


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of a login while locked: the sign-in page (site or admin) with one
    message that is the same for existing and unknown accounts."""
    from django.contrib import admin
    from django.contrib.admin.forms import AdminAuthenticationForm
    from django.forms.utils import ErrorDict, ErrorList

    from cchc.core.forms import LoginForm

    is_admin = request.path.startswith(reverse("admin:index"))
    form_class = AdminAuthenticationForm if is_admin else LoginForm
    # An unbound form: binding it would run authenticate() and count one more failure.
    form = form_class(request, initial={"username": request.POST.get("username", "")[:150]})
    form._errors = ErrorDict({NON_FIELD_ERRORS: ErrorList([lockout_message()])})
    context = {"form": form, "next": request.POST.get("next", ""), "locked": True}
    template = "core/login.html"
    if is_admin:
        template = "admin/login.html"
        context.update(admin.site.each_context(request))
        context.update({"title": _("Log in"), "app_path": request.get_full_path()})
    return render(request, template, context, status=settings.AXES_HTTP_RESPONSE_CODE)
