"""Change history: who changed what, when, in which unit, from what to what, and why."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.formats import moment


class AuditEventQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )

    def about(self, obj):
        """Events on `obj` and on the objects it holds (a plan's tasks and targets, a task's
        progress reports): one query over the two indexed references."""
        kind, pk = ContentType.objects.get_for_model(type(obj)), str(obj.pk)
        return self.filter(
            models.Q(content_type=kind, object_id=pk) | models.Q(subject_type=kind, subject_id=pk)
        )


class AuditEvent(models.Model):
    """One recorded change. Rows are only ever added, never edited or deleted: the database
    refuses both (cchc/audit/guard.py), and what an event names (its author, unit, kind of
    object) cannot be deleted from under it (PROTECT, where SET_NULL would be an UPDATE)."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # people in the history are deactivated, never deleted (cchc/org/admin.py)
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit"),
    )
    action = models.CharField(_("action"), max_length=60)
    content_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("object kind"),
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # What holds the object, whose history the event is also part of: a task's or target's
    # plan, a progress report's task. Filled by `record()`, so history needs no JSON matching.
    subject_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kind of what holds it"),
    )
    subject_id = models.CharField(_("id of what holds it"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change history")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["subject_type", "subject_id"], name="audit_event_subject"),
        ]

    def __str__(self) -> str:
        from .history import action_label  # the apps' labels, registered once they are ready

        return f"{moment(self.at)} {action_label(self.action)} {self.object_repr}"

    def changes(self) -> list[tuple[str, object, object]]:
        """Fields that differ between before and after, as (field, old, new)."""
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
