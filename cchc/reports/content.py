"""The report's content, assembled from the data: one dict, the same for the page, the
command line, the Excel tables and the Word writer.

- `unit_figures(unit, start, end)`: the figures of a window — task counts, indicators and the
  figures entered by hand (`cchc.figures.rollup.totals`, summed over the unit's tree) — the
  part the compiled report sums and `cchc report --format json` prints.
- `assemble(report)`: the whole content of a draft, computed now; the narrative parts come
  from `report.narrative`, so regenerating the figures never touches what people wrote.
- `content_of(report)`: what a reader sees — the frozen content once submitted, else
  `assemble`.
- `cchc.reports.document` turns the content into the Word document and its appendix tables.

Task counts (rule): the occurrences of the unit's plans (not drafts, not cancelled) due
within the window, judged on the window's last day: *done* when reported done by then,
*late* when not done and their due date passed before the window's last day, *in progress*
otherwise (started or not). The indicators are `cchc.indicators.engine.values` for the
window, what `cchc indicators --from --to` prints. Section I's sentences are written from
the figures (`sentences.direction_sentences`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone

from cchc.documents.word import letterhead
from cchc.dossiers import publication
from cchc.evidence.models import Evidence
from cchc.feedback import rates as feedback_rates
from cchc.figures import rollup
from cchc.formats import day
from cchc.formats.rounding import percent
from cchc.indicators import engine
from cchc.indicators.models import TargetFigure
from cchc.org.choices import UnitKind
from cchc.org.names import in_sentence
from cchc.plans.choices import AREA_ORDER, Area, PlanStatus, TargetUnit
from cchc.plans.models import Plan, Target
from cchc.tracking.models import Occurrence

from . import sentences
from .schedule import KINDS

# The parts people write, in the order of the report (field name → heading).
NARRATIVE_PARTS: list[tuple[str, str]] = [
    ("direction", "I. Công tác chỉ đạo, điều hành"),
    ("results", "II. Kết quả thực hiện các nhiệm vụ cải cách hành chính"),
    ("achievements", "III.1. Ưu điểm"),
    ("shortcomings", "III.2. Tồn tại, hạn chế"),
    ("causes", "III.3. Nguyên nhân"),
    ("next_period", "IV. Nhiệm vụ trọng tâm kỳ tới"),
    ("proposals", "V. Kiến nghị, đề xuất"),
]

DONE, IN_PROGRESS, LATE = "done", "in_progress", "late"
STATUS_WORDS = {DONE: "Đã hoàn thành", IN_PROGRESS: "Đang thực hiện", LATE: "Chậm, quá hạn"}


def judge(occurrence, end: dt.date) -> str:
    """An occurrence's state on the window's last day (the rule in the module docstring)."""
    if occurrence.done_on is not None and occurrence.done_on <= end:
        return DONE
    if occurrence.due is not None and occurrence.due < end:
        return LATE
    return IN_PROGRESS


def _occurrences(unit, start: dt.date, end: dt.date):
    return (
        Occurrence.objects.live()
        .filter(plan__unit=unit, due__gte=start, due__lte=end)
        .exclude(plan__status=PlanStatus.DRAFT)
    )


def task_counts(unit, start: dt.date, end: dt.date) -> dict[str, int]:
    counts = {"planned": 0, DONE: 0, IN_PROGRESS: 0, LATE: 0}
    for occurrence in _occurrences(unit, start, end).only("done_on", "due"):
        counts["planned"] += 1
        counts[judge(occurrence, end)] += 1
    return counts


def indicator_values(unit, start: dt.date, end: dt.date, definitions=None) -> dict[str, dict]:
    return {
        code: value.as_dict()
        for code, value in engine.values(unit, start, end, definitions).items()
    }


def figure_values(unit, start: dt.date, end: dt.date, figure_definitions=None) -> dict[str, dict]:
    """The figures entered by hand (not dossiers) over the unit's tree, for the entries whose
    period ends in the window: `cchc.figures.rollup.totals`."""
    return {
        code: value.as_dict()
        for code, value in rollup.totals(unit, start, end, figure_definitions).items()
    }


def unit_figures(
    unit, start: dt.date, end: dt.date, definitions=None, figure_definitions=None
) -> dict:
    """Task counts, indicators and hand-entered figures of a window."""
    return {
        "tasks": task_counts(unit, start, end),
        "indicators": indicator_values(unit, start, end, definitions),
        "figures": figure_values(unit, start, end, figure_definitions),
    }


def _share(pair: tuple[int, int] | None) -> dict:
    numerator, denominator = pair or (0, 0)
    return {
        "numerator": numerator,
        "denominator": denominator,
        "value": percent(numerator, denominator),
    }


def services(unit, start: dt.date, end: dt.date) -> dict:
    """Citizens' feedback received in the window (answered by its end, handled on time as seen
    on its end: `feedback.rates`) and the procedures within the unit's competence (decided for
    publication in the window; published by its end with all seven parts)."""
    items = list(feedback_rates.received_in(unit, start, end))
    answered = sum(1 for i in items if i.answered is not None and i.answered <= end)
    procedures = list(publication.within_competence(unit))
    decided = sum(
        1 for p in procedures if p.publication_decided and start <= p.publication_decided <= end
    )
    return {
        "feedback": {
            "received": len(items),
            "answered": answered,
            "on_time": _share(feedback_rates.on_time_of(items, end)),
        },
        "procedures": {
            "decided": decided,
            "complete": _share(publication.seven_parts_of(procedures, start, end)),
        },
    }


def figure_descriptions(figure_definitions=None) -> dict[str, dict]:
    """{code: {name, measured_in, ratio}} of the figures in use: how the page, the sentences
    and the appendix name and show them (a plain count has no rate)."""
    found = rollup.current_definitions() if figure_definitions is None else figure_definitions
    return {
        d.code: {"name": d.name, "measured_in": d.measured_in, "ratio": d.is_ratio} for d in found
    }


def _plan(unit, year: int) -> Plan | None:
    return (
        Plan.objects.filter(unit=unit, year=year)
        .exclude(status=PlanStatus.DRAFT)
        .order_by("kind", "-issued_on", "pk")
        .first()
    )


def _plan_basis(plan: Plan) -> str:
    words = f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch"
    if plan.issued_on:
        words += f" ngày {day(plan.issued_on)}"
    if plan.issuer:
        words += f" của {plan.issuer}"
    return f"{words} về {sentences.about(plan.title)}" if plan.title else words


def legal_bases(unit, plan: Plan | None) -> list[str]:
    """The upper level's plan (what the unit's plan implements, else the parent's plan of the
    year), then the unit's own plan."""
    bases: list[str] = []
    if plan is not None:
        upper = list(plan.implements.all())
        if not upper and unit.parent_id:
            parent_plan = _plan(unit.parent, plan.year)
            upper = [parent_plan] if parent_plan else []
        bases += [_plan_basis(p) for p in upper]
        bases += [b.text for b in plan.legal_bases.all()]
        bases.append(_plan_basis(plan))
    return list(dict.fromkeys(bases))


def _task_rows(unit, start, end) -> list[dict]:
    occurrences = (
        _occurrences(unit, start, end)
        .select_related("task__section")
        .order_by("task__order", "due", "pk")
    )
    occurrences = list(occurrences)
    evidence: dict[int, list[str]] = defaultdict(list)
    for item in Evidence.objects.filter(
        progress_update__occurrence__in=[o.pk for o in occurrences]
    ).values("progress_update__occurrence_id", "title", "number", "issued_on"):
        words = " ".join(x for x in [item["number"], item["title"]] if x)
        if item["issued_on"]:
            words += f" ({day(item['issued_on'])})"
        evidence[item["progress_update__occurrence_id"]].append(words.strip())
    rows = []
    for o in occurrences:
        state = judge(o, end)
        rows.append(
            {
                "ref": o.task.ref,
                "title": o.task.title,
                "area": o.task.area,
                "due": o.due.isoformat() if o.due else None,
                "done_on": o.done_on.isoformat() if o.done_on and state == DONE else None,
                "status": state,
                "status_label": STATUS_WORDS[state],
                "evidence": evidence.get(o.pk, []),
            }
        )
    return rows


def _target_value(target, indicators: dict[str, dict], figures: dict[str, dict]):
    """The window's value of what measures the target: its indicator, else the figure linked
    to it (`cchc.figures`), else the latest value entered for it by the window's end."""
    if target.indicator_id:
        item = indicators.get(target.indicator.code)
        if item is None:
            return None
        return item["value"] if target.indicator.is_rate else item["numerator"]
    link = getattr(target, "figure_link", None)
    if link is not None:
        item = figures.get(link.definition.code)
        if item is None or not item["denominator"]:
            return None
        return item["value"] if target.unit == TargetUnit.PERCENT else item["numerator"]
    return float(target.known[0].value) if target.known else None


def _targets(plan: Plan | None, end: dt.date, indicators: dict, figures: dict) -> list[dict]:
    if plan is None:
        return []
    targets = (
        Target.objects.filter(plan=plan)
        .select_related("indicator", "figure_link__definition")
        .prefetch_related(
            Prefetch(
                "figures",
                queryset=TargetFigure.objects.filter(as_of__lte=end).order_by("-as_of", "-pk"),
                to_attr="known",
            )
        )
    )
    return [
        {
            "area": t.area,
            "text": t.text,
            "comparator": t.comparator,
            "target": None if t.value is None else float(t.value),
            "unit": t.unit,
            "indicator": t.indicator.code if t.indicator_id else None,
            "value": _target_value(t, indicators, figures),
        }
        for t in targets
    ]


def _area_order(plan: Plan | None) -> list[str]:
    order: list[str] = []
    if plan is not None:
        for area in (
            plan.sections.filter(parent=None).order_by("order").values_list("area", flat=True)
        ):
            if area not in order:
                order.append(area)
    return order + [a for a in AREA_ORDER if a not in order]


def _header(report, plan: Plan | None) -> dict:
    lines = letterhead(report.unit.name)
    signed = report.signed_on
    return {
        "issuer_upper": lines["issuer_upper"],
        "issuer": lines["issuer"],
        "number": report.number or "    /BC-UBND",
        "place": report.place or lines["place"],
        "date": signed.isoformat() if signed else None,
        "date_text": (
            f"ngày {signed:%d} tháng {signed:%m} năm {signed:%Y}"
            if signed
            else "ngày      tháng      năm " + str(report.year)
        ),
        "title": report.title,
    }


def _areas(plan: Plan | None, tasks: list[dict]) -> list[dict]:
    """The window's tasks grouped by reform area, in the plan's order of areas."""
    labels = dict(Area.choices)
    areas = []
    for area in _area_order(plan):
        rows = [t for t in tasks if t["area"] == area]
        if rows:
            areas.append({"area": area, "label": str(labels.get(area, area)), "tasks": rows})
    return areas


def _next_tasks(unit, end: dt.date) -> list[dict]:
    """What falls due in the three months after the window and is not done yet."""
    upcoming = (
        Occurrence.objects.live()
        .filter(plan__unit=unit, due__gt=end, due__lte=end + dt.timedelta(days=92))
        .exclude(plan__status=PlanStatus.DRAFT)
        .filter(done_on__isnull=True)
        .select_related("task")
        .order_by("due", "task__order")
    )
    return [
        {
            "ref": o.task.ref,
            "title": o.task.title,
            "due": o.due.isoformat(),
            "due_text": day(o.due),
        }
        for o in upcoming
    ]


def _plan_summary(plan: Plan | None) -> dict | None:
    if plan is None:
        return None
    issued = plan.issued_on.isoformat() if plan.issued_on else None
    return {"number": plan.number, "issued_on": issued, "title": plan.title}


def _written(report) -> dict:
    """What people wrote: the narrative parts, the recipients and the signer."""
    stored = report.narrative or {}
    return {
        "narrative": {key: stored.get(key, "") for key, _h in NARRATIVE_PARTS},
        "recipients": stored.get("recipients") or default_recipients(report.unit),
        "signer": {
            "title": stored.get("signer_title") or "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            "name": stored.get("signer_name", ""),
        },
    }


def assemble(report, today: dt.date | None = None, definitions=None) -> dict:
    """The whole content of the report, computed from the data now."""
    today = today or timezone.localdate()
    unit, start, end = report.unit, report.start, report.end
    plan = _plan(unit, report.year)
    figure_definitions = rollup.current_definitions()
    figures = unit_figures(unit, start, end, definitions, figure_definitions)
    tasks = _task_rows(unit, start, end)
    return {
        "unit": unit.code,
        "unit_name": unit.name,
        "period": report.period_key,
        "kind": report.kind,
        "kind_label": KINDS[report.kind][0],
        "year": report.year,
        "window": {"from": start.isoformat(), "to": end.isoformat()},
        "due": report.due.isoformat(),
        "header": _header(report, plan),
        "plan": _plan_summary(plan),
        "legal_bases": legal_bases(unit, plan),
        "direction": {
            "tasks": [t for t in tasks if t["area"] == Area.DIRECTION],
            "sentences": sentences.direction_sentences(figures["figures"]),
        },
        "results": {
            "sentences": sentences.results_sentences(
                figures["indicators"], figures["figures"], services(unit, start, end)
            )
        },
        "areas": _areas(plan, tasks),
        "targets": _targets(plan, end, figures["indicators"], figures["figures"]),
        "tasks": figures["tasks"],
        "indicators": figures["indicators"],
        "indicator_names": {d.code: d.name for d in (definitions or engine.definitions())},
        # the indicators that count (dossiers received) rather than divide: no rate of theirs
        "indicator_counts": sorted(
            d.code for d in (definitions or engine.definitions()) if not d.is_rate
        ),
        "figures": figures["figures"],
        "figure_descriptions": figure_descriptions(figure_definitions),
        "next_tasks": _next_tasks(unit, end),
        **_written(report),
        "assembled_on": today.isoformat(),
    }


def default_recipients(unit) -> list[str]:
    """The upper level's People's Committee and its home-affairs body: a province's is the
    Department (Sở Nội vụ), a district's the Office (Phòng Nội vụ)."""
    if not unit.parent_id:
        return ["Lưu: VT."]
    upper = in_sentence(unit.parent.name)
    office = "Sở Nội vụ" if unit.parent.kind == UnitKind.PROVINCE else "Phòng Nội vụ"
    return [f"UBND {upper}", f"{office} {upper}", "Lưu: VT."]


def content_of(report, today: dt.date | None = None) -> dict:
    """The frozen content once submitted; else the content assembled now."""
    if report.is_frozen and report.frozen is not None:
        return report.frozen
    return assemble(report, today)


def checksum(content: dict) -> str:
    """sha256 of the content written as canonical JSON (sorted keys, no spaces)."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
