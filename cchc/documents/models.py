"""Report templates a province (or any unit) uploads in place of the one the product ships."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.audit.fields import acted_by


class ReportTemplate(models.Model):
    """One version of a unit's Word report template (docxtpl placeholders, decision 0057).

    Invariants: a template is kept only after `cchc.documents.word.check_template` accepted
    it; versions of a unit count up from 1 and are never rewritten; at most one is active
    per unit (a database constraint). Reports of a unit use the active template of the
    nearest unit above it, else the shipped one (`actions.template_for`).
    """

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), editable=False)
    name = models.CharField(_("file name"), max_length=200, editable=False)
    content = models.BinaryField(_("template"), editable=False)
    active = models.BooleanField(_("in use"), default=True, editable=False)
    uploaded_by = acted_by(_("uploaded by"), blank=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["unit", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "version"], name="report_template_version"),
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(active=True), name="one_active_template"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} v{self.version}"
