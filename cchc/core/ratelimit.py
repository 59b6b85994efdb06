"""Login throttling kept in the database, so it holds across server processes."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.utils import timezone

from .models import LoginFailure


def client_address(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _recent(username: str, address: str | None):
    since = timezone.now() - dt.timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)
    return LoginFailure.objects.filter(username=username.lower(), address=address, at__gte=since)


def is_locked(username: str, address: str | None) -> tuple[bool, int]:
    failures = _recent(username, address).order_by("at")
    count = failures.count()
    if count < settings.LOGIN_MAX_FAILURES:
        return False, 0
    oldest = failures.first().at
    unlock = oldest + dt.timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)
    minutes = max(1, math.ceil((unlock - timezone.now()).total_seconds() / 60))
    return True, minutes


def note_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username.lower(), address=address)


def clear_failures(username: str, address: str | None) -> None:
    LoginFailure.objects.filter(username=username.lower(), address=address).delete()
