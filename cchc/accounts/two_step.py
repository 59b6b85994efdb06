"""Two-step login, built on django-otp (issue 17.1).

Rule: after the password, a person who has enrolled a second factor must give a code from
their authenticator app (TOTP, 6 digits, 30 s) or one of their 10 one-time recovery codes
before any page opens. When `TWO_STEP_REQUIRED` is on (default: `CCHC_ENV=production`), the
people who must have one — staff and superusers, the administrator and upper-level reviewer
roles, and any role in a province or district — are sent to enrolment before any other page.
Everyone else may enrol (menu → Xác thực hai bước). A recovery code works once. Wrong codes are
slowed by django-otp's throttling and recorded. An administrator resets a person's second
factor in the admin (audited); the person then enrols again.

What a login needs ("device": a code; "required": enrolment; "none") is worked out once, when
the password is accepted, and kept in the session, so ordinary pages cost no query.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django_otp import user_has_device

from cchc.org.choices import Role, UnitKind

from .detour import DetourMiddleware

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


SESSION_TWO_STEP = "cchc_two_step"
DEVICE, REQUIRED, NONE = "device", "required", "none"


def two_step_state(user) -> str:
    if user_has_device(user):
        return DEVICE
    if settings.TWO_STEP_REQUIRED and must_use_two_step(user):
        return REQUIRED
    return NONE


@receiver(user_logged_in, dispatch_uid="cchc-two-step-state")
def _remember_state(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_TWO_STEP] = two_step_state(user)


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


class TwoStepMiddleware(DetourMiddleware):
    def detour(self, request, user) -> str | None:
        if user.is_verified() or _exempt(request.path):
            return None
        state = request.session.get(SESSION_TWO_STEP)
        if state is None:  # a session opened before this rule
            state = request.session[SESSION_TWO_STEP] = two_step_state(user)
        return {
            DEVICE: reverse("accounts:two_step_verify"),
            REQUIRED: reverse("accounts:two_step_setup"),
        }.get(state)
