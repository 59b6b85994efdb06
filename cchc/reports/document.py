"""The report's content (`content.content_of`) written out as a document: the sections of the
Word file in the Decree 30 layout, and the appendix tables (also the .xlsx).

- `figure_tables(content)`: the appendix tables — task counts, indicators, targets, figures.
- `document_content(content)`: the plain dict `cchc.documents.word.render_report` takes.
- `render(report)`: the Word file rendered now on the unit's template (what a draft downloads,
  and what `actions.submit` freezes).
- `word_file(report)`: what a download returns — the file frozen at submission, byte for byte,
  once the report is submitted; the draft rendered now otherwise.

Content frozen before section I's or section II's sentences and the figures' descriptions
existed is written without them.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cchc.formats import figure
from cchc.plans.choices import Comparator, TargetUnit

from .content import NARRATIVE_PARTS, content_of
from .sentences import about, percent


def _task_table(content: dict) -> dict:
    t = content["tasks"]
    return {
        "title": "Biểu 1. Kết quả thực hiện nhiệm vụ trong kỳ",
        "columns": ["Kế hoạch", "Hoàn thành", "Đang thực hiện", "Chậm, quá hạn"],
        "rows": [[str(t["planned"]), str(t["done"]), str(t["in_progress"]), str(t["late"])]],
    }


def _indicator_table(content: dict) -> dict:
    """A rate's numerator, denominator and rate; a count ("Số hồ sơ tiếp nhận") its number
    alone — it divides nothing, so no "100,00%". Counts written as documents write them
    ("6.053"); the Excel copy makes them numbers again."""
    names = content.get("indicator_names", {})
    counts = set(content.get("indicator_counts", ()))
    return {
        "title": "Biểu 2. Chỉ số kết quả giải quyết thủ tục hành chính",
        "columns": ["Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ"],
        "rows": [
            [
                names.get(code, code),
                figure(v["numerator"], 0),
                "—" if code in counts else figure(v["denominator"], 0),
                "—" if code in counts else percent(v["value"]),
            ]
            for code, v in content["indicators"].items()
        ],
    }


def _target_table(content: dict) -> dict:
    return {
        "title": "Biểu 3. Chỉ tiêu của kế hoạch",
        "columns": ["Chỉ tiêu", "Mục tiêu", "Kết quả"],
        "rows": [
            [
                row["text"],
                _goal(row),
                "—" if row["value"] is None else _amount(row, row["value"]),
            ]
            for row in content["targets"]
        ],
    }


# a figure target's comparator as a reader writes it ("≥ 90%"), not as it is stored (">=")
SIGNS = {Comparator.AT_LEAST: "≥", Comparator.AT_MOST: "≤", Comparator.EQUAL: "="}


def _amount(row: dict, value: float) -> str:
    """63.64 → "63,64%" for a target in percent, "3" for a count."""
    return figure(value) + ("%" if row.get("unit") == TargetUnit.PERCENT else "")


def _goal(row: dict) -> str:
    """A figure target as "≥ 90%"; a target stated in words by its comparator's name
    (decision 0070), e.g. "đạt / không đạt"."""
    comparator = row["comparator"]
    if row["target"] is None:
        return str(Comparator(comparator).label)
    if comparator in SIGNS:
        return f"{SIGNS[comparator]} {_amount(row, row['target'])}"
    return f"{Comparator(comparator).label} {_amount(row, row['target'])}"


def figure_rows(content: dict) -> list[list[str]]:
    """One row per figure entered by hand: name, measured in, numerator, denominator, rate; a
    plain count shows its number only."""
    described = content.get("figure_descriptions") or {}
    rows = []
    for code, v in content["figures"].items():
        about = described.get(code) or {"name": code, "measured_in": "", "ratio": True}
        if about["ratio"]:
            cells = [str(v["numerator"]), str(v["denominator"]), percent(v["value"])]
        else:
            cells = [str(v["numerator"]), "—", "—"]
        rows.append([about["name"], about["measured_in"], *cells])
    return rows


def page_figure_rows(content: dict) -> list[tuple[str, list[str]]]:
    """(code, row) for the report page's figure table: the appendix's rows, with their codes."""
    return list(zip(content.get("figures", {}), figure_rows(content), strict=True))


def _figure_table(content: dict) -> dict:
    return {
        "title": "Biểu 4. Số liệu công tác cải cách hành chính khác",
        "columns": ["Số liệu", "Đơn vị tính", "Số lượng (tử số)", "Mẫu số", "Tỷ lệ"],
        "rows": figure_rows(content),
    }


def figure_tables(content: dict) -> list[dict]:
    """The appendix tables (also the .xlsx): task counts, indicators, targets, figures."""
    tables = [_task_table(content), _indicator_table(content)]
    if content.get("targets"):
        tables.append(_target_table(content))
    if content.get("figures"):
        tables.append(_figure_table(content))
    return tables


def _plain(title: str) -> str:
    """A task's title without the full stop it may end with (a status or a date follows)."""
    return title.rstrip(" .;")


def _lines(content: dict, key: str) -> list[str]:
    text = content["narrative"].get(key) or ""
    return [line for line in text.splitlines() if line.strip()]


def _section(heading: str, paragraphs: list[str], tables: list | None = None) -> dict:
    return {"heading": heading, "paragraphs": paragraphs, "tables": tables or []}


def _direction(content: dict) -> dict:
    """I.: the plan issued, the sentences written from the figures, the direction tasks, then
    what people wrote."""
    paragraphs = []
    plan = content.get("plan")
    if plan and plan.get("number"):
        paragraphs.append(f"Ban hành Kế hoạch số {plan['number']} về {about(plan['title'])}.")
    paragraphs += content["direction"].get("sentences", [])
    for row in content["direction"]["tasks"]:
        paragraphs.append(f"- {_plain(row['title'])}: {row['status_label']}.")
    return _section(NARRATIVE_PARTS[0][1], paragraphs + _lines(content, "direction"))


def _results(content: dict) -> list[dict]:
    """II.: the task counts, the sentences written from the dossiers and figures, what people
    wrote, then one part per reform area with its tasks and products."""
    counts = content["tasks"]
    summary = (
        f"Trong kỳ có {counts['planned']} nhiệm vụ đến hạn: hoàn thành {counts['done']}, "
        f"đang thực hiện {counts['in_progress']}, chậm {counts['late']}."
    )
    written = (content.get("results") or {}).get("sentences", [])
    sections = [_section(NARRATIVE_PARTS[1][1], [summary, *written, *_lines(content, "results")])]
    for index, area in enumerate(content["areas"], start=1):
        lines = []
        for row in area["tasks"]:
            line = f"- {_plain(row['title'])}: {row['status_label']}"
            if row["evidence"]:
                line += " (" + "; ".join(row["evidence"]) + ")"
            lines.append(line + ".")
        sections.append(_section(f"{index}. {area['label']}", lines))
    return sections


def _assessment(content: dict) -> dict:
    paragraphs: list[str] = []
    for key, lead in (
        ("achievements", "Ưu điểm:"),
        ("shortcomings", "Tồn tại, hạn chế:"),
        ("causes", "Nguyên nhân:"),
    ):
        if _lines(content, key):
            paragraphs += [lead, *_lines(content, key)]
    return _section("III. Đánh giá chung", paragraphs)


def _next_period(content: dict) -> dict:
    upcoming = [
        f"- {_plain(row['title'])} (hạn {row['due'][8:10]}/{row['due'][5:7]}/{row['due'][:4]})."
        for row in content["next_tasks"]
    ]
    return _section(NARRATIVE_PARTS[5][1], [*_lines(content, "next_period"), *upcoming])


def _header(content: dict) -> dict:
    """The header's parts under the names the template uses; without a signing date the
    place is followed by the blank "ngày … tháng … năm" to fill by hand."""
    header = content["header"]
    signed = header.get("date")
    return {
        # a report frozen before 7/12/2026 wrote the level above here ("parent")
        "issuer_upper": header.get("issuer_upper", header.get("parent", "")),
        "issuer": header["issuer"],
        "number": header["number"],
        "place": header["place"],
        "date": dt.date.fromisoformat(signed) if signed else None,
        "date_text": header["date_text"],
    }


def _subject(title: str) -> str:
    """ "Báo cáo công tác … quý I năm 2024" → "Công tác … quý I năm 2024" (under BÁO CÁO)."""
    subject = title[len("Báo cáo ") :] if title.startswith("Báo cáo ") else title
    return subject[:1].upper() + subject[1:]


def document_content(content: dict) -> dict:
    """The plain dict `cchc.documents.word.render_report` takes, from the report's content."""
    sections = [
        _direction(content),
        *_results(content),
        _assessment(content),
        _next_period(content),
        _section(NARRATIVE_PARTS[6][1], _lines(content, "proposals")),
    ]
    return {
        "header": _header(content),
        "title": "Báo cáo",
        "subtitle": _subject(content["header"]["title"]),
        "legal_bases": [f"Căn cứ {basis};" for basis in content["legal_bases"]],
        "sections": sections,
        "recipients": content["recipients"],
        "signer": content["signer"],
        "appendix": figure_tables(content),
    }


def render(report, content: dict | None = None) -> bytes:
    """The report as a Word file in the Decree 30 layout, rendered now from `content` (by
    default what a reader sees), on the unit's (or the nearest upper unit's) template, else
    the one shipped with the product."""
    from cchc.documents.actions import template_for
    from cchc.documents.word import render_report

    data = content_of(report) if content is None else content
    return render_report(document_content(data), template_for(report.unit))


def word_file(report) -> bytes:
    """The frozen Word file of a submitted report (its checksum verified), else rendered now.

    A submitted report frozen before the file was kept (no `document`) is rendered from its
    frozen content. A stored file that is missing or whose SHA-256 no longer matches is
    refused with a message, never served."""
    if not (report.is_frozen and report.document_id):
        return render(report)
    stored = report.document
    try:
        with stored.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        data = None
    if data is None or hashlib.sha256(data).hexdigest() != stored.sha256:
        raise ValidationError(
            _("The stored Word file of this report is missing or no longer matches its checksum.")
        )
    return data
