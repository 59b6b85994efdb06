"""Indicator definitions: data, not code.

An indicator is a rate (or a count) whose numerator and denominator are sums of the measures
the dossier facts provide (`cchc.dossiers.facts.MEASURES`), written as `on_time` or
`fee_procedures_used - fee_procedures_paid_online`. The built-ins are the contract's list,
loaded by a data migration; a province adds its own in the admin without touching code.

A definition is never edited in place once values may have been read from it: changing its
formula saves a new version (`revise()`), and figures of different versions are never set
side by side (targets remember the version they were linked to).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.evidence.models import evidence_relation
from cchc.formats import day

_TERM = re.compile(r"\s*([+-])?\s*([a-z_][a-z0-9_]*)\s*")


def parse_formula(text: str) -> list[tuple[int, str]]:
    """'a + b - c' → [(1, 'a'), (1, 'b'), (-1, 'c')]; ValueError on anything else."""
    from cchc.dossiers.facts import MEASURES

    terms: list[tuple[int, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TERM.match(text, position)
        if not match or match.end() == position or (terms and not match.group(1)):
            raise ValueError(text[position:])
        sign, name = match.groups()
        if name not in MEASURES:
            raise ValueError(name)
        terms.append((-1 if sign == "-" else 1, name))
        position = match.end()
    if not terms:
        raise ValueError(text)
    return terms


class IndicatorQuerySet(models.QuerySet):
    def current(self):
        """The newest active version of each code, in display order."""
        latest = (
            IndicatorDefinition.objects.filter(code=models.OuterRef("code"), is_active=True)
            .order_by("-version")
            .values("pk")[:1]
        )
        return self.filter(is_active=True, pk=models.Subquery(latest)).order_by("order", "code")


class IndicatorDefinition(models.Model):
    class Kind(models.TextChoices):
        RATE = "rate", _("rate (%)")
        COUNT = "count", _("count")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    code = models.SlugField(_("code"), max_length=64)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    numerator = models.CharField(_("numerator"), max_length=255)
    denominator = models.CharField(_("denominator"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.RATE)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    full_points_target = models.DecimalField(
        _("target for full points (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_("Words of a plan's target that point to this indicator, one group per line."),
    )
    source = models.CharField(_("legal source"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)
    builtin = models.BooleanField(_("built in"), default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="indicator_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    def clean(self) -> None:
        errors = {}
        for name in ("numerator", "denominator"):
            try:
                parse_formula(getattr(self, name))
            except ValueError as exc:
                errors[name] = _("Unknown measure or malformed formula near '%(part)s'.") % {
                    "part": exc.args[0]
                }
        if errors:
            raise ValidationError(errors)

    @property
    def is_rate(self) -> bool:
        return self.kind == self.Kind.RATE

    def formula_differs(self, other: IndicatorDefinition) -> bool:
        return (self.numerator.split(), self.denominator.split()) != (
            other.numerator.split(),
            other.denominator.split(),
        )

    def revise(self, **changes) -> IndicatorDefinition:
        """Save `changes`; a new formula becomes a new version and the old one retires."""
        new_formula = any(
            name in changes
            and " ".join(str(changes[name]).split()) != " ".join(getattr(self, name).split())
            for name in ("numerator", "denominator")
        )
        if not new_formula:
            for name, value in changes.items():
                setattr(self, name, value)
            self.full_clean()
            self.save()
            return self
        newest = IndicatorDefinition.objects.filter(code=self.code).order_by("-version").first()
        successor = IndicatorDefinition(
            **{
                f.name: getattr(self, f.name)
                for f in self._meta.concrete_fields
                if f.name not in {"id", "version", "created_at", "builtin"}
            }
        )
        for name, value in changes.items():
            setattr(successor, name, value)
        successor.version = (newest.version if newest else self.version) + 1
        successor.full_clean()
        successor.save()
        IndicatorDefinition.objects.filter(code=self.code).exclude(pk=successor.pk).update(
            is_active=False
        )
        return successor


class TargetFigure(models.Model):
    """A value of a target entered by hand, with its evidence — for targets no data measures.

    Rows are never edited: a correction is a new figure, so the history shows what was said
    when, by whom, on which evidence. The latest `as_of` (then the latest entered) is current.
    """

    target = models.ForeignKey(
        "plans.Target", on_delete=models.CASCADE, related_name="figures", verbose_name=_("target")
    )
    as_of = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    note = models.TextField(_("how it was counted"), blank=True)
    # the evidence document (its number, date and issuer in words) and its file, if any
    evidence = evidence_relation("target_figure")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("target figure")
        verbose_name_plural = _("target figures")
        ordering = ["-as_of", "-entered_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.value} ({day(self.as_of)})"
