"""Messages to one person — shown under the bell and, when the person has an email address,
sent by email through an outbox — about an object of any app."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.org.models import Unit

from .choices import DeliveryStatus
from .kinds import label_of


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def about(self, *objects):
        """Notifications about any of `objects` (model instances, of one or several models)."""
        query = models.Q(pk__in=[])
        by_type: dict[ContentType, list] = {}
        for obj in objects:
            by_type.setdefault(ContentType.objects.get_for_model(type(obj)), []).append(obj.pk)
        for content_type, ids in by_type.items():
            query |= models.Q(about_type=content_type, about_id__in=ids)
        return self.filter(query)

    def already_sent(self, keys) -> set[tuple[int, str]]:
        """(user id, key) pairs already notified among `keys`, read in chunks (databases cap
        the number of parameters of a query)."""
        keys = list(set(keys))
        found: set[tuple[int, str]] = set()
        for start in range(0, len(keys), 2000):
            chunk = keys[start : start + 2000]
            found.update(self.filter(key__in=chunk).values_list("user_id", "key"))
        return found


class Notification(models.Model):
    """A message to one person (a reminder, an escalation, a digest, an assignment…) about an
    object of any app (`about`): the occurrence that falls due, the task assigned, the unit of
    a digest. Created only by `actions.notify`.

    Invariants: (user, key) is unique, and the key names the event (the occurrence, the kind,
    the due date, the week…), so the same event never notifies the same person twice however
    often the job sending it runs. `read_at` is set when the person reads it, opens what it is
    about, or when that thing is done (`actions.seen`, `actions.clear`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("unit"),
    )
    about_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("about type"),
    )
    about_id = models.PositiveBigIntegerField(_("about id"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    kind = models.CharField(_("kind"), max_length=20)
    key = models.CharField(_("key"), max_length=120)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("url"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notifications_once_per_event")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["about_type", "about_id"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self):
        return label_of(self.kind)


class EmailDelivery(models.Model):
    """The email copy of a notification. Sent by the worker (mail.py); a failure is logged and
    retried with growing pauses, and after the last attempt stays visible here as failed."""

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="email", verbose_name=_("notification")
    )
    to = models.EmailField(_("to"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt at"), default=timezone.now, db_index=True
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-next_attempt_at"]

    def __str__(self) -> str:
        return f"{self.to}: {self.notification.title}"
