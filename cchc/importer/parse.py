"""Plan documents → the plan dict of `specs/plan-import.md`.

`parse_file(path)` is the single entry point: the `import-plan` command prints its result and
the saving step stores it as a draft. It reads the file (`readers`), rebuilds paragraphs and
tables (`layout`), then reads the header, legal bases, tasks, targets and report schedule.
Everything guessed is said in `warnings`, in Vietnamese, for the person reviewing the draft.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import errors
from .areas import guess_target_area
from .checks import deadlines_before_plan, task_label
from .document import Document, Paragraph, Table
from .duties import duties_from_prose
from .header import read_header
from .layout import build_blocks
from .legal import basis_paragraphs, legal_bases
from .readers import DEFAULT_MAX_BYTES, read_bytes, read_path
from .schedule import reporting_periods
from .sections import Heading, heading_of, place
from .tables import ParsedTable, continue_table, parse_table
from .targets import find_quantities, split_sentences
from .tasks import build_tasks, qualitative_rows, targets_from_rows
from .vietnamese import fold


def parse_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    """Parse a plan file (.docx, .pdf, .txt, .md); raise `PlanImportError` if unreadable."""
    return parse_document(read_path(path, max_bytes=max_bytes))


def parse_bytes(data: bytes, name: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    """Parse an uploaded file's bytes; `name` (with its extension) only helps error messages."""
    return parse_document(read_bytes(data, name, max_bytes=max_bytes))


def parse_document(document: Document) -> dict:
    """Parse an already read document into the plan dict."""
    blocks = build_blocks(document)
    paragraphs, tables = _split_blocks(blocks)
    texts = [p.text for p in paragraphs]
    preamble_end = _preamble_end(paragraphs)
    header = read_header(texts, preamble_end)
    warnings = list(header.warnings)
    bases = legal_bases(basis_paragraphs(texts[:preamble_end]))
    placed, headings = place(paragraphs[preamble_end:])
    tasks, table_targets, table_sections, qualitative = _read_tables(tables, header.year, warnings)
    targets = _prose_targets(placed, warnings) + table_targets
    if document.source_format == "xlsx" and not tasks and not table_targets:
        raise errors.xlsx_no_task_table()
    table_tasks = tasks
    if not tasks:
        tasks, duty_targets = duties_from_prose(placed)
        targets += duty_targets
    deadlines_before_plan(tasks, header.issued_on, warnings)
    periods, period_warnings = reporting_periods(
        [(p.paragraph.text, p.paragraph.line) for p in placed], header.year
    )
    warnings += period_warnings
    prose_tasks = [] if table_tasks else tasks
    _check_structure(
        header, table_tasks, targets, headings, bases, texts, warnings, prose_tasks=len(prose_tasks)
    )
    _prose_task_warnings(prose_tasks, targets, warnings)
    result = {
        "plan": header.contract(),
        "legal_bases": bases,
        "tasks": tasks,
        "targets": targets,
        "reporting_periods": periods,
        "qualitative_targets": qualitative,
        "warnings": warnings,
        "sections": [_section_dict(h) for h in headings if h.ref or h.area] + table_sections,
        "source": {
            "name": document.name,
            "format": document.source_format,
            "repaired_words": document.repaired_words,
        },
    }
    return _nfc(result)


# --- blocks ---------------------------------------------------------------------------------


def _split_blocks(blocks) -> tuple[list[Paragraph], list[tuple[ParsedTable, str, str | None]]]:
    """Prose paragraphs (layout tables such as a Word letterhead flattened into them) and the
    plan tables with the caption written above each and, for a table placed inside a section
    rather than in an appendix, that section's area."""
    paragraphs: list[Paragraph] = []
    tables: list[tuple[ParsedTable, str, str | None]] = []
    since_table: list[str] = []
    area: str | None = None
    # a header printed alone at the foot of a page, its rows on the next: (table, its place
    # among the paragraphs, the block) until the next block shows whether rows follow
    alone: tuple[tuple[ParsedTable, str, str | None], int, Table] | None = None
    reports: ParsedTable | None = None  # the last list of reports ("DANH MỤC BÁO CÁO")
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(block)
            since_table.append(block.text)
            heading = heading_of(block)
            if heading is not None and heading.level <= 2:
                area = heading.area
            continue
        if alone and not _has_text(since_table) and continue_table(alone[0][0], block):
            tables.append(alone[0])  # the header's rows, on the page after it
            alone, since_table = None, []
            continue
        if alone:  # a header with no rows after it is text, where it stood
            paragraphs[alone[1] : alone[1]] = _flatten(alone[2])
            alone = None
        if tables and not _has_text(since_table) and continue_table(tables[-1][0], block):
            continue  # the same table, cut at a page break
        if reports and not _has_text(since_table) and continue_table(reports, block):
            paragraphs.extend(_row_lines(block))  # the report list, cut at a page break
            continue
        parsed = parse_table(block)
        if parsed is None or "title" not in parsed.roles:
            paragraphs.extend(_flatten(block))
            since_table.append("<table>")
            continue
        if _is_report_list(parsed):  # its rows are the report schedule, read as prose
            paragraphs.extend(_row_lines(block))
            reports, since_table = parsed, []
            continue
        caption = _caption(since_table[-4:])
        appendix = re.search(r"phu luc|bieu|danh muc", caption)  # not the section above
        found = (parsed, caption, None if appendix else area)
        if not parsed.rows:
            alone, since_table = (found, len(paragraphs), block), []
            continue
        tables.append(found)
        since_table = []
    if alone:
        paragraphs[alone[1] : alone[1]] = _flatten(alone[2])
    return paragraphs, tables


def _has_text(texts: list[str]) -> bool:
    """Whether anything stands between two tables: a page break leaves at most an empty line,
    a page number or a '(tiếp theo)'."""
    return any(
        t.strip() and not re.fullmatch(r"[\s\f\d\-–/]*|\(?\s*tiếp( theo)?\s*\)?", t.strip(), re.I)
        for t in texts
    )


_PROGRAMME = re.compile(r"chuong trinh muc tieu")


def _caption(texts: list[str]) -> str:
    """The title line written above a table ('PHÂN CÔNG THỰC HIỆN NHIỆM VỤ …'), skipping the
    '(Kèm theo …)' line, which names the plan rather than the table."""
    for text in reversed(texts):
        # "Chương trình mục tiêu quốc gia" (a note on the table's abbreviations or budgets)
        # names a funding programme, not the table's targets
        folded = _PROGRAMME.sub("", fold(text))
        if text.lstrip().startswith("(") or "kem theo" in folded:
            continue
        if re.search(r"chi tieu|muc tieu|nhiem vu|phan cong|phu luc", folded):
            return folded
    return ""


def _is_report_list(parsed: ParsedTable) -> bool:
    """A "DANH MỤC BÁO CÁO" table: what its rows name are reports ("Tên báo cáo") with the
    day each is due, the plan's report schedule rather than tasks."""
    return bool(re.match(r"(ten |loai |danh muc )?bao cao\b", fold(parsed.header("title"))))


def _row_lines(table: Table) -> list[Paragraph]:
    """Each row of a table as one line of text, its cells in order."""
    return [
        Paragraph(" ".join(" ".join(c.text.split()) for c in row.cells if c.text.strip()), row.line)
        for row in table.rows
        if any(c.text.strip() for c in row.cells)
    ]


def _flatten(table: Table) -> list[Paragraph]:
    """A table that is not a plan table (letterhead, signature block): its cells, column by
    column, as paragraphs, so that the issuer, number and date in it are still read."""
    out: list[Paragraph] = []
    width = max((len(r.cells) for r in table.rows), default=0)
    for col in range(width):
        for row in table.rows:
            if col < len(row.cells) and row.cells[col].text.strip():
                for line in row.cells[col].text.split("\n"):
                    if line.strip():
                        out.append(Paragraph(" ".join(line.split()), row.line))
    return out


# "I. MỤC ĐÍCH", "## I. …", "**I. …", "Phần I. …", or "Phần I" alone with its title below
_FIRST_PART = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*)?(?:(?:Phần|PHẦN|Chương|CHƯƠNG)\s+I[.:]?\s*$"
    r"|(?:(?:Phần|PHẦN|Chương|CHƯƠNG)\s+)?I[.)]?\s+\S)"
)


def _preamble_end(paragraphs: list[Paragraph]) -> int:
    """Index of the first top-level section heading ('I. MỤC ĐÍCH, YÊU CẦU')."""
    for i, paragraph in enumerate(paragraphs):
        if _FIRST_PART.match(paragraph.text) and i > 0:
            return i
    return min(len(paragraphs), 25)


# --- tables ---------------------------------------------------------------------------------


def _read_tables(tables, year: int | None, warnings: list[str]):
    tasks: list[dict] = []
    targets: list[dict] = []
    sections: list[dict] = []
    qualitative: list[dict] = []
    for parsed, caption, area in tables:
        for section in parsed.sections:
            sections.append(
                {
                    "ref": section.ref,
                    "title": section.title,
                    "area": section.area,
                    "source_line": section.line,
                    "in_table": True,
                }
            )
        if _is_targets_table(caption, parsed):
            found = targets_from_rows(parsed, "title")
            targets += found
            qualitative += qualitative_rows(parsed, found)
            continue
        table_tasks = build_tasks(parsed, year, warnings, area)
        tasks += table_tasks
        if "requirement" in parsed.roles:
            targets += targets_from_rows(parsed, "requirement")
    _deadline_warnings(tasks, year, warnings)
    guessed = sum(1 for t in targets if t.get("area_guessed"))
    if guessed:
        warnings.append(
            f"{guessed} chỉ tiêu trong bảng không thuộc nhóm lĩnh vực nào; lĩnh vực được đoán "
            "theo tên chỉ tiêu."
        )
    if qualitative:
        warnings.append(
            f"{len(qualitative)} mục tiêu không nêu con số được giữ làm mục tiêu định tính "
            "(không có so sánh, giá trị): "
            + ", ".join(t["task_ref"] or str(t["source_line"]) for t in qualitative)
            + "."
        )
    return tasks, targets, sections, qualitative


def _is_targets_table(caption: str, parsed: ParsedTable) -> bool:
    if "lead" not in parsed.roles and "deadline" not in parsed.roles:
        return True
    return bool(re.search(r"chi tieu|muc tieu", caption)) and "phan cong" not in caption


def _deadline_warnings(tasks: list[dict], year: int | None, warnings: list[str]) -> None:
    undated = [task_label(t) for t in tasks if t["needs_date"]]
    if undated:
        warnings.append(
            f"{len(undated)} nhiệm vụ có thời hạn không nêu ngày cụ thể, cần nhập hạn: "
            + ", ".join(undated)
            + "."
        )
    assumed = [task_label(t) for t in tasks if "due_year_assumed" in t["flags"]]
    if assumed and year:
        warnings.append(
            f"Thời hạn không ghi năm, lấy năm của kế hoạch ({year}): nhiệm vụ "
            + ", ".join(assumed)
            + "."
        )


def _prose_task_warnings(tasks: list[dict], targets: list[dict], warnings: list[str]) -> None:
    if not tasks:
        return
    offices = list(dict.fromkeys(t["lead"][0] for t in tasks))
    warnings.append(
        f"{len(tasks)} nhiệm vụ được đọc từ văn bản (phần phân công "
        f"cho {len(offices)} cơ quan, bộ phận), đánh dấu “đọc từ văn bản”: hãy kiểm tra từng "
        "nhiệm vụ, người chủ trì và nhập thời hạn."
    )
    targets = [t for t in targets if t.get("from_prose")]
    if targets:
        refs = ", ".join(t["task_ref"] for t in targets)
        warnings.append(
            f"{len(targets)} chỉ tiêu được đọc từ con số trong nhiệm vụ (nhiệm vụ {refs}); "
            "hãy kiểm tra."
        )


# --- prose targets ----------------------------------------------------------------------------


def _prose_targets(placed, warnings: list[str]) -> list[dict]:
    """Targets under 'Chỉ tiêu'/'Mục tiêu cụ thể' headings, and 'Phấn đấu …' sentences with a
    figure under 'Mục tiêu'/'Mục đích'/'Yêu cầu'."""
    out: list[dict] = []
    guessed: list[int] = []
    for item in placed:
        kind = item.target_kind
        text = item.paragraph.text
        if kind is None:
            text = _labelled_targets(text)
            if text is None:
                continue
            kind = "targets"
        for sentence in split_sentences(text):
            if kind == "goals" and "phan dau" not in fold(sentence):
                continue
            for quantity in find_quantities(sentence):
                area = item.area
                if area is None:
                    area = guess_target_area(quantity.text, sentence)
                    guessed.append(item.paragraph.line)
                out.append(
                    {
                        "area": area,
                        "text": quantity.text,
                        "comparator": quantity.comparator,
                        "value": quantity.value,
                        "unit": quantity.unit,
                        "source_line": item.paragraph.line,
                        "source_text": text,
                        "area_guessed": area is not None and item.area is None,
                    }
                )
    if guessed:
        lines = ", ".join(str(n) for n in sorted(set(guessed)))
        warnings.append(
            f"{len(guessed)} chỉ tiêu không nằm dưới đề mục lĩnh vực nào; lĩnh vực được đoán "
            f"theo nội dung (dòng {lines})."
        )
    return out


def _labelled_targets(text: str) -> str | None:
    """What follows a label naming targets, outside a targets heading: "2. Điều chỉnh chỉ
    tiêu số hóa: tỷ lệ hồ sơ … đạt tối thiểu 90%." (an amending plan) → "tỷ lệ hồ sơ …"."""
    label, colon, rest = text.partition(":")
    if colon and len(label.split()) <= 12 and "chi tieu" in fold(label) and rest.strip():
        return rest.strip()
    return None


# --- checks -----------------------------------------------------------------------------------


def _check_structure(
    header, tasks, targets, headings: list[Heading], bases, texts, warnings, *, prose_tasks=0
):
    """Refuse text with no plan in it; warn about a plan with no task table (whose tasks,
    when `prose_tasks`, were read from the offices' duties instead)."""
    areas = [h for h in headings if h.area]
    if not header.title and not tasks and not targets and not bases and len(areas) < 2:
        raise errors.not_a_plan()
    if tasks:
        _check_totals(tasks, texts, warnings)
        return
    mention = next((t for t in texts if re.search(r"phụ lục|biểu phân công", t, re.I)), None)
    if prose_tasks:
        if mention:
            warnings.append(
                "Không có bảng nhiệm vụ trong tệp, dù kế hoạch nhắc tới phụ lục "
                f"(“{mention[:80]}”)."
            )
        return
    if mention:
        warnings.append(
            "Không có bảng nhiệm vụ trong tệp, dù kế hoạch nhắc tới phụ lục "
            f"(“{mention[:80]}”); danh sách nhiệm vụ để trống."
        )
    else:
        warnings.append("Không tìm thấy bảng nhiệm vụ; danh sách nhiệm vụ để trống.")


def _check_totals(tasks: list[dict], texts: list[str], warnings: list[str]) -> None:
    for text in texts:
        match = re.search(r"tổng cộng\s*:?.*?(\d+)\s+nhiệm vụ", text, re.I)
        if match and int(match.group(1)) != len(tasks):
            warnings.append(
                f"Phụ lục ghi tổng {int(match.group(1))} nhiệm vụ nhưng đọc được {len(tasks)}; "
                "hãy đối chiếu bảng nhiệm vụ."
            )


def _section_dict(heading: Heading) -> dict:
    return {
        "ref": heading.ref,
        "title": heading.title,
        "area": heading.area,
        "source_line": heading.line,
        "in_table": False,
    }


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value
