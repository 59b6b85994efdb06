"""Follow-up pages: My tasks, a task's follow-up page, reporting progress, tasks without a
date, assignments. Each view fetches through the access helper first."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cchc.formats import day
from cchc.notifications.actions import seen
from cchc.org.access import Action, access_for
from cchc.plans.choices import PartyRole, PlanStatus
from cchc.plans.history import task_history
from cchc.plans.models import Task, TaskParty

from . import actions, due_items
from .cascade import done_below
from .forms import AnswerForm, AssignForm, DirectionForm, DueForm, ProgressForm
from .models import Assignment, Direction, Occurrence, TaskSchedule
from .timeline import task_timeline

LEADS = Prefetch(
    "task__parties",
    queryset=TaskParty.objects.filter(role=PartyRole.LEAD),
    to_attr="lead_parties",
)


# The task page shows the newest entries of its timeline and change history (both grow with
# every report); "?all=1" shows every one (the history up to its usual 100).
TIMELINE_SHOWN = 40
HISTORY_SHOWN = 20
EVIDENCE_SHOWN = 20


def my_task_ids(user) -> list[int]:
    """Tasks within the user's sight led by a post they hold, or assigned to them. Starts from
    the (post, role) index of task parties rather than scanning the tasks in sight."""
    posts = access_for(user).post_ids()
    led = TaskParty.objects.filter(role=PartyRole.LEAD, post_id__in=posts).values("task_id")
    assigned = Assignment.objects.filter(user=user).values("task_id")
    return list(
        Task.objects.visible_to(user)
        .filter(Q(pk__in=led) | Q(pk__in=assigned))
        .values_list("pk", flat=True)
    )


def group_my_occurrences(occurrences, today: dt.date) -> dict[str, list]:
    """Overdue / due this week / this month / later / done. "Later" shows each recurring
    task's next occurrence only; "done" the most recent 30."""
    week_end = today + dt.timedelta(days=6 - today.weekday())
    month_end = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(1)
    groups: dict[str, list] = {"overdue": [], "week": [], "month": [], "later": [], "done": []}
    later_tasks: set[int] = set()
    for occ in occurrences:
        occ.status = occ.status_on(today)
        if occ.done_on:
            groups["done"].append(occ)
        elif occ.due is not None and occ.due < today:
            groups["overdue"].append(occ)
        elif occ.due is not None and occ.due <= week_end:
            groups["week"].append(occ)
        elif occ.due is not None and occ.due <= month_end:
            groups["month"].append(occ)
        elif occ.task_id not in later_tasks:
            later_tasks.add(occ.task_id)
            groups["later"].append(occ)
    groups["done"] = sorted(groups["done"], key=lambda o: o.done_on, reverse=True)[:30]
    return groups


@login_required
@require_safe
def my_tasks(request):
    today = timezone.localdate()
    task_ids = my_task_ids(request.user)
    occurrences = (
        Occurrence.objects.live()
        .filter(task_id__in=task_ids)
        .exclude(plan__status="closed")
        .exclude(done_on__lt=today - dt.timedelta(days=365))
        .select_related("task", "plan__unit")
        .prefetch_related(LEADS)
        .order_by("due", "task__order", "pk")
    )
    groups = group_my_occurrences(occurrences, today)
    context = {
        "groups": groups,
        "today": today,
        "nav": "mine",
        "other_items": due_items.items_for(request.user, today),
    }
    return render(request, "tracking/my_tasks.html", context)


def _task_for(request, pk: int, action: str = Action.VIEW) -> Task:
    task = get_object_or_404(
        Task.objects.visible_to(request.user)
        .select_related("plan__unit", "section")
        .prefetch_related("parties"),
        pk=pk,
    )
    access_for(request.user).require(action, task.plan.unit)
    return task


def _lead_posts(task: Task) -> list[int | None]:
    return [p.post_id for p in task.parties.all() if p.role == PartyRole.LEAD]


def _can_report(user, task: Task) -> bool:
    assigned = task.assignments.filter(user=user).exists()
    return access_for(user).can_report(task.plan.unit, _lead_posts(task), assigned=assigned)


@login_required
@require_safe
def task_detail(request, pk: int):
    task = _task_for(request, pk)
    return render_task(request, task, selected_pk=request.GET.get("occ"))


def render_task(request, task: Task, selected_pk=None, form=None, status: int = 200, refused=None):
    """The task's page; `refused` holds a refused form by its name on the page (due_form,
    direction_form, answer_form, assign_form), shown again with what was typed and its errors."""
    today = timezone.localdate()
    access = access_for(request.user)
    occurrences = list(task.occurrences.order_by("obsolete", "due", "key"))
    seen(request.user, task, *occurrences)  # its reminders and assignment are now read
    for occ in occurrences:
        occ.task, occ.plan = task, task.plan  # the same rows: no query each
        occ.status = occ.status_on(today)
    live = [o for o in occurrences if not o.obsolete]
    selected = next((o for o in occurrences if str(o.pk) == str(selected_pk)), None)
    if selected is None:
        selected = next((o for o in live if not o.done_on), live[-1] if live else None)
    carries = _can_report(request.user, task)
    can_report = (
        not task.is_cancelled
        and carries
        and selected is not None
        and not selected.obsolete
        and task.plan.status != PlanStatus.CLOSED
    )
    can_edit = access.can(Action.EDIT_PLAN, task.plan.unit)
    if can_report and form is None:
        form = ProgressForm(occurrence=selected)
    schedule = TaskSchedule.objects.filter(task=task).first()
    directions = list(
        Direction.objects.filter(task=task).select_related("by", "answered_by", "occurrence")
    )
    seen(request.user, *directions)
    can_direct = access.can(Action.APPROVE, task.plan.unit) and task.plan.status != "closed"
    adopted, done = done_below([task.pk])[task.pk]
    context = {
        "below": {"adopted": len(adopted), "done": len(done)} if adopted else None,
        "task": task,
        "plan": task.plan,
        "occurrences": occurrences,
        "selected": selected,
        "form": form if can_report else None,
        "can_edit": can_edit,
        "assignments": task.assignments.select_related("user"),
        "assign_form": AssignForm(task=task) if can_edit else None,
        "due_form": DueForm(task=task) if can_edit and schedule and schedule.needs_date else None,
        "schedule": schedule,
        **_timeline_and_history(request, task, selected, directions),
        **_selected_evidence(request, selected),
        "directions": directions,
        "direction_form": DirectionForm(
            task=task, initial={"occurrence": selected.pk if selected else None}
        )
        if can_direct
        else None,
        "answer_form": AnswerForm() if carries else None,
        "today": today,
    }
    for name, bound in (refused or {}).items():  # only a form the page shows anyway
        if context.get(name) is not None:
            context[name] = bound
    return render(request, "tracking/task_detail.html", context, status=status)


def _selected_evidence(request, selected) -> dict:
    """The newest evidence of the selected occurrence, or all with ?all=1: it grows with every
    report, and the page reads only what it shows."""
    if selected is None:
        return {"evidence": []}
    evidence = selected.evidence()
    if request.GET.get("all"):
        return {"evidence": list(evidence)}
    evidence = list(evidence[: EVIDENCE_SHOWN + 1])
    return {"evidence": evidence[:EVIDENCE_SHOWN], "evidence_cut": len(evidence) > EVIDENCE_SHOWN}


def _timeline_and_history(request, task: Task, selected, directions) -> dict:
    """The newest events of the task's timeline and change history, or all with ?all=1."""
    if request.GET.get("all"):
        history = task_history(task)
        return {"history": history, "timeline": task_timeline(task, selected, directions, history)}
    history = task_history(task, limit=HISTORY_SHOWN + 1)
    timeline = task_timeline(task, selected, directions, history, limit=TIMELINE_SHOWN + 1)
    return {
        "history": history[:HISTORY_SHOWN],
        "history_cut": len(history) > HISTORY_SHOWN,
        "timeline": timeline[:TIMELINE_SHOWN],
        "timeline_cut": len(timeline) > TIMELINE_SHOWN,
    }


@login_required
@require_POST
def report(request, pk: int):
    occurrence = get_object_or_404(
        Occurrence.objects.visible_to(request.user).select_related(
            "task__plan__unit", "plan__unit"
        ),
        pk=pk,
        obsolete=False,
    )
    task = occurrence.task
    assigned = task.assignments.filter(user=request.user).exists()
    access_for(request.user).require_report(task.plan.unit, _lead_posts(task), assigned=assigned)
    form = ProgressForm(request.POST, request.FILES, occurrence=occurrence)
    if form.is_valid():
        data = form.cleaned_data
        evidence = []
        if data.get("evidence_file"):
            evidence.append(
                actions.EvidenceInput(
                    file=data["evidence_file"],
                    title=data["evidence_title"],
                    number=data["evidence_number"],
                    issued_on=data["evidence_issued_on"],
                    issuer=data["evidence_issuer"],
                )
            )
        try:
            actions.report_progress(
                occurrence,
                by=request.user,
                state=data["state"],
                percent=data["percent"],
                note=data["note"],
                evidence=evidence,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your progress report was saved."))
            url = reverse("tracking:task", args=[task.pk])
            return redirect(f"{url}?occ={occurrence.pk}#report")
    return render_task(request, task, selected_pk=occurrence.pk, form=form, status=400)


@login_required
@require_safe
def undated(request, code: str):
    unit = get_object_or_404(access_for(request.user).units(), code=code)
    return _undated_page(request, unit)


def _undated_page(request, unit, refused: DueForm | None = None, status: int = 200):
    """The unit's tasks without a date, each with its due-date form when the viewer may set it;
    `refused`, one task's refused form, shown again with what was typed and its error."""
    tasks = Task.objects.filter(plan__unit=unit).exclude(plan__status="closed")
    rows = list(
        tasks.filter(schedule__needs_date=True)
        .select_related("plan", "schedule")
        .prefetch_related("parties")
        .order_by("-plan__year", "plan_id", "order")
    )
    can_edit = access_for(request.user).can(Action.EDIT_PLAN, unit)
    forms = {task.pk: DueForm(task=task, prefix=f"t{task.pk}") for task in rows} if can_edit else {}
    if refused is not None and refused.task.pk in forms:
        forms[refused.task.pk] = refused
    context = {"unit": unit, "rows": rows, "forms": forms, "can_edit": can_edit, "nav": "undated"}
    return render(request, "tracking/undated.html", context, status=status)


@login_required
@require_POST
def set_due(request, pk: int):
    """Set the due date of a task whose deadline names none, from its page or the unit's list
    of tasks without a date (`back`). Refused, that page again (400) with the date typed and
    the reason beside it: a redirect lost what was typed (decision 0150)."""
    task = _task_for(request, pk, Action.EDIT_PLAN)
    prefix = request.POST.get("prefix") or None
    form = DueForm(request.POST, task=task, prefix=prefix)
    back = request.POST.get("back")
    if not form.is_valid():
        if back == "undated":
            return _undated_page(request, task.plan.unit, refused=form, status=400)
        return render_task(request, task, refused={"due_form": form}, status=400)
    actions.set_due(task, form.cleaned_data["due"], by=request.user)
    messages.success(
        request,
        _("The task now falls due on %(date)s.") % {"date": day(form.cleaned_data["due"])},
    )
    if back == "undated":
        return redirect("tracking:undated", code=task.plan.unit.code)
    return redirect("tracking:task", pk=task.pk)


@login_required
@require_POST
def assign(request, pk: int):
    task = _task_for(request, pk, Action.EDIT_PLAN)
    form = AssignForm(request.POST, task=task)
    if not form.is_valid():
        return render_task(request, task, refused={"assign_form": form}, status=400)
    actions.assign(task, form.cleaned_data["user"], by=request.user)
    messages.success(request, _("The task was assigned."))
    return redirect("tracking:task", pk=task.pk)


@login_required
@require_POST
def unassign(request, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related("task__plan__unit", "user"),
        pk=pk,
    )
    access_for(request.user).require(Action.EDIT_PLAN, assignment.task.plan.unit)
    actions.unassign(assignment, by=request.user)
    messages.success(request, _("The assignment was removed."))
    return redirect("tracking:task", pk=assignment.task_id)
