"""Who is reminded of what, and when. Run by `jobs.send_reminders` (worker) or the
`cchc send-reminders` command (cron); running it again the same day sends nothing new.

Events, per occurrence of a task of an issued plan that is not done:
- due soon: on the first run within N working days of the due date, for each N of the unit's
  `days_before` (7 and 1 by default) — only the closest such N is sent when runs were missed —
  to the holders of the task's lead post and the people assigned to it (the unit's focal point
  when there are none);
- overdue: the day after the due date, to the same people and the focal point;
- escalated to the leader: after `escalate_to_leader_after` working days overdue, to the
  leaders of the unit;
- escalated to the upper level: after `escalate_to_upper_after` working days, to the
  reviewers of the closest unit above that has reviewers.
And, once a week on the unit's digest day (or the first run after it), a digest to each focal
point and leader of a unit with an issued plan.

Each notification carries a key naming the event (occurrence, kind, due date, week); the
database refuses a second notification with the same key for the same person, so the same
event never reminds twice. Reminders about work overdue for more than `LOOKBACK_DAYS` are not
started (a first run on an old database does not flood people with last year's backlog).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cchc.formats import day
from cchc.notifications.actions import notify
from cchc.notifications.models import Notification
from cchc.org.choices import Role
from cchc.org.models import Membership, Unit, User
from cchc.plans.choices import PartyRole, PlanStatus
from cchc.plans.models import Task, TaskParty
from cchc.workdays.calendar import working_days_between

from .choices import NotificationKind
from .models import Assignment, Occurrence, ReminderPolicy
from .schedule import sync_stale
from .status import DUE_SOON_DAYS

logger = logging.getLogger(__name__)

LOOKBACK_DAYS = 180
# Working days never exceed this many calendar days ahead (60 working days ≈ 12 weeks + Tết).
_AHEAD_DAYS = 100


@dataclass(frozen=True)
class Policy:
    offsets: tuple[int, ...] = (7, 1)
    leader_after: int = 3
    upper_after: int = 10
    weekly_digest: bool = True
    digest_weekday: int = 0
    send_email: bool = True

    @classmethod
    def from_row(cls, row: ReminderPolicy) -> Policy:
        return cls(
            offsets=tuple(row.offsets),
            leader_after=row.escalate_to_leader_after,
            upper_after=row.escalate_to_upper_after,
            weekly_digest=row.weekly_digest,
            digest_weekday=row.digest_weekday,
            send_email=row.send_email,
        )


DEFAULT_POLICY = Policy()


def policy_for(unit: Unit, rows: list[ReminderPolicy] | None = None) -> Policy:
    """The unit's own settings, else those of the closest unit above with settings."""
    if rows is None:
        rows = list(
            ReminderPolicy.objects.filter(unit_id__in=unit.lineage_ids()).select_related("unit")
        )
    best = None
    for row in rows:
        if unit.is_within(row.unit) and (best is None or row.unit.depth > best.unit.depth):
            best = row
    return Policy.from_row(best) if best else DEFAULT_POLICY


@dataclass
class Outcome:
    """What a run did: notifications created by kind, emails queued."""

    created: Counter = field(default_factory=Counter)
    emails_queued: int = 0

    @property
    def total(self) -> int:
        return sum(self.created.values())


@dataclass
class _Candidate:
    user: User
    key: str
    kind: str
    unit: Unit
    message: Callable[[], tuple[str, str]]  # (title, body), written only when it is sent
    url: str
    about: Occurrence | Unit
    email: bool


class _People:
    """Memberships of the units concerned, loaded once per run."""

    def __init__(self, units: list[Unit]):
        ids: set[int] = set()
        for unit in units:
            ids.update(int(p) for p in unit.path.strip("/").split("/") if p)
        self.by_unit_role: dict[tuple[int, str], list] = defaultdict(list)
        self.by_post: dict[int, list] = defaultdict(list)
        self.users: dict[int, object] = {}
        memberships = Membership.objects.filter(
            is_active=True, user__is_active=True, unit_id__in=ids
        ).select_related("user")
        for m in memberships:
            self.by_unit_role[(m.unit_id, m.role)].append(m.user)
            if m.post_id:
                self.by_post[m.post_id].append(m.user)
            self.users[m.user_id] = m.user

    def role(self, unit_id: int, role: str) -> list:
        return self.by_unit_role.get((unit_id, role), [])

    def reviewers_above(self, unit: Unit) -> list:
        ancestors = [int(p) for p in unit.path.strip("/").split("/") if p][:-1]
        for unit_id in reversed(ancestors):
            found = self.role(unit_id, Role.REVIEWER)
            if found:
                return found
        return []


def run(today: dt.date | None = None) -> Outcome:
    """Create every reminder due today that was not created before. Idempotent."""
    today = today or timezone.localdate()
    with override(settings.LANGUAGE_CODE):
        issued = Task.objects.filter(plan__status=PlanStatus.ISSUED)
        sync_stale(issued)
        candidates = _occurrence_candidates(today) + _digest_candidates(today)
        return _create(candidates)


def _open_occurrences(today: dt.date):
    return (
        Occurrence.objects.live()
        .filter(
            plan__status=PlanStatus.ISSUED,
            done_on__isnull=True,
            due__isnull=False,
            due__gte=today - dt.timedelta(days=LOOKBACK_DAYS),
            due__lte=today + dt.timedelta(days=_AHEAD_DAYS),
        )
        .select_related("task", "plan__unit")
        .order_by("due", "pk")
    )


def _occurrence_candidates(today: dt.date) -> list[_Candidate]:
    occurrences = list(_open_occurrences(today))
    if not occurrences:
        return []
    units = list({o.plan.unit_id: o.plan.unit for o in occurrences}.values())
    people = _People(units)
    policies = _policies(units)
    task_ids = {o.task_id for o in occurrences}
    leads: dict[int, list[TaskParty]] = defaultdict(list)
    for party in TaskParty.objects.filter(task_id__in=task_ids, role=PartyRole.LEAD):
        leads[party.task_id].append(party)
    assigned: dict[int, list[int]] = defaultdict(list)
    for task_id, user_id in Assignment.objects.filter(task_id__in=task_ids).values_list(
        "task_id", "user_id"
    ):
        assigned[task_id].append(user_id)

    url_pattern = reverse("tracking:task", args=[987654321]).replace("987654321", "{task}")
    result: list[_Candidate] = []
    for occ in occurrences:
        unit = occ.plan.unit
        policy = policies[unit.pk]
        focal = people.role(unit.pk, Role.FOCAL_POINT)
        owners = _owners(occ, leads, assigned, people) or focal
        url = url_pattern.format(task=occ.task_id) + f"?occ={occ.pk}"
        texts = _Texts(occ, leads[occ.task_id], unit)

        def add(users, kind, key, message, occ=occ, unit=unit, url=url, policy=policy):
            for user in _unique(users):
                result.append(
                    _Candidate(user, key, kind, unit, message, url, occ, policy.send_email)
                )

        if occ.due >= today:
            left = working_days_between(today, occ.due, unit)
            offset = min((n for n in policy.offsets if left <= n), default=None)
            if offset is not None:
                key = f"due:{occ.pk}:{occ.due}:{offset}"
                add(owners, NotificationKind.DUE_SOON, key, partial(texts.due_soon, left))
            continue

        late = working_days_between(occ.due, today, unit)
        key = f"overdue:{occ.pk}:{occ.due}"
        add(_unique(owners + focal), NotificationKind.OVERDUE, key, texts.overdue)
        if late >= policy.leader_after:
            key = f"escalate-leader:{occ.pk}:{occ.due}"
            leaders = people.role(unit.pk, Role.LEADER)
            add(leaders, NotificationKind.ESCALATED_LEADER, key, partial(texts.to_leader, late))
        if late >= policy.upper_after:
            key = f"escalate-upper:{occ.pk}:{occ.due}"
            upper = people.reviewers_above(unit)
            add(upper, NotificationKind.ESCALATED_UPPER, key, partial(texts.to_upper, late))
    return result


class _Texts:
    """The words of an occurrence's reminders, written only for those actually sent."""

    def __init__(self, occ: Occurrence, leads: list[TaskParty], unit: Unit):
        self.occ, self.leads, self.unit = occ, leads, unit

    @property
    def lead_names(self) -> str:
        return ", ".join(p.text for p in self.leads) or _("no lead named")

    @property
    def what(self) -> str:
        return _("%(task)s — %(period)s") % {
            "task": _short(self.occ.task.title),
            "period": self.occ.label,
        }

    @property
    def due_text(self) -> str:
        return day(self.occ.due)

    def due_soon(self, left: int) -> tuple[str, str]:
        if left:
            title = _("Due in %(days)s working days (%(due)s): %(what)s") % {
                "days": left,
                "due": self.due_text,
                "what": self.what,
            }
        else:
            title = _("Due today (%(due)s): %(what)s") % {"due": self.due_text, "what": self.what}
        body = _("Lead: %(leads)s. Report progress and attach the evidence when done.") % {
            "leads": self.lead_names
        }
        return title, body

    def overdue(self) -> tuple[str, str]:
        title = _("Overdue since %(due)s: %(what)s") % {"due": self.due_text, "what": self.what}
        body = _("Lead: %(leads)s. Reported so far: %(percent)s%%.") % {
            "leads": self.lead_names,
            "percent": self.occ.percent,
        }
        return title, body

    def _escalation(self, late: int) -> str:
        return _("%(what)s — %(unit)s, lead: %(leads)s, %(days)s working days overdue.") % {
            "what": self.what,
            "unit": self.unit.name,
            "leads": self.lead_names,
            "days": late,
        }

    def to_leader(self, late: int) -> tuple[str, str]:
        title = _("Overdue %(days)s working days: %(what)s") % {"days": late, "what": self.what}
        return title, self._escalation(late)

    def to_upper(self, late: int) -> tuple[str, str]:
        title = _("%(unit)s: overdue %(days)s working days: %(what)s") % {
            "unit": self.unit.name,
            "days": late,
            "what": self.what,
        }
        return title, self._escalation(late)


def _owners(occ, leads, assigned, people: _People) -> list:
    users = []
    for party in leads[occ.task_id]:
        if party.post_id:
            users.extend(people.by_post.get(party.post_id, []))
    for user_id in assigned[occ.task_id]:
        user = people.users.get(user_id)
        if user is None:
            user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is not None:
            users.append(user)
    return _unique(users)


def _unique(users) -> list:
    seen: dict[int, object] = {}
    for user in users:
        seen.setdefault(user.pk, user)
    return list(seen.values())


def _short(text: str, length: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _policies(units: list[Unit]) -> dict[int, Policy]:
    ids: set[int] = set()
    for unit in units:
        ids.update(int(p) for p in unit.path.strip("/").split("/") if p)
    rows = list(ReminderPolicy.objects.filter(unit_id__in=ids).select_related("unit"))
    return {unit.pk: policy_for(unit, rows) for unit in units}


def _digest_candidates(today: dt.date) -> list[_Candidate]:
    year, week, _weekday = today.isocalendar()
    units = list(
        Unit.objects.filter(plans__status=PlanStatus.ISSUED, plans__year=today.year).distinct()
    )
    if not units:
        return []
    policies = _policies(units)
    people = _People(units)
    key_of = {unit.pk: f"digest:{unit.pk}:{year}-W{week:02d}" for unit in units}
    sent = Notification.objects.already_sent(key_of.values())
    result = []
    for unit in units:
        policy = policies[unit.pk]
        if not policy.weekly_digest or today.weekday() < policy.digest_weekday:
            continue
        recipients = _unique(
            people.role(unit.pk, Role.FOCAL_POINT) + people.role(unit.pk, Role.LEADER)
        )
        key = key_of[unit.pk]
        recipients = [u for u in recipients if (u.pk, key) not in sent]
        if not recipients:
            continue
        message = partial(_digest_text, unit, today, year, week)
        url = reverse("tracking:dashboard", args=[unit.code])
        for user in recipients:
            kind = NotificationKind.DIGEST
            result.append(_Candidate(user, key, kind, unit, message, url, unit, policy.send_email))
    return result


def _digest_text(unit: Unit, today: dt.date, year: int, week: int) -> tuple[str, str]:
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    live = Occurrence.objects.live().filter(
        plan__unit=unit, plan__status=PlanStatus.ISSUED, plan__year=today.year
    )
    overdue = live.filter(done_on__isnull=True, due__lt=today)
    due_soon = live.filter(done_on__isnull=True, due__gte=today, due__lte=soon).count()
    done_week = live.filter(done_on__gt=today - dt.timedelta(days=7)).count()
    lines = [
        f"- {day(o.due)} {_short(o.task.title, 90)} ({o.label})"
        for o in overdue.select_related("task").order_by("due")[:10]
    ]
    title = _(
        "Week %(week)s/%(year)s, %(unit)s: %(overdue)s overdue, %(soon)s due within 7 days, "
        "%(done)s done in the past week"
    ) % {
        "week": week,
        "year": year,
        "unit": unit.name,
        "overdue": overdue.count(),
        "soon": due_soon,
        "done": done_week,
    }
    body = "\n".join([_("Overdue:"), *lines]) if lines else _("Nothing is overdue.")
    return title, body


def _create(candidates: list[_Candidate]) -> Outcome:
    """Notify each event's people who were not notified of it before (the key says which
    event; `notify` refuses a second notification of the same key to the same person)."""
    outcome = Outcome()
    if not candidates:
        return outcome
    existing = Notification.objects.already_sent(c.key for c in candidates)
    events: dict[str, list[_Candidate]] = defaultdict(list)
    for c in candidates:
        if (c.user.pk, c.key) not in existing:
            events[c.key].append(c)
    for key, group in events.items():
        first = group[0]
        title, body = first.message()  # one event, one text, however many people receive it
        notified = notify(
            first.kind,
            [c.user for c in group],
            key=key,
            title=title,
            body=body,
            url=first.url,
            about=first.about,
            unit=first.unit,
            email=first.email,
        )
        outcome.created[first.kind] += len(notified.notifications)
        outcome.emails_queued += notified.emails
    if outcome.total:
        logger.info("reminders: %s", {str(k): n for k, n in outcome.created.items()})
    return outcome
