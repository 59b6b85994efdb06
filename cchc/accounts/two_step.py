"""Two-step login, built on django-otp (issue 17.1).

Rule: after the password, a person who has enrolled a second factor must give a code from
their authenticator app (TOTP, 6 digits, 30 s) or one of their 10 one-time recovery codes
before any page opens. When `TWO_STEP_REQUIRED` is on (default: `CCHC_ENV=production`), the
people who must have one — staff and superusers, the administrator and upper-level reviewer
roles, and any role in a province or district — are sent to enrolment before any other page.
Everyone else may enrol (menu → Xác thực hai bước). A recovery code works once. Wrong codes are
slowed by django-otp's throttling and recorded. An administrator resets a person's second
factor in the admin (audited); the person then enrols again.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device

from cchc.org.choices import Role, UnitKind

UPPER_KINDS = [UnitKind.PROVINCE, UnitKind.DISTRICT]
UPPER_ROLES = [Role.ADMIN, Role.REVIEWER]


def must_use_two_step(user) -> bool:
    """Whether this person must have a second factor when two-step login is required."""
    if user.is_staff or user.is_superuser:
        return True
    return (
        user.memberships.filter(is_active=True)
        .filter(Q(role__in=UPPER_ROLES) | Q(unit__kind__in=UPPER_KINDS))
        .exists()
    )


def _exempt(path: str) -> bool:
    open_paths = (
        reverse("accounts:two_step_verify"),
        reverse("accounts:two_step_setup"),
        reverse("logout"),
        reverse("healthz"),
        settings.STATIC_URL,
        "/api/",
    )
    return any(path.startswith(p) for p in open_paths)


class TwoStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not _exempt(request.path)
        ):
            target = None
            if user_has_device(user):
                target = reverse("accounts:two_step_verify")
            elif settings.TWO_STEP_REQUIRED and must_use_two_step(user):
                target = reverse("accounts:two_step_setup")
            if target:
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
