"""Word reports in the layout of Decree 30/2020/NĐ-CP, from a template people can replace.

`render_report(content, template=None)` fills a docxtpl template (decision 0057) with a plain
dict and returns the .docx bytes. The template carries the layout — page, margins, fonts, the
header table, "Nơi nhận" and the signature block, page numbers from page 2 — and these
placeholders (`REQUIRED_PLACEHOLDERS`):

    header.issuer_upper, header.issuer, header.number, header.place, header.date_text
    title, subtitle, legal_bases (a list), body, recipients (a list),
    signer.title_lines (a list), signer.name, appendix

`body` and `appendix` are written here, as sub-documents (`{{p body }}`): the sections'
headings, paragraphs and tables follow one style whatever the template, so a province's
template decides the frame and the product the figures. Without a template the one shipped
with the product is used (`templates/bao-cao.docx`, built by `scripts/build_report_template.py`).

Templates are rendered in Jinja's sandbox: an uploaded one can show the values it is given,
nothing else. A template is checked before it is kept (`check_template`): it must name every
placeholder above and render the sample report; otherwise a Vietnamese message names what is
missing or what failed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from cchc.org import names

SHIPPED_TEMPLATE = Path(__file__).resolve().parent / "templates" / "bao-cao.docx"
FONT = "Times New Roman"
LANGUAGE = "vi-VN"  # the shipped template's text language: Word's spelling checked in it
BODY_SIZE = 14
TABLE_SIZE = 12
TEXT_WIDTH_MM = 165  # A4's 210 mm less the 30 mm and 15 mm side margins
# a table cell holding a figure: a number as written in Vietnamese, a rate, or a dash for none
FIGURE = re.compile(r"[-+]?\d[\d.]*(,\d+)?\s*%?|[—–-]")

# the names a template must use; "header" and "signer" stand for their dotted parts
REQUIRED_PLACEHOLDERS = (
    "header",
    "title",
    "subtitle",
    "legal_bases",
    "body",
    "recipients",
    "signer",
    "appendix",
)
# the parts of header and signer a template must show, checked on the sample's output
SAMPLE = {
    "header": {
        "issuer_upper": "ỦY BAN NHÂN DÂN",
        "issuer": "XÃ THẠNH TÂN",
        "number": "99/BC-UBND",
        "place": "Thạnh Tân",
        "date": dt.date(2024, 3, 5),
    },
    "title": "Báo cáo",
    "subtitle": "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024",
    "legal_bases": ["Căn cứ Kế hoạch số 01/KH-UBND ngày 05/01/2024 của UBND xã Thạnh Tân;"],
    "sections": [
        {
            "heading": "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
            "paragraphs": ["Ban hành kế hoạch cải cách hành chính năm 2024."],
            "tables": [
                {
                    "title": "Kết quả thực hiện nhiệm vụ",
                    "columns": ["Nội dung", "Số lượng"],
                    "rows": [["Nhiệm vụ hoàn thành", "5"]],
                }
            ],
        }
    ],
    "recipients": ["UBND thành phố Tây Ninh", "Lưu: VT"],
    "signer": {"title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "name": "Nguyễn Văn Mẫu"},
    "appendix": [],
}
# text of the sample that a template must show: missing means a placeholder was left out
SAMPLE_MARKS = {
    "header.issuer_upper": "ỦY BAN NHÂN DÂN",
    "header.issuer": "XÃ THẠNH TÂN",
    "header.number": "99/BC-UBND",
    "header.place": "Thạnh Tân",
    "header.date_text": "ngày 05 tháng 3 năm 2024",
    "signer.name": "Nguyễn Văn Mẫu",
}


COMMITTEE = "ỦY BAN NHÂN DÂN"


def letterhead(unit_name: str) -> dict[str, str]:
    """The header lines and the place of a document a unit's people's committee issues, as
    communes write them (seed 000: "ỦY BAN NHÂN DÂN" over "XÃ THẠNH TÂN", then "Thạnh Tân, ngày
    …"): the committee is named with its own unit. Decree 30's line for a parent body is for an
    agency under one; a committee has none, so the level above is not written over it."""
    name = unit_name.strip()
    if name.upper().startswith("UBND "):
        name = name[len("UBND ") :]
    return {"issuer_upper": COMMITTEE, "issuer": name.upper(), "place": names.place(name)}


def date_text(day: dt.date) -> str:
    """ "ngày 07 tháng 3 năm 2025": Decree 30 writes a day below 10 and months 1, 2 with a 0."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# --- the body and the appendix, written as sub-documents -----------------------------------
def _font(run, size: float, *, bold: bool = False, italic: bool = False) -> None:
    run.bold, run.italic = bold, italic
    run.font.name = FONT
    run.font.size = Pt(size)
    every_script(run._r)


def every_script(element) -> None:
    """`FONT` for every script of a run or a style (`element`: `run._r`, `style.element`):
    python-docx names only the Latin slots, and Word would fill the others with its own."""
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _paragraph(doc, text: str, *, size=BODY_SIZE, bold=False, italic=False, indent=True):
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(6)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    _font(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


def _bordered(table) -> None:
    """Thin black borders set on the table itself: a province's template may lack Table Grid."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            element.set(qn(f"w:{key}"), value)
        borders.append(element)
    tbl_pr.append(borders)


def _cell_text(cell, text: str, *, bold: bool = False) -> None:
    """A header cell centred, a figure ("1.234", "97,66%", "—") right-aligned, words left."""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if bold:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif FIGURE.fullmatch(text):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(paragraph.add_run(text), TABLE_SIZE, bold=bold)


def _row_kept_whole(row, *, header: bool = False) -> None:
    """A row is never split across two pages; the header row is repeated on every page the
    table runs onto (Word and LibreOffice both read `w:tblHeader`)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _table(doc, table: dict[str, Any]) -> None:
    columns: Sequence[str] = table.get("columns") or []
    if table.get("title"):
        title = _paragraph(doc, str(table["title"]), bold=True, italic=True, indent=False)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    if not columns:
        return
    grid = doc.add_table(rows=1, cols=len(columns))
    _bordered(grid)
    grid.autofit = False
    share = TEXT_WIDTH_MM / (len(columns) + 1)  # the first column (the names) twice as wide
    for index, column in enumerate(grid.columns):
        column.width = Mm(share * (2 if index == 0 else 1))
    _row_kept_whole(grid.rows[0], header=True)
    for index, (cell, name) in enumerate(zip(grid.rows[0].cells, columns, strict=True)):
        cell.width = grid.columns[index].width
        _cell_text(cell, str(name), bold=True)
    for values in table.get("rows") or []:
        row = grid.add_row()
        _row_kept_whole(row)
        cells = row.cells
        for index, cell in enumerate(cells):
            cell.width = grid.columns[index].width
            value = values[index] if index < len(values) else ""
            _cell_text(cell, "" if value is None else str(value))
    doc.add_paragraph()


def _body(tpl: DocxTemplate, sections: Sequence[dict[str, Any]]):
    doc = tpl.new_subdoc()
    for section in sections:
        _paragraph(doc, str(section.get("heading", "")), bold=True)
        for text in section.get("paragraphs") or []:
            _paragraph(doc, str(text))
        for table in section.get("tables") or []:
            _table(doc, table)
    return doc


def _appendix(tpl: DocxTemplate, tables: Sequence[dict[str, Any]]):
    doc = tpl.new_subdoc()
    if tables:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        heading = _paragraph(doc, _("APPENDIX"), bold=True, indent=False)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for table in tables:
            _table(doc, table)
    return doc


def recipient_lines(names: Sequence[str]) -> list[str]:
    """ "Nơi nhận" as Decree 30 writes it: one recipient a line, each ending with ";", the last
    ("Lưu: VT, …") with "." — whatever punctuation the names were typed with."""
    lines = [str(name).strip().rstrip(";.,").strip() for name in names]
    lines = [line for line in lines if line]
    return [line + ("." if i == len(lines) - 1 else ";") for i, line in enumerate(lines)]


def _context(tpl: DocxTemplate, content: dict[str, Any]) -> dict[str, Any]:
    header = dict(content.get("header") or {})
    day = header.get("date")
    # without a date, the text given (a draft's blank "ngày … tháng … năm 2024"), if any
    header["date_text"] = (
        date_text(day) if isinstance(day, dt.date) else str(header.get("date_text") or day or "")
    )
    signer = dict(content.get("signer") or {})
    signer["title_lines"] = [
        part.strip() for part in str(signer.get("title", "")).splitlines() if part.strip()
    ]
    return {
        "header": header,
        "title": content.get("title", ""),
        "subtitle": content.get("subtitle", ""),
        "legal_bases": list(content.get("legal_bases") or []),
        "body": _body(tpl, content.get("sections") or []),
        "recipients": recipient_lines(content.get("recipients") or []),
        "signer": signer,
        "appendix": _appendix(tpl, content.get("appendix") or []),
    }


def render_report(content: dict[str, Any], template: bytes | None = None) -> bytes:
    """The report as .docx bytes: `content` (see the module docstring) in `template`."""
    source = io.BytesIO(template) if template is not None else SHIPPED_TEMPLATE.open("rb")
    with source:
        tpl = DocxTemplate(source)
        # an uploaded template is Jinja written by someone else: sandboxed, so it can read the
        # report's values but not reach Python's internals (`{{ x.__class__.__mro__ }}`)
        tpl.render(_context(tpl, content), SandboxedEnvironment(autoescape=True))
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


# --- checking a template before it is kept ---------------------------------------------------
def _all_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def check_template(template: bytes) -> None:
    """Raise ValidationError (Vietnamese) unless `template` names every placeholder and renders."""
    try:
        tpl = DocxTemplate(io.BytesIO(template))
        names = tpl.get_undeclared_template_variables()
    except Exception as error:  # a broken file or template syntax: say what the library said
        raise ValidationError(
            _("The template cannot be read: %(error)s") % {"error": error}
        ) from error
    missing = [name for name in REQUIRED_PLACEHOLDERS if name not in names]
    if missing:
        raise ValidationError(
            _("The template lacks the placeholder %(names)s.")
            % {"names": ", ".join("{{ " + name + " }}" for name in missing)}
        )
    try:
        rendered = render_report(SAMPLE, template)
        text = _all_text(rendered)
    except Exception as error:
        raise ValidationError(
            _("The template could not render a sample report: %(error)s") % {"error": error}
        ) from error
    # the issuer's lines stand alone ("ỦY BAN NHÂN DÂN" is also inside the signer's "TM. …")
    lines = {line.strip() for line in text.splitlines()}
    absent = [
        name
        for name, mark in SAMPLE_MARKS.items()
        if (mark not in lines if name.startswith("header.issuer") else mark not in text)
    ]
    if absent:
        raise ValidationError(
            _("The template lacks the placeholder %(names)s.")
            % {"names": ", ".join("{{ " + name + " }}" for name in absent)}
        )
