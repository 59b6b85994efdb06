"""A leader's directions on the unit's tasks and their answers, and the upper level's nudges
(đôn đốc) about a unit's overdue items. Each write is one transaction with one audit event and
its notifications."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.notifications.actions import clear, notify
from cchc.org.access import Action, access_for, within
from cchc.org.choices import Role
from cchc.org.models import Membership, Unit
from cchc.plans.choices import PartyRole, PlanStatus
from cchc.plans.models import Task
from cchc.plans.rules import ensure_open

from .actions import task_url
from .choices import NotificationKind
from .models import Direction, Nudge, Occurrence


def _tell(kind, people, direction: Direction, key: str, title: str, text: str, *, about,
          email: bool = True) -> None:  # fmt: skip
    """Notify `people` about a direction or its answer, pointing at the task's directions."""
    task = direction.task
    notify(
        kind,
        people,
        key=f"{key}:{direction.pk}",
        title=title,
        body=text[:1000],
        url=task_url(task) + "#directions",
        about=about,
        unit=task.plan.unit,
        email=email,
    )


def lead_holders(task: Task):
    """The people carrying a task: holders of its lead posts, and those it was assigned to."""
    from cchc.org.models import User

    posts = task.parties.filter(role=PartyRole.LEAD, post__isnull=False).values("post_id")
    holders = Membership.objects.filter(
        post_id__in=posts, unit=task.plan.unit, is_active=True
    ).values("user_id")
    assigned = task.assignments.values("user_id")
    return User.objects.filter(Q(pk__in=holders) | Q(pk__in=assigned), is_active=True).order_by(
        "pk"
    )


def give_direction(task: Task, *, by, text: str, occurrence: Occurrence | None = None) -> Direction:
    """A leader's direction on a task (or one time it is due): the people carrying it are told,
    and it stays on the leader's dashboard until answered. Only someone who may approve in the
    task's unit directs it (its leader, an administrator)."""
    unit = task.plan.unit
    if not access_for(by).can(Action.APPROVE, unit):
        raise PermissionDenied(
            _("Only the leader of %(unit)s gives directions on its tasks.") % {"unit": unit.name}
        )
    ensure_open(task.plan)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the direction.")})
    if occurrence is not None and occurrence.task_id != task.pk:
        raise ValidationError({"occurrence": _("This period is not one of the task's.")})
    with transaction.atomic():
        direction = Direction.objects.create(task=task, occurrence=occurrence, by=by, text=text)
        record(
            "direction.give",
            by=by,
            obj=direction,
            unit=unit,
            subject=task,
            after={
                "task": task.pk,
                "period": occurrence.label if occurrence else "",
                "direction": text,
            },
        )
        _tell(
            NotificationKind.DIRECTION,
            lead_holders(task),
            direction,
            "direction",
            _("Direction from %(who)s: %(task)s") % {"who": str(by), "task": task.title[:150]},
            text,
            about=direction,
        )
    return direction


def answer_direction(direction: Direction, *, by, answer: str) -> Direction:
    """The people carrying the task answer a direction; the leader is told. Answered once."""
    task = direction.task
    unit = task.plan.unit
    leads = [p.post_id for p in task.parties.all() if p.role == PartyRole.LEAD]
    assigned = task.assignments.filter(user=by).exists()
    if not access_for(by).can_report(unit, leads, assigned=assigned):
        raise PermissionDenied(
            _("Only the people carrying this task or the focal point answer its directions.")
        )
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer to the direction.")})
    with transaction.atomic():
        direction = Direction.objects.select_for_update().get(pk=direction.pk)
        if direction.answered_at is not None:
            raise ValidationError({"answer": _("This direction was already answered.")})
        direction.answer = answer
        direction.answered_by = by
        direction.answered_at = timezone.now()
        direction.save(update_fields=["answer", "answered_by", "answered_at"])
        record(
            "direction.answer",
            by=by,
            obj=direction,
            unit=unit,
            subject=task,
            after={"task": task.pk, "direction": direction.text, "answer": answer},
        )
        clear(direction)
        if direction.by_id:
            _tell(
                NotificationKind.DIRECTION_ANSWERED,
                [direction.by],
                direction,
                "direction-answer",
                _("%(who)s answered your direction: %(task)s")
                % {"who": str(by), "task": task.title[:150]},
                answer,
                about=task,
                email=False,
            )
    return direction


def overdue_items(unit: Unit, today: dt.date):
    """The overdue occurrences of a unit, of the units below it and of the units it
    succeeded (a merged commune carries on their work), in plans still in force."""
    return (
        Occurrence.objects.live()
        .filter(within(unit, "plan__unit"), done_on__isnull=True, due__lt=today)
        .exclude(plan__status=PlanStatus.CLOSED)
        .order_by("due", "pk")
    )


def items_key(occurrence_ids) -> str:
    """The digest naming a set of overdue items (same items, same key)."""
    text = ",".join(str(pk) for pk in sorted(occurrence_ids))
    return hashlib.sha256(text.encode()).hexdigest()


def send_nudge(unit: Unit, *, by, today: dt.date | None = None, note: str = "") -> Nudge:
    """The upper level nudges (đôn đốc) a unit below it about all its overdue items: its focal
    points and leaders are notified. Never twice for the same items on the same day."""
    access = access_for(by)
    if not access.can(Action.APPRAISE, unit) or unit.pk in access.home_units():
        raise PermissionDenied(
            _("Only the upper level over %(unit)s sends it a nudge.") % {"unit": unit.name}
        )
    today = today or timezone.localdate()
    items = list(overdue_items(unit, today).select_related("task"))
    if not items:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("%(unit)s has no overdue items: there is nothing to nudge.")
                % {"unit": unit.name}
            }
        )
    key = items_key(o.pk for o in items)
    already = _("%(unit)s was already nudged today about these %(n)s overdue items.") % {
        "unit": unit.name,
        "n": len(items),
    }
    if Nudge.objects.filter(unit=unit, day=today, items_key=key).exists():
        raise ValidationError({NON_FIELD_ERRORS: already}, code="already_nudged")
    try:
        with transaction.atomic():
            nudge = Nudge.objects.create(
                unit=unit, by=by, day=today, items_key=key, note=(note or "").strip()
            )
            nudge.occurrences.set(items)
            record(
                "nudge.send",
                by=by,
                obj=nudge,
                unit=unit,
                after={
                    "unit": unit.name,
                    "overdue": len(items),
                    "items": [f"{o.task.title[:80]} ({o.label})" for o in items[:50]],
                    "note": nudge.note,
                },
            )
            people = Membership.objects.filter(
                unit=unit, role__in=[Role.FOCAL_POINT, Role.LEADER], is_active=True
            ).select_related("user")
            notify(
                NotificationKind.NUDGE,
                [m.user for m in people if m.user.is_active],
                key=f"nudge:{nudge.pk}",
                title=_("The upper level urges %(unit)s: %(n)s overdue items")
                % {"unit": unit.name, "n": len(items)},
                body=nudge.note,
                url=reverse("tracking:dashboard", args=[unit.code]) + "#nudges",
                about=unit,
                unit=unit,
            )
    except IntegrityError as exc:  # the same nudge sent at the same moment by someone else
        raise ValidationError({NON_FIELD_ERRORS: already}, code="already_nudged") from exc
    return nudge
