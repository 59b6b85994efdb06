"""An uploaded plan document waiting for a person to review and confirm it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.audit.fields import acted_by
from cchc.org.access import Action, access_for


class PlanImportQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Drafts of units where the user may edit plans (an import is a plan being written)."""
        return self.filter(access_for(user).unit_q("unit", Action.EDIT_PLAN))


class PlanImport(models.Model):
    """A parse result kept between upload and confirmation. The parsed dict follows
    specs/plan-import.md; the review page edits it, confirmation turns it into a Plan."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    created_by = acted_by(_("created by"), blank=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    file_name = models.CharField(_("file"), max_length=255)
    parsed = models.JSONField(_("parsed"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    plan = models.ForeignKey(
        "plans.Plan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("plan"),
    )

    objects = PlanImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
