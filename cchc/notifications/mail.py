"""Sending the email copies of notifications, with retries.

Each `EmailDelivery` is claimed before it is sent (so two workers never send the same one),
sent through Django's email backend (SMTP from settings, the console by default), and on
failure logged and rescheduled after 5, 10, 20, 40, 80 minutes; after `MAX_ATTEMPTS` it stays
in the table as failed, logged as an error and visible in the admin — never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .choices import DeliveryStatus
from .models import EmailDelivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
LEASE = dt.timedelta(minutes=10)


def retry_delay(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=5 * 2 ** max(attempts - 1, 0))


@dataclass
class Delivered:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_pending(now: dt.datetime | None = None, limit: int = 500) -> Delivered:
    """Send the emails whose time has come; returns how many went, will retry, gave up."""
    now = now or timezone.now()
    result = Delivered()
    due = list(
        EmailDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        .select_related("notification")
        .order_by("next_attempt_at", "pk")[:limit]
    )
    if not due:
        return result
    connection = get_connection(fail_silently=False)
    with override(settings.LANGUAGE_CODE):
        for delivery in due:
            claimed = EmailDelivery.objects.filter(
                pk=delivery.pk, status=DeliveryStatus.PENDING, attempts=delivery.attempts
            ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
            if not claimed:
                continue  # another worker has it
            delivery.attempts += 1
            try:
                _message(delivery, connection).send()
            except Exception as exc:  # any backend error: keep it and try again later
                _failed(delivery, exc, now, result)
            else:
                delivery.status = DeliveryStatus.SENT
                delivery.sent_at = timezone.now()
                delivery.last_error = ""
                delivery.save(update_fields=["status", "sent_at", "last_error"])
                result.sent += 1
    try:
        connection.close()
    except Exception:  # closing a broken SMTP connection must not hide the results
        logger.warning("closing the email connection failed", exc_info=True)
    return result


def _message(delivery: EmailDelivery, connection) -> EmailMessage:
    notification = delivery.notification
    link = settings.SITE_URL.rstrip("/") + notification.url if notification.url else ""
    body = "\n\n".join(
        part
        for part in (
            notification.body,
            _("Open: %(link)s") % {"link": link} if link else "",
            _("This message was sent by the CCHC follow-up system."),
        )
        if part
    )
    return EmailMessage(
        subject=f"[CCHC] {notification.title}"[:250],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.to],
        connection=connection,
    )


def _failed(delivery: EmailDelivery, exc: Exception, now, result: Delivered) -> None:
    delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        result.failed += 1
        logger.error(
            "email %s to %s failed for good after %s attempts: %s",
            delivery.pk,
            delivery.to,
            delivery.attempts,
            delivery.last_error,
        )
    else:
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        result.retrying += 1
        logger.warning(
            "email %s to %s failed (attempt %s), retrying at %s: %s",
            delivery.pk,
            delivery.to,
            delivery.attempts,
            delivery.next_attempt_at.isoformat(),
            delivery.last_error,
        )
    delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
