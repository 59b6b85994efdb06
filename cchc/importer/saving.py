"""Saving a parsed plan (the dict of specs/plan-import.md) as a plan of a unit.

One transaction, one audit event: either the whole plan with its legal bases, sections, tasks,
leads, targets and report schedule is saved, or nothing is. Leads and coordinators are matched
to the unit's posts; unmatched names are kept as written.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from cchc.audit.log import record
from cchc.org.matching import match_post
from cchc.plans.actions import delete_plan
from cchc.plans.choices import (
    QUALITATIVE,
    Area,
    Comparator,
    PartyRole,
    PlanKind,
    ReportKind,
    TargetUnit,
)
from cchc.plans.models import (
    LegalBasis,
    Plan,
    ReportingPeriod,
    Section,
    Target,
    Task,
    TaskParty,
)
from cchc.plans.rules import ensure_in_force
from cchc.plans.signals import announce_tasks_changed

AREAS = {code for code, _ in Area.choices}
COMPARATORS = {code for code, _ in Comparator.choices}
TARGET_UNITS = {code for code, _ in TargetUnit.choices}


def _date(value) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() and number >= 0 else None


def _area(value) -> str:
    return value if value in AREAS else Area.OTHER


def report_kind(name: str) -> str:
    """The kind of a scheduled report from its name ("Báo cáo Quý I/2024" → q1)."""
    folded = name.lower()
    if "9 tháng" in folded or "chín tháng" in folded or "quý iii" in folded:
        return ReportKind.M9
    if "6 tháng" in folded or "sáu tháng" in folded:
        return ReportKind.H1
    if "quý i" in folded and "quý ii" not in folded and "quý iv" not in folded:
        return ReportKind.Q1
    if re.search(r"\bnăm\b", folded) and "tháng" not in folded and "quý" not in folded:
        return ReportKind.YEAR
    return ReportKind.OTHER


def duplicates_of(data: dict, unit) -> list[Plan]:
    """Plans of the unit that look like the same document (same year and number, or same
    year and title when the document has no number)."""
    header = data.get("plan") or {}
    year = header.get("year")
    if not year:
        return []
    plans = Plan.objects.filter(unit=unit, year=year)
    if header.get("number"):
        return list(plans.filter(number=header["number"]))
    return list(plans.filter(title=(header.get("title") or "").strip()))


def _plan_kind(header: dict) -> str:
    kind = header.get("kind")
    if kind in {k for k, _ in PlanKind.choices}:
        return kind
    title = (header.get("title") or "").lower()
    if "chỉ số" in title or "par index" in title or "sipas" in title:
        return PlanKind.INDEX_IMPROVEMENT
    return PlanKind.ANNUAL


def _save_sections(plan: Plan, data: dict) -> dict[str, Section]:
    by_ref: dict[str, Section] = {}
    last_top: Section | None = None
    for order, item in enumerate(data.get("sections") or [], start=1):
        ref = str(item.get("ref") or "").strip()
        parent = by_ref.get(str(item.get("parent_ref") or "")) if item.get("parent_ref") else None
        if parent is None and "." in ref and last_top is not None:
            parent = last_top
        section = Section.objects.create(
            plan=plan,
            order=order,
            ref=ref[:20],
            title=(item.get("title") or "").strip()[:500] or ref,
            area=_area(item.get("area")),
            parent=parent,
        )
        if parent is None:
            last_top = section
        if ref:  # an unnumbered heading row cannot be looked up; its tasks keep their area
            by_ref[ref] = section
    return by_ref


def _save_tasks(plan: Plan, data: dict, sections: dict[str, Section]) -> int:
    posts = list(plan.unit.posts.all())
    cache: dict[str, object] = {}

    def post_for(name: str):
        if name not in cache:
            cache[name] = match_post(plan.unit, name) if posts else None
        return cache[name]

    tasks = []
    parties_by_task: list[list[tuple[str, str]]] = []
    for order, item in enumerate(data.get("tasks") or [], start=1):
        section = sections.get(str(item.get("section_ref") or "")) if sections else None
        tasks.append(
            Task(
                plan=plan,
                section=section,
                order=order,
                ref=str(item.get("ref") or "")[:20],
                area=_area(item.get("area")),
                title=(item.get("title") or "").strip() or "—",
                products=[p for p in (item.get("products") or []) if p],
                deadline_text=(item.get("deadline") or "")[:255],
                due=_date(item.get("due")),
                recurrence=item.get("recurrence") or "",
                budget_million_vnd=_decimal(item.get("budget_million_vnd")),
                source_line=item.get("source_line"),
                source_text=item.get("source_text") or "",
            )
        )
        parties: list[tuple[str, str]] = [
            (PartyRole.LEAD.value, n) for n in item.get("lead") or [] if n
        ]
        parties += [(PartyRole.COORDINATOR.value, n) for n in item.get("coordinators") or [] if n]
        parties_by_task.append(parties)
    Task.objects.bulk_create(tasks)
    if tasks and tasks[0].pk is None:  # backends without RETURNING ids
        tasks = list(plan.tasks.order_by("order"))
    rows = []
    for task, parties in zip(tasks, parties_by_task, strict=True):
        counters = {PartyRole.LEAD.value: 0, PartyRole.COORDINATOR.value: 0}
        for role, name in parties:
            rows.append(
                TaskParty(
                    task=task, role=role, order=counters[role], text=name[:300], post=post_for(name)
                )
            )
            counters[role] += 1
    TaskParty.objects.bulk_create(rows)
    return len(tasks)


def _target(plan: Plan, order: int, item: dict, **fields) -> Target:
    return Target(
        plan=plan,
        order=order,
        area=_area(item.get("area")),
        text=(item.get("text") or "").strip(),
        source_line=item.get("source_line"),
        **fields,
    )


def _save_targets(plan: Plan, data: dict) -> int:
    """The quantified targets, then the objectives the plan states without a figure, kept as
    targets judged achieved or not (decision 0070)."""
    targets: list[Target] = []
    for item in data.get("targets") or []:
        value = _decimal(item.get("value"))
        if value is None:
            continue
        comparator = item.get("comparator") if item.get("comparator") in COMPARATORS else "="
        if comparator in QUALITATIVE:
            comparator = "="  # a figure was read: it is compared
        unit = item.get("unit") if item.get("unit") in TARGET_UNITS else TargetUnit.COUNT
        targets.append(
            _target(plan, len(targets) + 1, item, comparator=comparator, value=value, unit=unit)
        )
    for item in data.get("qualitative_targets") or []:
        if (item.get("text") or "").strip():
            targets.append(
                _target(plan, len(targets) + 1, item, comparator=Comparator.ACHIEVED, unit="")
            )
    Target.objects.bulk_create(targets)
    from cchc.indicators.targets import suggest_links

    # bulk_create on SQLite returns no primary keys: link the saved rows
    suggest_links(plan.targets.filter(indicator__isnull=True, value__isnull=False))
    return len(targets)


def _save_reporting_periods(plan: Plan, data: dict) -> None:
    ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            plan=plan,
            kind=report_kind(p.get("name") or ""),
            name=(p.get("name") or "")[:120],
            start=_date(p.get("from")),
            end=_date(p.get("to")),
            due=_date(p.get("due")),
        )
        for p in data.get("reporting_periods") or []
    )


def _save_header(data: dict, *, unit, by, status: str, source_name: str) -> Plan:
    header = data.get("plan") or {}
    year = header.get("year") or (_date(header.get("issued_on")) or dt.date.today()).year
    ensure_in_force(unit, year)
    plan = Plan.objects.create(
        unit=unit,
        year=year,
        kind=_plan_kind(header),
        number=(header.get("number") or "")[:60],
        issued_on=_date(header.get("issued_on")),
        issuer=(header.get("issuer") or "")[:200],
        signer=(header.get("signer") or "").strip()[:200],
        title=(header.get("title") or "").strip()[:500] or f"Kế hoạch năm {year}",
        theme=header.get("theme") or "",
        status=status,
        source_name=source_name[:255],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    LegalBasis.objects.bulk_create(
        LegalBasis(
            plan=plan,
            order=i,
            number=(lb.get("number") or "")[:80],
            issued_on=_date(lb.get("issued_on")),
            text=lb.get("text") or lb.get("number") or "",
        )
        for i, lb in enumerate(data.get("legal_bases") or [])
    )
    return plan


@transaction.atomic
def save_parsed_plan(
    data: dict,
    *,
    unit,
    by,
    status: str = "draft",
    source_name: str = "",
    replace: Plan | None = None,
) -> Plan:
    """Create the plan described by `data` in `unit`. With `replace`, that plan (a previous
    import of the same document) is deleted first, in the same transaction — refused, with
    nothing saved, when progress was reported on its tasks."""
    if replace is not None:
        delete_plan(replace, by=by, reason=f"Thay bằng bản nhập lại từ {source_name}")
    plan = _save_header(data, unit=unit, by=by, status=status, source_name=source_name)
    task_count = _save_tasks(plan, data, _save_sections(plan, data))
    target_count = _save_targets(plan, data)
    _save_reporting_periods(plan, data)
    announce_tasks_changed(plan_ids=[plan.pk])
    record(
        "plan.import",
        by=by,
        obj=plan,
        unit=unit,
        after={
            "source": source_name,
            "tasks": task_count,
            "targets": target_count,
            "legal_bases": len(data.get("legal_bases") or []),
            "warnings": list(data.get("warnings") or [])[:200],
        },
    )
    return plan


def import_plan_file(path, *, unit, by, status: str = "draft", replace: Plan | None = None):
    """Parse a plan document and save it as a plan of `unit` (raises PlanImportError)."""
    from .parse import parse_file

    path = Path(path)
    data = parse_file(path)
    return save_parsed_plan(
        data, unit=unit, by=by, status=status, source_name=path.name, replace=replace
    )
