"""The reports a plan schedules (its reporting periods)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ReportKind
from .models import Plan, unless_blank


class ReportingPeriod(models.Model):
    """A report the plan schedules: its data cut-off window and when it is due."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="reporting_periods", verbose_name=_("plan")
    )
    kind = models.CharField(_("report"), max_length=8, choices=ReportKind.choices)
    name = models.CharField(_("name"), max_length=120)
    start = models.DateField(_("data from"), null=True, blank=True)
    end = models.DateField(_("data until"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["plan", "end", "pk"]
        constraints = [
            unless_blank(
                "reporting_period_window_ordered",
                ("start", "end"),
                models.Q(end__gte=models.F("start")),
            )
        ]

    def __str__(self) -> str:
        return self.name
