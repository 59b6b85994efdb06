"""A unit's periodic CCHC report for one kind of period (Q1, 6 months, 9 months, year) and year.

Invariants: one report per (unit, kind, year); while it is a draft (or returned) its figures
are computed from the data each time it is read and only the narrative parts are stored;
from submission on, `frozen` holds the whole content as it was submitted and `checksum` its
sha256, and `document` the Word file generated at that moment (an evidence row: the file, its
size and SHA-256), which every later download returns byte for byte, so later changes to tasks,
dossiers, figures or the template do not change it. Written only by `actions`.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.audit.fields import acted_by
from cchc.org.access import ScopedQuerySet
from cchc.org.models import Unit

from .choices import FROZEN, ReportStatus
from .schedule import KINDS


class ReportQuerySet(ScopedQuerySet):
    scope = "unit"


class Report(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("unit")
    )
    kind = models.CharField(
        _("report"), max_length=8, choices=[(k, v[0]) for k, v in KINDS.items()]
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    start = models.DateField(_("data from"))
    end = models.DateField(_("data until"))
    due = models.DateField(_("due"))
    number = models.CharField(_("number"), max_length=60, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    signed_on = models.DateField(_("date"), null=True, blank=True)
    narrative = models.JSONField(_("text"), default=dict, blank=True)
    frozen = models.JSONField(_("frozen"), null=True, blank=True)
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)
    document = models.ForeignKey(
        "evidence.Evidence",
        verbose_name=_("submitted Word document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The .docx generated at submission, stored with its size and SHA-256."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = acted_by(_("submitted by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = acted_by(_("reviewed by"))
    review_comment = models.TextField(_("comments"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        ordering = ["-year", "unit__path", "end"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "year"], name="report_one_per_period"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="report_window_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(due__gte=models.F("end")), name="report_due_after_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.unit.name}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return KINDS[self.kind][1](self.year)

    @property
    def period_key(self) -> str:
        return KINDS[self.kind][2](self.year)

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN

    @property
    def is_editable(self) -> bool:
        return not self.is_frozen

    def is_late(self, today: dt.date) -> bool:
        """Submitted after its due date, or not submitted and the due date has passed."""
        if self.submitted_at is not None:
            return self.submitted_at.date() > self.due
        return today > self.due
