"""A unit's plan for a year: its legal bases, sections, tasks, targets and report schedule.

The plan is stored the way officials wrote it (refs as written, headings as written, names as
written) so that a user recognises their own document, and alongside that in structured form
(area codes, due dates, posts) so that the system can follow it up.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.audit.fields import acted_by
from cchc.evidence.models import evidence_relation
from cchc.formats import day
from cchc.org.access import ScopedQuerySet
from cchc.org.models import Post, Unit

from .choices import (
    QUALITATIVE,
    AmendmentStatus,
    Area,
    Comparator,
    PartyRole,
    PlanKind,
    PlanStatus,
    Recurrence,
    TargetUnit,
    TaskState,
)
from .target_rules import target_shape_errors, target_value_errors

# Tasks that carry a progress report or evidence (tracking's occurrences): the record of work.
REPORTED = models.Q(occurrences__updates__isnull=False) | models.Q(
    occurrences__loose_evidence__isnull=False
)


def unless_blank(name: str, fields: tuple[str, ...], condition: models.Q):
    """A check that holds `condition` whenever none of `fields` is blank (NULL)."""
    blank = models.Q()
    for field in fields:
        blank |= models.Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=blank | condition, name=name)


class PlanQuerySet(ScopedQuerySet):
    scope = "unit"


class Plan(models.Model):
    """A plan issued by a unit for a year (or a thematic plan within a year)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="plans", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=PlanKind.choices, default=PlanKind.ANNUAL
    )
    number = models.CharField(
        _("number"), max_length=60, blank=True, help_text=_("For example 26/KH-UBND.")
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=500)
    theme = models.TextField(_("theme of the year"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    implements = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="implemented_by",
        verbose_name=_("implements plans"),
    )
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    submitted_by = acted_by(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    evidence = evidence_relation("plan")
    source_name = models.CharField(_("imported from"), max_length=255, blank=True)
    # Set by the focal point (tracking's plan rules): whether "completed" on a task listing
    # products must carry the product document (number, date, file), or only invites it.
    product_document_required = models.BooleanField(
        _("completed tasks must carry their product document"), default=False
    )
    created_by = acted_by(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "unit__path", "title"]
        indexes = [models.Index(fields=["unit", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="plan_year_range"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"pk": self.pk})

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def year_end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def is_draft(self) -> bool:
        """Not yet in force (draft or awaiting approval): its tasks are nobody's work yet."""
        return self.status in {PlanStatus.DRAFT, PlanStatus.SUBMITTED}

    def has_reports(self) -> bool:
        """Progress or evidence was reported on one of its tasks: the plan is kept (closed,
        never deleted)."""
        return self.tasks.filter(REPORTED).exists()

    def open_amendment(self):
        """The amendment being prepared, if any (at most one at a time)."""
        return self.amendments.filter(status=AmendmentStatus.DRAFT).first()

    def due_window(self) -> tuple[dt.date, dt.date]:
        """Due dates a task of this plan may take: the year before (carried-over work, such as
        a Q4 report of last year) to the end of the year after (multi-year tasks)."""
        return dt.date(self.year - 1, 1, 1), dt.date(self.year + 1, 12, 31)


class LegalBasis(models.Model):
    """A document the plan cites as its basis (căn cứ, thực hiện)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="legal_bases", verbose_name=_("plan")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    number = models.CharField(_("number"), max_length=80, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.number or self.text[:80]


class Section(models.Model):
    """A heading of the plan's task table as written ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("plan")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    ref = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("heading"), max_length=500)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices, default=Area.OTHER)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent"),
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.ref}. {self.title}" if self.ref else self.title


class TaskQuerySet(ScopedQuerySet):
    scope = "plan__unit"

    def active(self):
        """Tasks still to be done (not cancelled)."""
        return self.filter(state=TaskState.ACTIVE)


class Task(models.Model):
    """A row of the plan's task table: what, who leads, who helps, what it produces, by when."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan")
    )
    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("section"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    ref = models.CharField(_("No."), max_length=20, blank=True)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices, default=Area.OTHER)
    title = models.TextField(_("task"))
    products = models.JSONField(_("expected products"), default=list, blank=True)
    deadline_text = models.CharField(_("deadline as written"), max_length=255, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=12, choices=Recurrence.choices, blank=True
    )
    budget_million_vnd = models.DecimalField(
        _("budget (million VND)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.TextField(_("note"), blank=True)
    origin = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cascaded",
        verbose_name=_("assigned from the upper level's task"),
    )
    source_line = models.PositiveIntegerField(_("source line"), null=True, blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=TaskState.choices, default=TaskState.ACTIVE
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "order", "pk"]
        constraints = [
            unless_blank(
                "task_budget_not_negative",
                ("budget_million_vnd",),
                models.Q(budget_million_vnd__gte=0),
            )
        ]

    def __str__(self) -> str:
        return f"{self.ref}. {self.title}" if self.ref else self.title

    @property
    def audit_subject(self):
        """The audit history this row's events also belong to: its plan's."""
        return self.plan

    def clean(self) -> None:
        if self.due and self.plan_id:
            first, last = self.plan.due_window()
            if not first <= self.due <= last:
                raise ValidationError(
                    {
                        "due": _(
                            "The due date must fall between %(first)s and %(last)s: "
                            "a plan for %(year)s covers that year (and work carried over "
                            "from the year before or into the next)."
                        )
                        % {
                            "first": day(first),
                            "last": day(last),
                            "year": self.plan.year,
                        }
                    }
                )

    @property
    def is_cancelled(self) -> bool:
        return self.state == TaskState.CANCELLED

    def has_reports(self) -> bool:
        """Progress or evidence was reported on the task: it is history, kept, never deleted."""
        return Task.objects.filter(pk=self.pk).filter(REPORTED).exists()

    def party_names(self, role: str) -> list[str]:
        return [p.text for p in self.parties.all() if p.role == role]

    @property
    def leads(self) -> list[str]:
        return self.party_names(PartyRole.LEAD)

    @property
    def coordinators(self) -> list[str]:
        return self.party_names(PartyRole.COORDINATOR)


class TaskParty(models.Model):
    """A lead or coordinator of a task, as written, matched to a post where one fits."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="parties", verbose_name=_("task")
    )
    role = models.CharField(_("role"), max_length=12, choices=PartyRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("name as written"), max_length=300)
    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="task_parties",
        verbose_name=_("post"),
    )

    class Meta:
        verbose_name = _("task lead or coordinator")
        verbose_name_plural = _("task leads and coordinators")
        ordering = ["task", "role", "order", "pk"]
        indexes = [models.Index(fields=["post", "role"])]

    def __str__(self) -> str:
        return self.text


class TargetQuerySet(ScopedQuerySet):
    scope = "plan__unit"


class Target(models.Model):
    """An objective of the plan: quantified ("≥ 90% of fee-charging procedures paid online")
    or stated in words, judged achieved or not, or by a date (decision 0070). A target without
    a figure has a qualitative comparator: the database refuses any other."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices, default=Area.OTHER)
    text = models.TextField(_("target as written"))
    comparator = models.CharField(_("comparator"), max_length=10, choices=Comparator.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3, null=True, blank=True)
    unit = models.CharField(_("measured in"), max_length=10, choices=TargetUnit.choices, blank=True)
    by_date = models.DateField(_("to be done before"), null=True, blank=True)
    source_line = models.PositiveIntegerField(_("source line"), null=True, blank=True)
    # What measures the target (indicators/targets.py): an indicator computed from the dossier
    # data — the version linked is kept, so figures of another formula are never compared
    # with it — or, without one, the figures its owner enters with evidence.
    indicator = models.ForeignKey(
        "indicators.IndicatorDefinition",
        verbose_name=_("measured by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    indicator_confirmed = models.BooleanField(
        _("link confirmed"),
        default=False,
        help_text=_("False while the indicator is only the system's suggestion."),
    )
    owner_post = models.ForeignKey(
        "org.Post",
        verbose_name=_("owner (enters the figures)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | models.Q(comparator__in=QUALITATIVE),
                name="target_figure_unless_qualitative",
            ),
            models.CheckConstraint(
                condition=~models.Q(comparator=Comparator.BEFORE) | models.Q(by_date__isnull=False),
                name="target_before_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:120]

    @property
    def audit_subject(self):
        """The audit history this row's events also belong to: its plan's."""
        return self.plan

    @property
    def is_qualitative(self) -> bool:
        """Stated in words: judged achieved or not, or by a date; no figure measures it."""
        return self.comparator in QUALITATIVE

    def clean(self) -> None:
        errors = target_shape_errors(self.comparator, self.value, self.unit, self.by_date)
        if not errors and self.comparator == Comparator.ALL:  # "100%": the figure is the whole
            self.value, self.unit = Decimal(100), TargetUnit.PERCENT
        elif not errors and self.is_qualitative:
            self.unit = ""  # nothing to measure
        errors = target_value_errors(self.comparator, self.value, self.unit) | errors
        if errors:
            raise ValidationError(errors)

    @property
    def summary(self) -> str:
        """The target in a few characters: "≥ 90%", "≤ 5 số lượng", "nhóm 3", "đạt / không
        đạt", "trước ngày 30/06/2026"."""
        if self.comparator == Comparator.ACHIEVED:
            return str(_("achieved / not achieved"))
        if self.comparator == Comparator.BEFORE:
            shown = day(self.by_date) if self.by_date else "?"
            return _("before %(day)s") % {"day": shown}
        if self.comparator == Comparator.ALL:
            return "100%"
        value = f"{self.value.normalize():f}".replace(".", ",") if self.value is not None else "?"
        if self.comparator == Comparator.TOP:
            return _("top %(rank)s") % {"rank": value}
        sign = {">=": "≥", "<=": "≤", "=": "="}.get(self.comparator, self.comparator)
        if self.unit == TargetUnit.PERCENT:
            return f"{sign} {value}%"
        return f"{sign} {value} {self.get_unit_display()}"


# The report schedule and the decisions taken on a plan (amendments, appraisals) live in their
# own modules; imported here so that Django registers them with the app's other models.

from .reporting import ReportingPeriod  # noqa: E402
from .revisions import Amendment, Appraisal, AppraisalComment  # noqa: E402

__all__ = [
    "Amendment",
    "Appraisal",
    "AppraisalComment",
    "LegalBasis",
    "Plan",
    "ReportingPeriod",
    "Section",
    "Target",
    "Task",
    "TaskParty",
    "target_shape_errors",
    "target_value_errors",
]
