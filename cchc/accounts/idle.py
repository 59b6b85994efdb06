"""Accounts unused for a while are disabled (issue 17.3; Decree 331/2026: 45 days).

Rule: an active account whose last login — or, never used, whose creation — is more than
`days` days ago (default `IDLE_ACCOUNT_DAYS`, 45) is disabled (`is_active = False`), with an
audit event, and the administrators of its units are told: the people with the administrator
role in the unit of one of its active memberships or the closest unit above that has one; for
an account without a unit, or when no unit above has an administrator, the system
administrators (superusers). An administrator re-enables an account in the admin (tick
"Đang hoạt động"); the account counts as used on that day (its "user.reactivate" event), so
the next run does not lock it again before it had its `days` to sign in (decision 0164).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.audit.models import AuditEvent
from cchc.formats import day
from cchc.org.choices import Role
from cchc.org.models import Membership, Unit, User


def idle_accounts(days: int, now: dt.datetime | None = None):
    since = (now or timezone.now()) - dt.timedelta(days=days)
    enabled_again = AuditEvent.objects.filter(
        action="user.reactivate",
        content_type=ContentType.objects.get_for_model(User),
        object_id=Cast(OuterRef("pk"), models.CharField()),
        at__gte=since,
    )
    return (
        User.objects.filter(is_active=True)
        .filter(Q(last_login__lt=since) | Q(last_login__isnull=True, date_joined__lt=since))
        .exclude(Exists(enabled_again))
        .order_by("username")
    )


@dataclass
class Outcome:
    disabled: list[str] = field(default_factory=list)
    notified: int = 0


def disable_idle(days: int, *, dry_run: bool = False, now: dt.datetime | None = None) -> Outcome:
    now = now or timezone.now()
    outcome = Outcome()
    with transaction.atomic():
        users = list(idle_accounts(days, now).select_for_update())
        outcome.disabled = [u.username for u in users]
        if dry_run or not users:
            return outcome
        for user in users:
            last = user.last_login or user.date_joined
            User.objects.filter(pk=user.pk).update(is_active=False)
            record(
                "account.disabled",
                obj=user,
                before={"username": user.username, "is_active": True},
                after={"username": user.username, "is_active": False},
                reason=_("no login for %(days)s days (last: %(last)s)")
                % {"days": days, "last": day(last)},
            )
        outcome.notified = _tell_administrators(users, days, now)
    return outcome


def _tell_administrators(users: list[User], days: int, now: dt.datetime) -> int:
    from cchc.notifications.actions import notify

    from .notices import ACCOUNT

    by_admin: dict[int, list[User]] = defaultdict(list)
    for user in users:
        for admin_id in _administrators_of(user):
            if admin_id != user.pk:
                by_admin[admin_id].append(user)
    count = 0
    admins = User.objects.in_bulk(list(by_admin))
    for admin_id, disabled in by_admin.items():
        names = ", ".join(f"{u.username} ({u})" for u in disabled)
        sent = notify(
            ACCOUNT,
            [admins[admin_id]],
            key="idle-disabled:" + _digest(u.pk for u in disabled),
            title=_("Accounts disabled after %(days)s days without use") % {"days": days},
            body=_(
                "These accounts had no login for %(days)s days and were disabled: %(names)s. "
                "Re-enable one in the admin (Users → Active) if it is still needed."
            )
            % {"days": days, "names": names},
            url="/admin/org/user/?is_active__exact=0",
        )
        count += len(sent.notifications)
    return count


def _digest(ids) -> str:
    return hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:24]


def _administrators_of(user: User) -> set[int]:
    found: set[int] = set()
    memberships = Membership.objects.filter(user=user, is_active=True).select_related("unit")
    for membership in memberships:
        found |= _closest_administrators(membership.unit)
    if not found:
        found = set(
            User.objects.filter(is_superuser=True, is_active=True).values_list("pk", flat=True)
        )
    return found


def _closest_administrators(unit: Unit) -> set[int]:
    """The administrators of the unit, or of the closest unit above that has any."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    admins = Membership.objects.filter(
        unit_id__in=ids, role=Role.ADMIN, is_active=True, user__is_active=True
    ).values_list("unit_id", "user_id")
    by_unit: dict[int, set[int]] = defaultdict(set)
    for unit_id, user_id in admins:
        by_unit[unit_id].add(user_id)
    for unit_id in reversed(ids):  # the unit itself first, then upwards
        if by_unit.get(unit_id):
            return by_unit[unit_id]
    return set()
