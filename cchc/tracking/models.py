"""Execution of a plan: the dated obligations of its tasks, the progress reported on them with
evidence, and the reminders that chase them.

A task is done once or recurs; each time it is due is an `Occurrence` with its own period, due
date, progress and evidence. Occurrences are derived from the task's deadline (schedule.py)
and never typed by hand; their status is computed from dates and updates (status.py).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.audit.fields import acted_by
from cchc.evidence.models import evidence_relation
from cchc.formats import day
from cchc.org.access import ScopedQuerySet
from cchc.org.models import Unit
from cchc.plans.choices import WORKING_STATUSES, Recurrence, TaskState
from cchc.plans.models import Plan, Task

from .choices import UpdateState, Weekday

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class TaskSchedule(models.Model):
    """The deadline inputs a task's occurrences were last built from.

    Invariant: when these equal the task's current deadline text, due date, recurrence and plan
    year, the task's occurrences are up to date; any difference marks the task for a resync.
    """

    task = models.OneToOneField(
        Task, on_delete=models.CASCADE, related_name="schedule", verbose_name=_("task")
    )
    deadline_text = models.CharField(_("deadline text"), max_length=255, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=12, choices=Recurrence.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year"))
    needs_date = models.BooleanField(
        _("needs a date"),
        default=False,
        help_text=_("The deadline names no date: the focal point should set one."),
    )
    unreadable = models.BooleanField(_("deadline not understood"), default=False)
    synced_at = models.DateTimeField(_("synced at"), auto_now=True)

    class Meta:
        verbose_name = _("task schedule")
        verbose_name_plural = _("task schedules")

    def __str__(self) -> str:
        return f"{self.task_id}: {self.deadline_text}"


class OccurrenceQuerySet(ScopedQuerySet):
    scope = "plan__unit"

    def live(self):
        """Occurrences still due: in the task's schedule, of a task that was not cancelled, of
        a plan that was issued (a draft or a plan awaiting approval is nobody's work yet: it
        makes no reminder, no figure, no entry in "My tasks"; decision 0050)."""
        return self.filter(
            obsolete=False, task__state=TaskState.ACTIVE, plan__status__in=WORKING_STATUSES
        )

    def with_status(self, today: dt.date):
        from .status import status_expression

        return self.annotate(status=status_expression(today))


class Occurrence(models.Model):
    """One time a task is due: the task itself when it is done once, one per month, quarter or
    named period when it recurs. Progress and evidence are reported per occurrence.

    Invariants: `plan` is the task's plan (copied for fast dashboard queries); `percent`,
    `state`, `done_on` and `last_update_at` summarise the updates and are written only by
    `actions.report_progress`; an occurrence that leaves the schedule but already holds reports
    is kept as `obsolete` instead of being deleted.
    """

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("task")
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("plan")
    )
    key = models.CharField(_("key"), max_length=40)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0, validators=PERCENT)
    state = models.CharField(
        _("reported state"), max_length=10, choices=UpdateState.choices, blank=True
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    last_update_at = models.DateTimeField(_("last update"), null=True, blank=True)
    obsolete = models.BooleanField(
        _("no longer scheduled"),
        default=False,
        help_text=_("The task's deadline changed; kept because progress was reported on it."),
    )
    # Evidence attached to the occurrence itself: only rows whose report was deleted before
    # evidence had its own app (the migration kept them here). New evidence goes on a report.
    loose_evidence = evidence_relation("occurrence")

    # Reminders about this occurrence (deleted with it); `Notification.objects.filter(
    # occurrence__task=...)` reads those of a task.
    notifications = GenericRelation(
        "notifications.Notification",
        content_type_field="about_type",
        object_id_field="about_id",
        related_query_name="occurrence",
    )

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["task", "due", "key"]
        constraints = [
            models.UniqueConstraint(fields=["task", "key"], name="occurrence_unique_key"),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="occurrence_percent_range"
            ),
        ]
        indexes = [models.Index(fields=["plan", "due"])]

    def __str__(self) -> str:
        return f"{self.task} — {self.label}"

    @property
    def label(self) -> str:
        from .schedule import occurrence_label

        return occurrence_label(self.period_start, self.period_end, self.due)

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def evidence(self):
        """The evidence of this occurrence's reports (and any left on the occurrence itself)."""
        from cchc.evidence.models import Evidence

        # by owner type and id (the owner index), not through joins to every report and
        # occurrence, which read the whole tables
        types = ContentType.objects.get_for_models(ProgressUpdate, Occurrence)
        reports = ProgressUpdate.objects.filter(occurrence=self).values("pk")
        return Evidence.objects.filter(
            models.Q(owner_type=types[ProgressUpdate], owner_id__in=reports)
            | models.Q(owner_type=types[Occurrence], owner_id=self.pk)
        )

    def status_on(self, today: dt.date):
        from .status import compute_status

        return compute_status(self.due, self.done_on, self.percent, self.last_update_at, today)


class AssignmentQuerySet(ScopedQuerySet):
    scope = "task__plan__unit"


class Assignment(models.Model):
    """A person the focal point asks to carry a task, besides the holders of its lead post.
    An assigned person may report on the task and finds it in "My tasks"."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("task")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="task_assignments",
        verbose_name=_("person"),
    )
    assigned_by = acted_by(_("assigned by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["task", "user"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.task}"


class ProgressUpdate(models.Model):
    """A report on an occurrence: how far along, what was done. Added, never edited.

    Invariant: 0 ≤ percent ≤ 100, and a report saying "completed" says 100%.
    """

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="updates", verbose_name=_("occurrence")
    )
    by = acted_by(_("reported by"))
    at = models.DateTimeField(_("reported at"), default=timezone.now, db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=UpdateState.choices)
    percent = models.PositiveSmallIntegerField(_("percent done"), validators=PERCENT)
    note = models.TextField(_("what was done"), blank=True)
    evidence = evidence_relation("progress_update")

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="progress_percent_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(state=UpdateState.DONE) | models.Q(percent=100),
                name="progress_done_is_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{day(self.at)} {self.percent}% {self.get_state_display()}"

    @property
    def says_done(self) -> bool:
        return self.state == UpdateState.DONE or self.percent >= 100

    @staticmethod
    def says_done_q() -> models.Q:
        """`says_done` as a query condition."""
        return models.Q(state=UpdateState.DONE) | models.Q(percent__gte=100)


def parse_days(text: str) -> list[int]:
    """ "7, 1" → [7, 1]; raises ValidationError naming the bad part."""
    days: list[int] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 0 <= int(part) <= 60:
            raise ValidationError(
                _("“%(part)s” is not a number of days between 0 and 60.") % {"part": part}
            )
        days.append(int(part))
    return sorted(set(days), reverse=True)


class ReminderPolicy(models.Model):
    """When a unit's tasks are reminded and escalated. A unit without its own policy follows
    the closest unit above it that has one, else the defaults below."""

    #: what the unit's focal point sets (the settings page's fields, audited on each change)
    SETTINGS = (
        "days_before",
        "escalate_to_leader_after",
        "escalate_to_upper_after",
        "weekly_digest",
        "digest_weekday",
        "send_email",
    )

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, related_name="reminder_policy", verbose_name=_("unit")
    )
    days_before = models.CharField(
        _("remind this many days before the due date"),
        max_length=40,
        default="7, 1",
        help_text=_("Working days, separated by commas. For example: 7, 1"),
    )
    escalate_to_leader_after = models.PositiveSmallIntegerField(
        _("tell the unit's leader after (working days overdue)"),
        default=3,
        validators=[MaxValueValidator(120)],
    )
    escalate_to_upper_after = models.PositiveSmallIntegerField(
        _("tell the upper level after (working days overdue)"),
        default=10,
        validators=[MaxValueValidator(250)],
    )
    weekly_digest = models.BooleanField(_("send a weekly digest"), default=True)
    digest_weekday = models.PositiveSmallIntegerField(
        _("digest day"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    send_email = models.BooleanField(_("also send by email"), default=True)
    updated_by = acted_by(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return str(self.unit)

    def clean(self) -> None:
        try:
            parse_days(self.days_before)
        except ValidationError as exc:
            raise ValidationError({"days_before": exc.messages}) from exc
        if self.escalate_to_upper_after < self.escalate_to_leader_after:
            raise ValidationError(
                {
                    "escalate_to_upper_after": _(
                        "The upper level is told no earlier than the leader."
                    )
                }
            )

    @property
    def offsets(self) -> list[int]:
        return parse_days(self.days_before)


class DirectionQuerySet(ScopedQuerySet):
    scope = "task__plan__unit"

    def open(self):
        return self.filter(answered_at__isnull=True)


class Direction(models.Model):
    """A leader's direction (ý kiến chỉ đạo) on a task, or on one time it is due, and the
    answer of the people carrying it.

    Invariant: written and answered only by `directions.give_direction` /
    `directions.answer_direction`; an answered direction keeps its answer (answered_at is set
    once).
    """

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="directions", verbose_name=_("task")
    )
    occurrence = models.ForeignKey(
        Occurrence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directions",
        verbose_name=_("occurrence"),
    )
    by = acted_by(_("directed by"), blank=False)  # who gave the direction
    at = models.DateTimeField(_("directed at"), default=timezone.now)
    text = models.TextField(_("direction"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = acted_by(_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = DirectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Nudge(models.Model):
    """The upper level's reminder (đôn đốc) to a lagging unit about its overdue items.

    Invariant: one nudge per unit, day and set of items (`items_key`, a digest of the overdue
    occurrences it covers): `directions.send_nudge` refuses a second, and the database too.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="nudges", verbose_name=_("unit")
    )
    by = acted_by(_("sent by"), blank=False)  # who sent the nudge
    at = models.DateTimeField(_("sent at"), default=timezone.now)
    day = models.DateField(_("day"))
    items_key = models.CharField(_("items key"), max_length=64)
    note = models.TextField(_("message"), blank=True)
    occurrences = models.ManyToManyField(
        Occurrence, related_name="nudges", blank=True, verbose_name=_("occurrences")
    )

    class Meta:
        verbose_name = _("nudge")
        verbose_name_plural = _("nudges")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "day", "items_key"], name="nudge_once_a_day_per_items"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {day(self.day)}"
