"""Build the report template the product ships: cchc/documents/templates/bao-cao.docx.

Run it after changing the layout (`.venv/bin/python scripts/build_report_template.py`) and
commit the file it writes. The template is an ordinary Word document laid out as Decree
30/2020/NĐ-CP asks (appendix I): A4 portrait, margins 20/20/30/15 mm, Times New Roman 14, the
header table (issuing body | national title and motto), the title, the legal bases, the body,
then "Nơi nhận" beside the signature block, page numbers centred at the top from page 2.
The variable parts are docxtpl placeholders (decision 0057), the same ones a province's own
template must carry (`cchc.documents.word.REQUIRED_PLACEHOLDERS`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc.documents.word import FONT, LANGUAGE, every_script

OUT = Path(__file__).resolve().parent.parent / "cchc/documents/templates/bao-cao.docx"


def set_font(style_or_run, size: float | None = None) -> None:
    font = style_or_run.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    every_script(style_or_run.element)


def line(cell_or_doc, text: str, *, size=14, bold=False, italic=False, align="center", after=0):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        set_font(run, size)
    return paragraph


def rule(cell, cell_mm: float, rule_mm: float) -> None:
    """A short centred rule under the previous line: an empty paragraph's top border,
    indented so that it is `rule_mm` long."""
    paragraph = line(cell, "", size=2)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    p_pr.append(borders)
    indent = Mm((cell_mm - 4 - rule_mm) / 2)  # 4 mm: the cell's own left and right padding
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent


def widths(table, *sizes_mm: float) -> None:
    """Fixed column widths (LibreOffice reads the grid, Word the cells: both are set)."""
    table.autofit = False
    for column, size in zip(table.columns, sizes_mm, strict=True):
        column.width = Mm(size)
        for cell in column.cells:
            cell.width = Mm(size)


def borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def page_number_header(section) -> None:
    """Page numbers centred in the top margin, from page 2: the first page's header is empty."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    set_font(run, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    section.first_page_header.paragraphs[0].text = ""


def vietnamese(document: Document) -> None:
    """The text's language Vietnamese (python-docx's blank document says en-US): Word checks
    the spelling in Vietnamese instead of underlining every word as an English mistake."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    for attr in ("w:val", "w:eastAsia"):
        language.set(qn(attr), LANGUAGE)


def page(document: Document) -> None:
    """A4 portrait, the margins of Decree 30, 14 pt text, the page number above from page 2."""
    vietnamese(document)
    normal = document.styles["Normal"]
    set_font(normal, 14)
    normal.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    page_number_header(section)


def drop_first_paragraphs(*cells) -> None:
    """A new cell opens with an empty paragraph; the lines written after it are enough."""
    for cell in cells:
        first = cell.paragraphs[0]._p
        first.getparent().remove(first)


def heading(document: Document) -> None:
    """The header table: issuing body | national title and motto."""
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    borderless(header)
    left, right = header.rows[0].cells
    widths(header, 68, 97)
    left.paragraphs[0].text = ""
    line(left, "{{ header.issuer_upper|upper }}", size=13)
    line(left, "{{ header.issuer|upper }}", size=13, bold=True)
    rule(left, 68, 25)
    line(left, "", size=6)
    line(left, "Số: {{ header.number }}", size=13)
    right.paragraphs[0].text = ""
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    line(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    rule(right, 97, 62)
    line(right, "", size=6)
    line(right, "{{ header.place }}, {{ header.date_text }}", size=14, italic=True)
    drop_first_paragraphs(left, right)


def closing(document: Document) -> None:
    """ "Nơi nhận" beside the signature block."""
    line(document, "", after=6)
    end = document.add_table(rows=1, cols=2)
    borderless(end)
    left, right = end.rows[0].cells
    widths(end, 80, 85)
    left.paragraphs[0].text = ""
    line(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left")
    line(left, "{%p for recipient in recipients %}", size=11, align="left")
    line(left, "- {{ recipient }}", size=11, align="left")
    line(left, "{%p endfor %}", size=11, align="left")
    right.paragraphs[0].text = ""
    line(right, "{%p for part in signer.title_lines %}", size=14)
    line(right, "{{ part|upper }}", size=14, bold=True)
    line(right, "{%p endfor %}", size=14)
    for _ in range(4):
        line(right, "", size=14)
    line(right, "{{ signer.name }}", size=14, bold=True)
    drop_first_paragraphs(left, right)


def build() -> Document:
    document = Document()
    page(document)
    heading(document)
    line(document, "", after=6)
    line(document, "{{ title|upper }}", size=14, bold=True)
    line(document, "{{ subtitle }}", size=14, bold=True, after=12)

    # the legal bases, one paragraph each
    line(document, "{%p for basis in legal_bases %}", align="justify")
    basis = line(document, "{{ basis }}", align="justify", after=6)
    basis.paragraph_format.first_line_indent = Mm(10)
    line(document, "{%p endfor %}", align="justify")

    # the body: sections with their paragraphs and tables, written by the product
    line(document, "{{p body }}", align="justify")

    closing(document)

    # the appendix of figure tables, on a page of its own when there is one
    line(document, "{{p appendix }}")

    core = document.core_properties
    core.title, core.author, core.comments = "Báo cáo", "CCHC", "Mẫu báo cáo theo Nghị định 30"
    return document


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    build().save(OUT)
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
