"""The report's content, assembled from the data: one dict, the same for the page, the
command line, the Excel tables and the Word writer.

- `unit_figures(unit, start, end)`: the figures of a window — task counts and indicators —
  the part the compiled report sums and `cchc report --format json` prints.
- `assemble(report)`: the whole content of a draft, computed now; the narrative parts come
  from `report.narrative`, so regenerating the figures never touches what people wrote.
- `content_of(report)`: what a reader sees — the frozen content once submitted, else
  `assemble`.
- `document_content(report)`: the plain dict `cchc.documents.word.render_report` takes.

Task counts (rule): the occurrences of the unit's plans (not drafts, not cancelled) due
within the window, judged on the window's last day: *done* when reported done by then,
*late* when not done and their due date passed before the window's last day, *in progress*
otherwise (started or not). The indicators are `cchc.indicators.engine.values` for the
window, what `cchc indicators --from --to` prints.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone

from cchc.evidence.models import Evidence
from cchc.indicators import engine
from cchc.indicators.models import TargetFigure
from cchc.plans.choices import AREA_ORDER, Area, PlanStatus
from cchc.plans.models import Plan, Target
from cchc.tracking.models import Occurrence

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


def unit_figures(unit, start: dt.date, end: dt.date, definitions=None) -> dict:
    """Task counts and indicators of a window; `figures` is the slot for figures entered by
    hand (items that are not dossiers), filled once that app exists."""
    return {
        "tasks": task_counts(unit, start, end),
        "indicators": indicator_values(unit, start, end, definitions),
        "figures": {},
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
        words += f" ngày {plan.issued_on:%d/%m/%Y}"
    if plan.issuer:
        words += f" của {plan.issuer}"
    return f"{words} về {plan.title}" if plan.title else words


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
            words += f" ({item['issued_on']:%d/%m/%Y})"
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


def _targets(plan: Plan | None, end: dt.date, indicators: dict[str, dict]) -> list[dict]:
    if plan is None:
        return []
    targets = list(
        Target.objects.filter(plan=plan)
        .select_related("indicator")
        .prefetch_related(
            Prefetch(
                "figures",
                queryset=TargetFigure.objects.filter(as_of__lte=end).order_by("-as_of", "-pk"),
                to_attr="known",
            )
        )
    )
    rows = []
    for t in targets:
        value = None
        if t.indicator_id and t.indicator.code in indicators:
            item = indicators[t.indicator.code]
            value = item["value"] if t.indicator.is_rate else item["numerator"]
        elif t.known:
            value = float(t.known[0].value)
        rows.append(
            {
                "area": t.area,
                "text": t.text,
                "comparator": t.comparator,
                "target": None if t.value is None else float(t.value),
                "unit": t.unit,
                "indicator": t.indicator.code if t.indicator_id else None,
                "value": value,
            }
        )
    return rows


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
    unit = report.unit
    parent = unit.parent.name if unit.parent_id else ""
    signed = report.signed_on
    return {
        "parent": parent.upper(),
        "issuer": f"UBND {unit.name}".upper()
        if not unit.name.upper().startswith("UBND")
        else unit.name.upper(),
        "number": report.number or "    /BC-UBND",
        "place": report.place or unit.name.replace("Xã ", "").replace("Phường ", "Phường "),
        "date": signed.isoformat() if signed else None,
        "date_text": (
            f"ngày {signed:%d} tháng {signed:%m} năm {signed:%Y}"
            if signed
            else "ngày      tháng      năm " + str(report.year)
        ),
        "title": report.title,
    }


def assemble(report, today: dt.date | None = None, definitions=None) -> dict:
    """The whole content of the report, computed from the data now."""
    today = today or timezone.localdate()
    unit, start, end = report.unit, report.start, report.end
    plan = _plan(unit, report.year)
    figures = unit_figures(unit, start, end, definitions)
    names = {d.code: d.name for d in (definitions or engine.definitions())}
    tasks = _task_rows(unit, start, end)
    order = _area_order(plan)
    labels = dict(Area.choices)
    areas = []
    for area in order:
        rows = [t for t in tasks if t["area"] == area]
        if rows:
            areas.append({"area": area, "label": str(labels.get(area, area)), "tasks": rows})
    targets = _targets(plan, end, figures["indicators"])
    upcoming = (
        Occurrence.objects.live()
        .filter(plan__unit=unit, due__gt=end, due__lte=end + dt.timedelta(days=92))
        .exclude(plan__status=PlanStatus.DRAFT)
        .filter(done_on__isnull=True)
        .select_related("task")
        .order_by("due", "task__order")
    )
    next_tasks = [
        {
            "ref": o.task.ref,
            "title": o.task.title,
            "due": o.due.isoformat(),
            "due_text": f"{o.due:%d/%m/%Y}",
        }
        for o in upcoming
    ]
    direction = [t for t in tasks if t["area"] == Area.DIRECTION]
    narrative = {key: (report.narrative or {}).get(key, "") for key, _h in NARRATIVE_PARTS}
    recipients = (report.narrative or {}).get("recipients") or _default_recipients(unit)
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
        "plan": (
            {
                "number": plan.number,
                "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
                "title": plan.title,
            }
            if plan
            else None
        ),
        "legal_bases": legal_bases(unit, plan),
        "direction": {"tasks": direction},
        "areas": areas,
        "targets": targets,
        "tasks": figures["tasks"],
        "indicators": figures["indicators"],
        "indicator_names": names,
        "figures": figures["figures"],
        "next_tasks": next_tasks,
        "narrative": narrative,
        "recipients": recipients,
        "signer": {
            "title": (report.narrative or {}).get("signer_title")
            or "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            "name": (report.narrative or {}).get("signer_name", ""),
        },
        "assembled_on": today.isoformat(),
    }


def _default_recipients(unit) -> list[str]:
    upper = (
        [f"UBND {unit.parent.name}", f"Phòng Nội vụ {unit.parent.name}"] if unit.parent_id else []
    )
    return [*upper, "Lưu: VT."]


def content_of(report, today: dt.date | None = None) -> dict:
    """The frozen content once submitted; else the content assembled now."""
    if report.is_frozen and report.frozen is not None:
        return report.frozen
    return assemble(report, today)


def checksum(content: dict) -> str:
    """sha256 of the content written as canonical JSON (sorted keys, no spaces)."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _percent(item: dict) -> str:
    value = item.get("value")
    return "—" if value is None else f"{value:.2f}%".replace(".", ",")


def figure_tables(content: dict) -> list[dict]:
    """The appendix tables (also the .xlsx): task counts, targets, indicators."""
    t = content["tasks"]
    names = content.get("indicator_names", {})
    tables = [
        {
            "title": "Biểu 1. Kết quả thực hiện nhiệm vụ trong kỳ",
            "columns": ["Kế hoạch", "Hoàn thành", "Đang thực hiện", "Chậm, quá hạn"],
            "rows": [[str(t["planned"]), str(t["done"]), str(t["in_progress"]), str(t["late"])]],
        },
        {
            "title": "Biểu 2. Chỉ số kết quả giải quyết thủ tục hành chính",
            "columns": ["Mã", "Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ"],
            "rows": [
                [
                    code,
                    names.get(code, code),
                    str(v["numerator"]),
                    str(v["denominator"]),
                    _percent(v),
                ]
                for code, v in content["indicators"].items()
            ],
        },
    ]
    if content.get("targets"):
        tables.append(
            {
                "title": "Biểu 3. Chỉ tiêu của kế hoạch",
                "columns": ["Chỉ tiêu", "Mục tiêu", "Kết quả"],
                "rows": [
                    [
                        row["text"],
                        f"{row['comparator']} {row['target']:g}"
                        if row["target"] is not None
                        else row["comparator"],
                        "—" if row["value"] is None else f"{row['value']:g}",
                    ]
                    for row in content["targets"]
                ],
            }
        )
    if content.get("figures"):
        tables.append(
            {
                "title": "Biểu 4. Số liệu khác",
                "columns": ["Mã", "Tử số", "Mẫu số", "Tỷ lệ"],
                "rows": [
                    [code, str(v["numerator"]), str(v["denominator"]), _percent(v)]
                    for code, v in content["figures"].items()
                ],
            }
        )
    return tables


def document_content(report) -> dict:
    """The plain dict `cchc.documents.word.render_report` takes."""
    content = content_of(report)
    header = content["header"]
    narrative = content["narrative"]

    def paragraphs(key: str) -> list[str]:
        return [line for line in (narrative.get(key) or "").splitlines() if line.strip()]

    direction = paragraphs("direction")
    plan = content.get("plan")
    if plan and plan.get("number"):
        direction.insert(0, f"Ban hành Kế hoạch số {plan['number']} về {plan['title']}.")
    for row in content["direction"]["tasks"]:
        direction.append(f"- {row['title']}: {row['status_label']}.")
    sections = [{"heading": NARRATIVE_PARTS[0][1], "paragraphs": direction, "tables": []}]
    counts = content["tasks"]
    results = [
        f"Trong kỳ có {counts['planned']} nhiệm vụ đến hạn: hoàn thành {counts['done']}, "
        f"đang thực hiện {counts['in_progress']}, chậm {counts['late']}.",
        *paragraphs("results"),
    ]
    sections.append({"heading": NARRATIVE_PARTS[1][1], "paragraphs": results, "tables": []})
    for index, area in enumerate(content["areas"], start=1):
        lines = []
        for row in area["tasks"]:
            line = f"- {row['title']}: {row['status_label']}"
            if row["evidence"]:
                line += " (" + "; ".join(row["evidence"]) + ")"
            lines.append(line + ".")
        sections.append({"heading": f"{index}. {area['label']}", "paragraphs": lines, "tables": []})
    assessment: list[str] = []
    for key, lead in (
        ("achievements", "Ưu điểm:"),
        ("shortcomings", "Tồn tại, hạn chế:"),
        ("causes", "Nguyên nhân:"),
    ):
        if paragraphs(key):
            assessment += [lead, *paragraphs(key)]
    sections.append(
        {
            "heading": "III. Đánh giá chung",
            "paragraphs": assessment,
            "tables": [],
        }
    )
    upcoming = [
        f"- {row['title']} (hạn {row['due'][8:10]}/{row['due'][5:7]}/{row['due'][:4]})."
        for row in content["next_tasks"]
    ]
    sections.append(
        {
            "heading": NARRATIVE_PARTS[5][1],
            "paragraphs": [*paragraphs("next_period"), *upcoming],
            "tables": [],
        }
    )
    sections.append(
        {"heading": NARRATIVE_PARTS[6][1], "paragraphs": paragraphs("proposals"), "tables": []}
    )
    sections.append({"heading": "PHỤ LỤC", "paragraphs": [], "tables": figure_tables(content)})
    return {
        "header": {
            "parent": header["parent"],
            "issuer": header["issuer"],
            "unit": content["unit_name"],
            "number": header["number"],
            "place": header["place"],
            "date": header["date"],
            "date_text": header["date_text"],
            "title": header["title"],
        },
        "legal_bases": content["legal_bases"],
        "sections": sections,
        "recipients": content["recipients"],
        "signer": content["signer"],
    }


def report_docx(report) -> bytes:
    """The report as a Word file in the Decree 30 layout, on the unit's (or the nearest upper
    unit's) template, else the one shipped with the product."""
    from cchc.documents.actions import template_for
    from cchc.documents.word import render_report

    return render_report(document_content(report), template_for(report.unit))
