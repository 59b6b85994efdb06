"""Session limits: a login ends after `SESSION_IDLE_SECONDS` without a request (default 30
minutes) and, whatever the activity, `SESSION_COOKIE_AGE` after it began (default 8 hours).

The time of the login is written by the login receiver (events.py); the time of the last
request is refreshed at most once a minute, so an ordinary page view does not write the
session on every request.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from .events import SESSION_LOGIN_AT

SESSION_SEEN_AT = "cchc_seen_at"
REFRESH_EVERY = 60


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._expired(request)
            if expired:
                request.cchc_logout_reason = expired
                logout(request)
                messages.warning(request, _("Your session has expired: please sign in again."))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def _expired(self, request) -> str:
        session = request.session
        now = time.time()
        login_at = session.get(SESSION_LOGIN_AT)
        seen_at = session.get(SESSION_SEEN_AT)
        if login_at is None:  # a session opened before this rule: start counting now
            session[SESSION_LOGIN_AT] = login_at = now
        if now - login_at > settings.SESSION_COOKIE_AGE:
            return _("session lifetime reached (%(hours)s hours)") % {
                "hours": round(settings.SESSION_COOKIE_AGE / 3600, 1)
            }
        if seen_at is not None and now - seen_at > settings.SESSION_IDLE_SECONDS:
            return _("no activity for %(minutes)s minutes") % {
                "minutes": settings.SESSION_IDLE_SECONDS // 60
            }
        if seen_at is None or now - seen_at >= REFRESH_EVERY:
            session[SESSION_SEEN_AT] = now
        return ""
