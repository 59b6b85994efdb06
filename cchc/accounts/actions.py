"""Account security actions. Each is atomic and audited (cchc.audit.log.record)."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.db import transaction

from cchc.audit.log import record


@transaction.atomic
def unlock(attempts, *, by, reason: str = "") -> int:
    """Lift the lockout held by these failure records (a queryset of AccessAttempt): the
    account and the address start counting from zero. Returns the number of records removed."""
    rows = list(attempts.select_for_update().order_by("pk"))
    for attempt in rows:
        record(
            "login.unlocked",
            by=by,
            before={
                "username": attempt.username,
                "address": attempt.ip_address,
                "failures": attempt.failures_since_start,
                "last_failure": attempt.attempt_time.isoformat(),
            },
            reason=reason,
        )
    AccessAttempt.objects.filter(pk__in=[a.pk for a in rows]).delete()
    return len(rows)


RECOVERY_CODES = 10


@transaction.atomic
def confirm_two_step(device, *, by) -> list[str]:
    """Confirm a pending authenticator device and issue fresh recovery codes (returned once,
    to be shown to the person; only they keep them)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    recovery = StaticDevice.objects.create(user=device.user, name="recovery")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    record(
        "two_step.enrolled",
        by=by,
        obj=device.user,
        after={"username": device.user.get_username(), "recovery_codes": RECOVERY_CODES},
    )
    return codes


@transaction.atomic
def reset_two_step(users, *, by, reason: str = "") -> int:
    """Remove every second factor of these people (a lost phone): they enrol again."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    count = 0
    for user in users:
        apps = TOTPDevice.objects.filter(user=user)
        codes = StaticDevice.objects.filter(user=user)
        record(
            "two_step.reset",
            by=by,
            obj=user,
            before={
                "username": user.get_username(),
                "authenticators": apps.count(),
                "recovery_codes_left": sum(d.token_set.count() for d in codes),
            },
            reason=reason,
        )
        apps.delete()
        codes.delete()
        count += 1
    return count


@transaction.atomic
def create_admin(username: str, *, full_name: str, email: str, password: str):
    """The installation's administrator, made on the server (`cchc create-admin`): staff and
    superuser, the password already checked by the caller. Recorded as an account created, the
    author none (no one is signed in on the server) and the reason saying where it came from."""
    from cchc.audit.recorded_admin import admin_snapshot
    from cchc.org.models import User

    user = User.objects.create_superuser(
        username=username, email=email, password=password, full_name=full_name
    )
    record(
        "user.create",
        by=None,
        obj=user,
        after=admin_snapshot(user),
        reason="cchc create-admin",
    )
    return user
