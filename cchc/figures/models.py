"""Figures that are not dossiers: defined as data, entered per unit and period, summed upward."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.audit.fields import acted_by
from cchc.evidence.models import evidence_relation


class FigureDefinition(models.Model):
    """What a figure counts: a numerator, and a denominator when it is a share of something.

    Invariant: (code, version) is unique; an entry keeps the version it was entered under, so
    a changed definition is a new version and old entries keep their meaning.
    """

    code = models.SlugField(_("code"), max_length=64)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    numerator_label = models.CharField(_("numerator"), max_length=200)
    denominator_label = models.CharField(
        _("denominator"), max_length=200, blank=True, help_text=_("Empty for a plain count.")
    )
    measured_in = models.CharField(_("measured in"), max_length=40)
    requires_evidence = models.BooleanField(_("requires evidence"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("figure definition")
        verbose_name_plural = _("figure definitions")
        ordering = ["order", "code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="figure_code_version")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_ratio(self) -> bool:
        return bool(self.denominator_label)


class FigureEntry(models.Model):
    """One unit's figure for one calendar period (a month or a quarter), entered by hand.

    Invariants: one entry per (definition, unit, period); numerator ≤ denominator when the
    definition has one (database constraint); an entry counts in the window its period ends in
    (`rollup.totals`).
    """

    definition = models.ForeignKey(
        FigureDefinition, verbose_name=_("figure"), on_delete=models.PROTECT, related_name="entries"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    period_key = models.CharField(_("period"), max_length=20)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), db_index=True)
    numerator = models.PositiveIntegerField(_("numerator"))
    denominator = models.PositiveIntegerField(_("denominator"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    entered_by = acted_by(_("entered by"), blank=False)
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)
    evidence = evidence_relation("figure_entry")

    class Meta:
        verbose_name = _("figure entry")
        verbose_name_plural = _("figure entries")
        ordering = ["-end", "definition__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "unit", "period_key"], name="one_figure_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(denominator__isnull=True)
                | models.Q(numerator__lte=models.F("denominator")),
                name="figure_numerator_within_denominator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition.code} {self.unit_id} {self.period_key}"


class FigureTargetLink(models.Model):
    """A plan's target measured by a figure instead of an indicator (plans.measures)."""

    target = models.OneToOneField(
        "plans.Target",
        on_delete=models.CASCADE,
        related_name="figure_link",
        verbose_name=_("target"),
    )
    definition = models.ForeignKey(
        FigureDefinition, verbose_name=_("figure"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("target measured by a figure")
        verbose_name_plural = _("targets measured by a figure")

    def __str__(self) -> str:
        return f"{self.target} → {self.definition}"

    @property
    def audit_subject(self):
        return self.target.plan
