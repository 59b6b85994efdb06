"""Sending notifications and taking them off the unread list. The one way any app notifies.

    from cchc.notifications.actions import notify, clear, seen

    notify("due_soon", [user, ...], key=f"due:{occ.pk}:{occ.due}:7", title=..., about=occ)
    clear(occurrence)           # in the action that completes it: off everyone's unread list
    seen(request.user, task)    # in the view that shows it: off this reader's unread list

No audit event: a notification is a message, not a change to the plans or their figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from .kinds import all_kinds, get_kind
from .models import EmailDelivery, Notification


@dataclass
class Notified:
    """What `notify` created: the new notifications and how many email copies it queued."""

    notifications: list[Notification] = field(default_factory=list)
    emails: int = 0


def notify(
    kind: str,
    recipients: Iterable,
    *,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    about=None,
    unit=None,
    email: bool = True,
) -> Notified:
    """Notify each recipient (a user) of the event named `key`, unless they already were.

    `kind` must be registered (kinds.py). `about` is the object the notification is about:
    opening it (`seen`) or completing it (`clear`) takes the notification off the unread list.
    With `email`, a recipient with an email address also gets an email copy, queued in the
    same transaction (mail.py sends it). Each notification is saved on its own: another run
    notifying the same event at the same moment costs a duplicate nothing but a skipped row.
    """
    get_kind(kind)
    about_type = ContentType.objects.get_for_model(type(about)) if about is not None else None
    result = Notified()
    seen_users: set[int] = set()
    for user in recipients:
        if user.pk in seen_users:
            continue
        seen_users.add(user.pk)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    user=user,
                    unit=unit,
                    about_type=about_type,
                    about_id=about.pk if about is not None else None,
                    kind=kind,
                    key=key,
                    title=title[:300],
                    body=body,
                    url=url,
                )
                if email and user.email:
                    EmailDelivery.objects.create(notification=notification, to=user.email)
                    result.emails += 1
        except IntegrityError:
            if Notification.objects.filter(user=user, key=key).exists():
                continue  # this person was already notified of this event
            raise
        result.notifications.append(notification)
    return result


def mark_read(notifications, *, by) -> int:
    """Mark the user's own notifications among `notifications` as read."""
    return notifications.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())


def seen(user, *objects) -> int:
    """The user opened `objects`: their unread notifications about them are read.

    Called by the pages showing them: it looks first and writes only the reader's own read
    marks, only when there are some to set (a page view otherwise writes nothing).
    """
    if not objects or not getattr(user, "is_authenticated", False):
        return 0
    about = Notification.objects.about(*objects).filter(user=user, read_at__isnull=True)
    ids = list(about.values_list("pk", flat=True))
    if not ids:
        return 0
    return mark_read(Notification.objects.filter(pk__in=ids), by=user)


def clear(*objects) -> int:
    """`objects` are done: every recipient's unread notifications about them, of the kinds that
    clear when done, are read. Called by the action that completes them."""
    if not objects:
        return 0
    kinds = [k.code for k in all_kinds() if k.clears_when_done]
    return (
        Notification.objects.about(*objects)
        .filter(kind__in=kinds, read_at__isnull=True)
        .update(read_at=timezone.now())
    )
