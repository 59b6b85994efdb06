"""The unit dashboard (focal point, chairman) and the upper level's comparison of its units."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from cchc.core import freshness
from cchc.formats import month_year
from cchc.notifications.actions import seen
from cchc.org.access import Action, access_for, links_read_once, unit_for, within
from cchc.org.in_force import last_day
from cchc.plans.choices import PlanStatus
from cchc.plans.models import Plan

from . import actions, due_items
from .choices import STATUS_COLOURS, STATUS_ORDER, Status
from .dashboards import comparison, unit_dashboard
from .exports import comparison_workbook
from .forms import ReminderPolicyForm
from .models import Direction, Nudge, ReminderPolicy, TaskSchedule
from .reminders import policy_for


def _unit_day_year(request, code: str):
    """The unit asked for (within the viewer's sight), today, and the year shown (?year=; else
    this year, or a dissolved unit's last year in force, where its plan is)."""
    unit = unit_for(request.user, code)
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else last_day(unit, today).year
    return unit, today, year


@login_required
@require_safe
@links_read_once()  # the access gate and the directions' scope read the successions once
def dashboard(request, code: str):
    unit, today, year = _unit_day_year(request, code)  # access checked before the cache is read
    board, lists, targets = _cached_board(unit, year, today)
    access = access_for(request.user)
    context = {
        "unit": unit,
        "board": board,
        "lists": lists,
        "statuses": [(s, Status(s).label, STATUS_COLOURS[s]) for s in STATUS_ORDER],
        "years": sorted(
            # the year shown is among them, so the picker never names another year
            set(Plan.objects.filter(unit=unit).values_list("year", flat=True))
            | {last_day(unit, today).year, year},
            reverse=True,
        ),
        "undated_count": TaskSchedule.objects.filter(
            task__plan__unit=unit, task__plan__year=year, needs_date=True
        ).count(),
        "can_edit": access.can(Action.EDIT_PLAN, unit),
        # no plan this year: the unit's plans of other years, to go to rather than a dead end
        "other_plans": [] if board.plans else _other_years(unit, year),
        "targets": targets,
        "chart": {
            "labels": [month_year(p.month) for p in board.months],
            "due": [p.due_percent for p in board.months],
            "done": [p.done_percent for p in board.months],
        },
        "nav": "dashboard",
        **leader_panels(unit, today, request.user),
    }
    seen(request.user, unit)  # the unit's weekly digest is now read
    return render(request, "dashboard/unit.html", context)


def _other_years(unit, year: int) -> list[Plan]:
    return list(Plan.objects.filter(unit=unit).exclude(year=year).order_by("-year", "title")[:5])


def _cached_board(unit, year: int, today):
    """The unit's figures, its two lists (rendered) and its targets' overview, from the cache
    while nothing of the unit's own plans, tasks, occurrences, targets and entered figures
    changed (its own counter, decision 0102) nor the dossier figures (decision 0101); what
    depends on the viewer, the directions and the nudges are read on every visit."""

    def compute():
        board = unit_dashboard(unit, year, today)
        lists = {
            "overdue": render_to_string(
                "dashboard/partials/occurrence_table.html",
                {"items": board.overdue, "empty_text": _("Nothing is overdue.")},
            ),
            "upcoming": render_to_string(
                "dashboard/partials/occurrence_table.html",
                {
                    "items": board.upcoming,
                    "empty_text": _("Nothing falls due in the next 30 days."),
                },
            ),
        }
        targets = _targets_overview(board.plans, today)
        # once rendered, the lists are kept as their occurrences' ids: the entry stays small
        # to store and read (a list of 200 occurrences with their tasks and leads is not)
        board.overdue = [occ.pk for occ in board.overdue]
        board.upcoming = [occ.pk for occ in board.upcoming]
        return board, lists, targets

    # the targets' values come from the dossier figures too: their counter is part of the key
    figures = freshness.generation(freshness.DOSSIER_FIGURES)
    cache_key = freshness.key(
        "dashboard",
        unit.pk,
        today,
        year,
        figures,
        get_language(),
        topic=freshness.unit_topic(unit.pk),
    )
    return freshness.remembered(cache_key, compute)


def awaiting(user, unit, today) -> list[due_items.Awaiting]:
    """What waits for this viewer on the unit's pages (decision 0161): a submitted plan the
    leader signs (the unit's own) or the upper level appraises (its units'), then what the
    apps above register (reports, PAR self-assessments)."""
    access = access_for(user)
    items = []
    if access.can(Action.APPROVE, unit):
        for plan in Plan.objects.filter(unit=unit, status=PlanStatus.SUBMITTED)[:5]:
            text = _("Plan awaiting your signature to be issued: %(plan)s") % {"plan": plan.title}
            items.append(due_items.Awaiting(text, reverse("plans:issue", args=[plan.pk])))
    if access.can(Action.APPRAISE, unit):
        below = Plan.objects.filter(within(unit, "unit"), status=PlanStatus.SUBMITTED)
        for plan in below.exclude(unit=unit).select_related("unit")[:5]:
            text = _("Plan awaiting your appraisal: %(unit)s — %(plan)s") % {
                "unit": plan.unit.name,
                "plan": plan.title,
            }
            items.append(due_items.Awaiting(text, reverse("plans:appraise", args=[plan.pk])))
    return items + due_items.awaiting(user, unit, today)


def leader_panels(unit, today, user=None) -> dict:
    """What waits for the viewer (`awaiting`), directions of the unit still awaiting an answer
    (on its tasks, those of the units below it and of the units it succeeded) and, for its
    leader, those answered in the last 14 days, and the upper level's nudges of the last 30
    days, for the unit's dashboard."""
    import datetime as dt

    leader = user is not None and access_for(user).can(Action.APPROVE, unit)
    return {
        "awaiting": awaiting(user, unit, today) if user is not None else [],
        # the answers of the last two weeks, for who gives directions (decision 0161)
        "answered_directions": list(
            Direction.objects.filter(
                within(unit, "task__plan__unit"),
                answered_at__date__gte=today - dt.timedelta(days=14),
            )
            .select_related("task", "answered_by")
            .order_by("-answered_at")[:10]
        )
        if leader
        else [],
        "open_directions": list(
            Direction.objects.open()
            .filter(within(unit, "task__plan__unit"))
            .select_related("task", "by")
            .order_by("at")[:50]
        ),
        "nudges": list(
            Nudge.objects.filter(unit=unit, day__gte=today - dt.timedelta(days=30))
            .select_related("by")
            .prefetch_related("occurrences")[:10]
        ),
    }


def _targets_overview(plans, today) -> dict:
    """Counts of the year's targets by status, and those a leader should look at first."""
    from cchc.indicators.targets import AT_RISK, MET, NO_DATA, NOT_MET, progress_of_plan

    counts = dict.fromkeys((MET, AT_RISK, NOT_MET, NO_DATA), 0)
    watch = []
    for plan in plans:
        for progress in progress_of_plan(plan, today).values():
            counts[progress.status] += 1
            if progress.status in (AT_RISK, NOT_MET):
                watch.append(progress)
    watch.sort(key=lambda p: (p.status != NOT_MET, p.target.plan_id, p.target.order))
    return {"counts": counts, "watch": watch, "total": sum(counts.values())}


@login_required
@require_safe
@links_read_once()  # the gate, the comparison and what awaits read the successions once
def compare(request, code: str):
    unit, today, year = _unit_day_year(request, code)
    rows = comparison(unit, year, today)
    context = {
        "unit": unit,
        "rows": rows,
        "year": year,
        "years": list(range(today.year, today.year - 4, -1)),
        "today": today,
        "chart": {
            "labels": [r.unit.name for r in rows],
            "on_schedule": [r.on_schedule.percent for r in rows],
            "completion": [r.completion.percent for r in rows],
            "overdue": [r.overdue for r in rows],
        },
        "can_nudge": access_for(request.user).can(Action.APPRAISE, unit),
        "awaiting": awaiting(request.user, unit, today),
        "nav": "compare",
    }
    return render(request, "dashboard/compare.html", context)


@login_required
@require_safe
@links_read_once()
def compare_excel(request, code: str):
    """The comparison as an Excel file: the same rows, worst first (decision 0177)."""
    unit, today, year = _unit_day_year(request, code)
    content = comparison_workbook(unit, year, comparison(unit, year, today), today)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="so-sanh-{unit.code}-{year}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request, code: str):
    unit = unit_for(request.user, code, Action.EDIT_PLAN)
    policy = ReminderPolicy.objects.filter(unit=unit).first()
    inherited = policy is None
    if policy is None:
        effective = policy_for(unit)
        policy = ReminderPolicy(
            unit=unit,
            days_before=", ".join(str(d) for d in effective.offsets),
            escalate_to_leader_after=effective.leader_after,
            escalate_to_upper_after=effective.upper_after,
            weekly_digest=effective.weekly_digest,
            digest_weekday=effective.digest_weekday,
            send_email=effective.send_email,
        )
    form = ReminderPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        actions.save_policy(form.save(commit=False), by=request.user)
        messages.success(request, _("The reminder settings were saved."))
        return redirect("tracking:reminder_settings", code=unit.code)
    context = {"unit": unit, "form": form, "inherited": inherited, "nav": "dashboard"}
    status = 400 if form.errors else 200  # refused: the page again (decision 0175)
    return render(request, "tracking/reminder_settings.html", context, status=status)
