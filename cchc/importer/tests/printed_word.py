"""A commune's plan typed in Word, its task table in narrow columns under a two-row header
('Phân công thực hiện' over 'Chủ trì | Phối hợp'), printed to PDF by LibreOffice: with the
table's borders (printed-ruled.pdf) and without them (printed-bare.pdf). The PDFs are
committed beside this file (tests/fixtures/); this script makes them again:

    .venv/bin/python -m cchc.importer.tests.printed_word

The table runs over a page break: task 2.1 is cut there, and the part on the next page begins
with a capital ('Hệ thống thông tin …'), as a list in a cell does. Cell widths are fixed so
that LibreOffice breaks '60/2021/NĐ-CP' after 'N' and 'Năm 2024-2025' after the hyphen.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FIXTURES = Path(__file__).parent / "fixtures"
WIDTHS_CM = (1.4, 2.3, 4.2, 2.1, 3.1, 3.1)
HEADER = ["STT", "Nhiệm vụ", "Yêu cầu cần đạt", "Thời gian hoàn thành", "Phân công thực hiện"]
SUB_HEADER = ["", "", "", "", "Chủ trì", "Phối hợp"]
LISTED = [
    "Hệ thống thông tin giải quyết TTHC của tỉnh;",
    "Cổng Dịch vụ công quốc gia;",
    "Trang thông tin điện tử của xã;",
    "Bảng niêm yết tại Bộ phận Một cửa;",
    "Nhóm Zalo của các ấp;",
    "Loa truyền thanh của xã.",
]
ROWS = [
    ["I", "CẢI CÁCH THỂ CHẾ"],
    ["1.1", "Triển khai Nghị định số 60/2021/NĐ-CP của Chính phủ về cơ chế tự chủ tài chính",
     "100% đơn vị sự nghiệp được giao tự chủ", "Năm 2024-2025",
     "Công chức Tài chính - Kế toán", "Văn phòng HĐND và UBND xã"],
    ["1.2", "Rà soát văn bản quy phạm pháp luật do HĐND, UBND xã ban hành",
     "Tối thiểu 95% văn bản được rà soát", "Quý II/2025", "Công chức Tư pháp - Hộ tịch",
     "Các công chức chuyên môn"],
    ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
    ["2.1", "Công khai thủ tục hành chính, kết quả giải quyết hồ sơ trên:\n" + "\n".join(
        LISTED * 2), "100% TTHC được công khai đúng quy định", "Thường xuyên",
     "Văn phòng HĐND và UBND xã", "Bộ phận Một cửa"],
    ["2.2", "Khảo sát sự hài lòng của người dân khi giải quyết TTHC",
     "Mức độ hài lòng đạt tối thiểu 90%", "Tháng 11/2025", "Công chức Văn hóa - Xã hội",
     "Ban Chỉ huy Quân sự xã"],
    ["2.3", "Số hóa hồ sơ, kết quả giải quyết TTHC", "Đạt 100% hồ sơ được số hóa",
     "Trước ngày 15/12/2025", "Bộ phận Một cửa", "Công chức Địa chính - Xây dựng"],
]  # fmt: skip
PREAMBLE = [
    "ỦY BAN NHÂN DÂN XÃ AN BÌNH",
    "Số: 21/KH-UBND",
    "An Bình, ngày 10 tháng 01 năm 2025",
    "KẾ HOẠCH",
    "Cải cách hành chính năm 2025 của xã An Bình",
    "I. MỤC TIÊU",
    "Thực hiện tốt các nhiệm vụ cải cách hành chính của tỉnh, huyện giao năm 2025.",
    "II. NHIỆM VỤ",
    "Phụ lục phân công nhiệm vụ cải cách hành chính năm 2025:",
]


def repeat_as_header(row) -> None:
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def _fill(table, r: int, values: list[str], *, bold: bool = False) -> None:
    for c, value in enumerate(values):
        cell = table.cell(r, c)
        lines = value.split("\n")
        cell.paragraphs[0].add_run(lines[0]).bold = bold
        for line in lines[1:]:
            cell.add_paragraph().add_run(line).bold = bold


def a4_document(preamble: list[str]) -> WordDocument:
    """An A4 page in 13-point Liberation Serif (Times New Roman's metrics, as offices type),
    2 cm margins, the plan's first paragraphs typed."""
    doc = WordDocument()
    doc.styles["Normal"].font.name = "Liberation Serif"
    doc.styles["Normal"].font.size = Pt(13)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    for text in preamble:
        doc.add_paragraph(text)
    return doc


def print_to_pdf(documents: dict[str, WordDocument], out: Path) -> int:
    """Each document saved as NAME.docx and printed by LibreOffice to out/NAME.pdf."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is needed to print the plans to PDF", file=sys.stderr)
        return 1
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name, doc in documents.items():
            source = Path(work) / f"{name}.docx"
            doc.save(str(source))
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
                 "--convert-to", "pdf", "--outdir", str(out), str(source)],
                check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            print(out / f"{name}.pdf")
    return 0


def plan_docx(*, ruled: bool) -> WordDocument:
    doc = a4_document(PREAMBLE)
    table = doc.add_table(rows=2 + len(ROWS), cols=len(WIDTHS_CM))
    if ruled:
        table.style = "Table Grid"
    table.autofit = False
    for c, width in enumerate(WIDTHS_CM):
        table.columns[c].width = Cm(width)
        for cell in table.columns[c].cells:
            cell.width = Cm(width)
    _fill(table, 0, HEADER, bold=True)
    _fill(table, 1, SUB_HEADER, bold=True)
    for c in range(4):
        table.cell(0, c).merge(table.cell(1, c))
    table.cell(0, 4).merge(table.cell(0, 5))
    for r in (0, 1):
        repeat_as_header(table.rows[r])
    for r, values in enumerate(ROWS, start=2):
        _fill(table, r, values, bold=len(values) == 2)
    doc.add_paragraph("Trên đây là Kế hoạch cải cách hành chính năm 2025 của UBND xã An Bình./.")
    return doc


def main() -> int:
    plans = {"printed-ruled": plan_docx(ruled=True), "printed-bare": plan_docx(ruled=False)}
    return print_to_pdf(plans, FIXTURES)


if __name__ == "__main__":
    sys.exit(main())
