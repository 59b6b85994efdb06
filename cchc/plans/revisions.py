"""The decisions taken on an issued or submitted plan: its amendments and the upper level's
appraisals (with their comments beside the rows and the unit's answers)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.audit.fields import acted_by
from cchc.evidence.models import evidence_relation
from cchc.formats import day
from cchc.org.access import ScopedQuerySet

from .choices import AmendmentStatus, Verdict


class Amendment(models.Model):
    """An amendment (điều chỉnh kế hoạch) of an issued plan: its own number, date and reason,
    and the list of what it added, removed and changed (`changes`, written by the actions
    while it is being prepared)."""

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="amendments", verbose_name=_("plan")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.DRAFT
    )
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("changes"), default=list, blank=True)
    created_by = acted_by(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    evidence = evidence_relation("plan_amendment")

    class Meta:
        verbose_name = _("plan amendment")
        verbose_name_plural = _("plan amendments")
        ordering = ["plan", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(status="draft"),
                name="one_open_amendment_per_plan",
            )
        ]

    def __str__(self) -> str:
        return self.number or str(_("Amendment being prepared"))

    @property
    def audit_subject(self):
        return self.plan

    def changes_of(self, op: str) -> list[dict]:
        return [c for c in self.changes if c.get("op") == op]

    @property
    def added(self) -> list[dict]:
        return self.changes_of("add")

    @property
    def removed(self) -> list[dict]:
        return self.changes_of("remove")

    @property
    def changed(self) -> list[dict]:
        return self.changes_of("change")


class Appraisal(models.Model):
    """The upper level's appraisal (thẩm định) of a submitted plan: a verdict and comments on
    its tasks and targets. Kept on the plan after it is issued."""

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="appraisals", verbose_name=_("plan")
    )
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    note = models.TextField(_("general comment"), blank=True)
    by = acted_by(_("by"), blank=False)
    reviewer_unit = models.ForeignKey(
        "org.Unit",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by unit"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} ({day(self.created_at)})"

    @property
    def audit_subject(self):
        return self.plan


class AppraisalCommentQuerySet(ScopedQuerySet):
    scope = "appraisal__plan__unit"


class AppraisalComment(models.Model):
    """A comment of an appraisal on one task or one target, and the unit's answer."""

    appraisal = models.ForeignKey(
        "plans.Appraisal",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("appraisal"),
    )
    task = models.ForeignKey(
        "plans.Task",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appraisal_comments",
        verbose_name=_("task"),
    )
    target = models.ForeignKey(
        "plans.Target",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appraisal_comments",
        verbose_name=_("target"),
    )
    row_text = models.TextField(_("row as appraised"), blank=True)
    text = models.TextField(_("comment"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = acted_by(_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = AppraisalCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appraisal comment")
        verbose_name_plural = _("appraisal comments")
        ordering = ["appraisal", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def audit_subject(self):
        return self.appraisal.plan
