"""PAR Index (Chỉ số CCHC): criteria sets as data, and each unit's assessment of a year.

A criteria set is a versioned tree for a year: area → criterion → sub-criterion, STT kept as
text ("3.10" is not "3.1"). An area is scored by appraisal, is the sociological survey (its
maximum is the survey's weight) or is the bonus/penalty area (no maximum; each row carries the
points it adds, positive, or takes away, negative). Scored areas plus the survey make 100
(`layout.check_tree` refuses a set that does not). Importing a set for a year whose
assessments have begun adds a new version; an assessment keeps the version it began with.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.audit.fields import acted_by
from cchc.evidence.models import evidence_relation
from cchc.org.access import ScopedQuerySet
from cchc.org.models import Unit

from .choices import AreaRole, NodeKind, Rule, Stage
from .rules import shown

POINTS: dict[str, Any] = {"max_digits": 7, "decimal_places": 2}
DEFAULT_GROUPS = [
    {"name": "A", "min": 90},
    {"name": "B", "min": 80},
    {"name": "C", "min": 70},
    {"name": "D", "min": 0},
]


def default_groups() -> list[dict]:
    return [dict(g) for g in DEFAULT_GROUPS]


class CriteriaSet(models.Model):
    """One version of the criteria a level scores its units against in a year.

    `title_rows` are the lines above the Excel header (kept for the export); `groups` the
    ranking groups, highest first: a unit is in the first group whose `min` its total reaches.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=300)
    is_sample = models.BooleanField(
        _("sample"), default=False, help_text=_("A sample set: its points are to be edited.")
    )
    title_rows = models.JSONField(_("title rows"), default=list, blank=True)
    groups = models.JSONField(_("ranking groups"), default=default_groups)
    submit_by = models.DateField(
        _("self-assessments due"),
        null=True,
        blank=True,
        help_text=_("The day units must submit their self-assessment by."),
    )
    source_name = models.CharField(_("imported from"), max_length=255, blank=True)
    created_by = acted_by(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("PAR criteria set")
        verbose_name_plural = _("PAR criteria sets")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="par_set_year_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year}, v{self.version})"

    @classmethod
    def current(cls, year: int) -> CriteriaSet | None:
        return cls.objects.filter(year=year).order_by("-version").first()

    def survey_weight(self) -> Decimal:
        return sum(
            (
                c.max_points or Decimal(0)
                for c in self.criteria.all()
                if c.area_role == AreaRole.SURVEY and c.parent_id is None
            ),
            Decimal(0),
        )

    def group_for(self, total: Decimal | None) -> str | None:
        if total is None:
            return None
        for group in sorted(self.groups, key=lambda g: -Decimal(str(g["min"]))):
            if total >= Decimal(str(group["min"])):
                return str(group["name"])
        return None


class Criterion(models.Model):
    """A node of a criteria set's tree. Leaves are scored; a parent's points are its
    children's sum. In the bonus area `max_points` is signed (+ bonus, − penalty)."""

    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("criteria set"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    stt = models.CharField(_("No."), max_length=20)
    kind = models.CharField(_("kind"), max_length=10, choices=NodeKind.choices)
    area_role = models.CharField(
        _("area role"), max_length=10, choices=AreaRole.choices, default=AreaRole.SCORED
    )
    name = models.TextField(_("area / criterion"))
    max_points = models.DecimalField(_("maximum points"), null=True, blank=True, **POINTS)
    rule = models.CharField(
        _("scoring rule"), max_length=15, choices=Rule.choices, default=Rule.JUDGEMENT
    )
    rule_spec = models.JSONField(_("rule spec"), default=dict, blank=True)
    guidance = models.TextField(_("scoring guidance"), blank=True)
    evidence_required = models.TextField(_("evidence required"), blank=True)

    class Meta:
        verbose_name = _("PAR criterion")
        verbose_name_plural = _("PAR criteria")
        ordering = ["criteria_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "stt"], name="par_criterion_stt")
        ]

    def __str__(self) -> str:
        return f"{self.stt} {self.name}"

    @property
    def is_bonus(self) -> bool:
        return self.area_role == AreaRole.BONUS

    @property
    def guidance_shown(self) -> str:
        """The guidance without the tag naming its figure's source (`rules.shown`)."""
        return shown(self.guidance)


class AssessmentQuerySet(ScopedQuerySet):
    scope = "unit"


class Assessment(models.Model):
    """A unit's PAR assessment of a year, on the criteria-set version it began with.

    Stages go self → submitted → explaining → final. Submitting is refused after `deadline`
    unless the upper level reopened (`reopened_until`). `survey_points` is the survey's score
    (None: no survey; the appraised points are then rescaled to 100)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="par_assessments", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("criteria set"),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.SELF)
    deadline = models.DateField(_("submission deadline"), null=True, blank=True)
    reopened_until = models.DateField(_("reopened until"), null=True, blank=True)
    explanation_deadline = models.DateField(_("explanation deadline"), null=True, blank=True)
    survey_points = models.DecimalField(_("survey points"), null=True, blank=True, **POINTS)
    approved_by = acted_by(_("approved by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    final_total = models.DecimalField(_("final total"), null=True, blank=True, **POINTS)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("PAR assessment")
        verbose_name_plural = _("PAR assessments")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="par_assessment_unit_year")
        ]
        indexes = [models.Index(fields=["year", "final_total"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class Score(models.Model):
    """The points of one leaf criterion in one assessment, at each stage, with reasons."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    self_points = models.DecimalField(_("self points"), null=True, blank=True, **POINTS)
    self_note = models.TextField(_("self note"), blank=True)
    appraised_points = models.DecimalField(_("appraised points"), null=True, blank=True, **POINTS)
    appraisal_reason = models.TextField(_("appraisal reason"), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    final_points = models.DecimalField(_("final points"), null=True, blank=True, **POINTS)
    evidence = evidence_relation("par_score")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="par_score_once")
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.assessment} {self.criterion.stt}"

    @property
    def audit_subject(self):
        return self.assessment
