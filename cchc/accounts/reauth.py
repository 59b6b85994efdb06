"""Re-authentication before role changes and deletions in the admin (issue 17.3).

Rule: an administrator types their password again before opening or posting
- any page that adds, changes or deletes a user, a membership (a role in a unit) or a group,
  or sets a user's password;
- any deletion in the admin (an object's delete page, or the "delete selected" action).
A confirmation holds for `REAUTH_SECONDS` (default 10 minutes). Reading lists and history
never asks. The password goes through `authenticate()`, so a wrong one counts towards the
lockout and is recorded like any failed login.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.urls import reverse

from .detour import DetourMiddleware

SESSION_REAUTH_AT = "cchc_reauth_at"
ROLE_MODELS = {("org", "user"), ("org", "membership"), ("auth", "group")}
ROLE_PAGES = {"add", "change", "delete", "password"}


def needs_reauth(request) -> bool:
    admin_root = reverse("admin:index")
    if not request.path.startswith(admin_root):
        return False
    parts = [p for p in request.path[len(admin_root) :].split("/") if p]
    if len(parts) < 2:
        return False
    if parts[-1] == "delete" and len(parts) >= 4:
        return True
    if request.method == "POST" and request.POST.get("action") == "delete_selected":
        return True
    return (parts[0], parts[1]) in ROLE_MODELS and len(parts) >= 3 and parts[-1] in ROLE_PAGES


def is_fresh(request) -> bool:
    confirmed = request.session.get(SESSION_REAUTH_AT)
    return confirmed is not None and time.time() - confirmed <= settings.REAUTH_SECONDS


def mark_confirmed(request) -> None:
    request.session[SESSION_REAUTH_AT] = time.time()


class ReauthMiddleware(DetourMiddleware):
    def detour(self, request, user) -> str | None:
        if user.is_staff and needs_reauth(request) and not is_fresh(request):
            # A form posted without a fresh confirmation is not applied: the administrator
            # confirms, comes back to the page and submits again.
            return reverse("accounts:confirm_password")
        return None
