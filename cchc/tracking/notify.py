"""Telling one person something outside the reminder run (which has its own batch path in
reminders.py): a notification in the bell menu and, when they have an email address, an email
copy sent by the worker with retries (mail.py). Once per (person, key)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import EmailDelivery, Notification


def notify(
    user, *, kind: str, key: str, title: str, body: str = "", url: str = "", unit=None
) -> Notification | None:
    """Create the notification (and its email) unless this person already has one with this
    key. Returns it, or None when it existed."""
    if Notification.objects.filter(user=user, key=key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                unit=unit,
                kind=kind,
                key=key[:120],
                title=title[:300],
                body=body,
                url=url,
            )
            if user.email:
                EmailDelivery.objects.create(notification=notification, to=user.email)
    except IntegrityError:
        return None  # created a moment ago by another run
    return notification
