"""Carrying a plan into the next year: a new draft with the same rows, dates moved."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cchc.audit.log import record

from .choices import PlanStatus
from .lifecycle import acting
from .models import LegalBasis, Plan, Section, TaskParty
from .rules import ensure_in_force, in_force_during
from .signals import announce_tasks_changed


def _shift_year(date, years: int):
    if date is None:
        return None
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def _shift_text(text: str, old_year: int, new_year: int) -> str:
    years = new_year - old_year
    for year in sorted({old_year - 1, old_year, old_year + 1}, reverse=years > 0):
        text = text.replace(str(year), str(year + years))
    return text


def _new_draft(source: Plan, *, year: int, by, unit, title: str = "") -> Plan:
    plan = Plan.objects.get(pk=source.pk)
    plan.pk = None
    plan.unit = unit or source.unit
    plan.year = year
    plan.number = ""
    plan.issued_on = None
    plan.status = PlanStatus.DRAFT
    plan.signer, plan.submitted_by, plan.submitted_at, plan.closing_note = "", None, None, ""
    plan.title = title or _shift_text(source.title, source.year, year)
    plan.theme = _shift_text(source.theme, source.year, year)
    plan.source_name = ""
    plan.created_by = acting(by)
    plan.save()
    LegalBasis.objects.bulk_create(
        LegalBasis(
            plan=plan, order=lb.order, number=lb.number, issued_on=lb.issued_on, text=lb.text
        )
        for lb in source.legal_bases.all()
    )
    return plan


def _copy_sections(source: Plan, plan: Plan) -> dict:
    section_map: dict[int | None, Section] = {}
    for section in source.sections.order_by("parent_id", "order"):
        old_pk, parent_pk = section.pk, section.parent_id
        section.pk, section.plan = None, plan
        section.parent = section_map.get(parent_pk)
        section.save()
        section_map[old_pk] = section
    return section_map


def _copy_tasks(source: Plan, plan: Plan, section_map: dict) -> None:
    years = plan.year - source.year
    for task in source.tasks.active().prefetch_related("parties"):  # cancelled work stays behind
        parties = list(task.parties.all())
        task.pk, task.plan = None, plan
        task.section = section_map.get(task.section_id)
        task.deadline_text = _shift_text(task.deadline_text, source.year, plan.year)
        task.title = _shift_text(task.title, source.year, plan.year)
        task.due = _shift_year(task.due, years)
        task.origin = None
        task.save()
        TaskParty.objects.bulk_create(
            TaskParty(task=task, role=p.role, order=p.order, text=p.text, post=p.post)
            for p in parties
        )


def _copy_targets_and_schedule(source: Plan, plan: Plan) -> None:
    years = plan.year - source.year
    for target in source.targets.all():
        target.pk, target.plan = None, plan
        target.text = _shift_text(target.text, source.year, plan.year)
        target.by_date = _shift_year(target.by_date, years)
        target.save()
    for period in source.reporting_periods.all():
        period.pk, period.plan = None, plan
        period.name = _shift_text(period.name, source.year, plan.year)
        period.start = _shift_year(period.start, years)
        period.end = _shift_year(period.end, years)
        period.due = _shift_year(period.due, years)
        period.save()


@transaction.atomic
def copy_plan(source: Plan, *, year: int, by, unit=None, title: str = "") -> Plan:
    """A new draft plan for `year` with the same sections, tasks and targets, dates moved.

    Units carry most of last year's plan into the next; this is that step, done once. The
    copy goes to `unit`, else to the plan's unit, or — when that one was dissolved before
    `year` — to the unit in force that took over its work (a merged commune carries on a
    predecessor's plan). `title` names a copy given to another unit (the source's title,
    year moved, otherwise): its history names it so from the first event."""
    if unit is None and not in_force_during(source.unit, year):
        unit = source.unit.successor_in_force(dt.date(year, 1, 1))
    ensure_in_force(unit or source.unit, year)
    plan = _new_draft(source, year=year, by=by, unit=unit, title=title)
    _copy_tasks(source, plan, _copy_sections(source, plan))
    _copy_targets_and_schedule(source, plan)
    announce_tasks_changed(plan_ids=[plan.pk])
    record(
        "plan.copy",
        by=by,
        obj=plan,
        unit=plan.unit,
        after={"from_plan": source.pk, "year": year, "tasks": plan.tasks.count()},
    )
    return plan
