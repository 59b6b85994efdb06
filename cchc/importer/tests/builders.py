"""Small plan documents built in the tests: Word files with real (merged) tables and a PDF
with a text layer, in layouts the seeds do not have."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

PREAMBLE = [
    "ỦY BAN NHÂN DÂN",
    "PHƯỜNG HÒA BÌNH",
    "Số: 15/KH-UBND",
    "Hòa Bình, ngày 05 tháng 02 năm 2025",
    "KẾ HOẠCH",
    "Cải cách hành chính năm 2025 trên địa bàn phường Hòa Bình",
    "Căn cứ Quyết định số 1200/QĐ-UBND ngày 20/12/2024 của UBND tỉnh về Kế hoạch CCHC năm "
    "2025; Kế hoạch số 88/KH-UBND ngày 25 tháng 12 năm 2024 của UBND thành phố về CCHC;",
    "I. MỤC TIÊU",
    "1. Chỉ tiêu",
    "- Phấn đấu tối thiểu 92% hồ sơ TTHC được giải quyết trực tuyến; không quá 2% hồ sơ trễ hạn.",
    "- Chỉ số hài lòng đạt từ 90% trở lên.",
    "II. NHIỆM VỤ",
    "Chi tiết tại phụ lục phân công nhiệm vụ.",
]


def _merge_vertically(table, col: int, top: int, bottom: int) -> None:
    table.cell(top, col).merge(table.cell(bottom, col))


def plan_docx(*, with_table: bool = True) -> bytes:
    """A Word plan: letterhead paragraphs, targets, and a task table whose columns are in an
    unusual order (deadline before lead), with a heading row spanning all columns, a lead
    cell merged over two rows, multi-line cells and a budget column."""
    doc = WordDocument()
    for text in PREAMBLE:
        doc.add_paragraph(text)
    if with_table:
        doc.add_paragraph("PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ CCHC NĂM 2025")
        header = ["TT", "Nội dung nhiệm vụ", "Thời hạn", "Đơn vị chủ trì", "Đơn vị phối hợp",
                  "Kết quả", "Kinh phí (triệu đồng)"]  # fmt: skip
        rows = [
            ["I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
            ["1", "Rà soát, đơn giản hóa TTHC", "Quý II, III/2025",
             "Công chức Văn phòng\n– Thống kê", "Công chức Tư pháp – Hộ tịch\nCông chức Địa chính",
             "Báo cáo rà soát", "15"],
            ["2", "Niêm yết công khai TTHC", "Thường xuyên", "", "Bộ phận Một cửa",
             "- Bảng niêm yết\n- Báo cáo", "0"],
            ["II. XÂY DỰNG CHÍNH QUYỀN SỐ"],
            ["3", "Số hóa hồ sơ, kết quả giải quyết TTHC", "Quý IV/2024;\nQuý I/2025",
             "Bộ phận Một cửa", "Các công chức chuyên môn", "Hồ sơ được số hóa", "Không"],
            ["4", "Cập nhật cổng thông tin điện tử", "Hàng tháng", "Công chức Văn hóa – Xã hội",
             "", "Tin bài", ""],
        ]  # fmt: skip
        table = doc.add_table(rows=1 + len(rows), cols=len(header))
        for i, label in enumerate(header):
            table.cell(0, i).text = label
        for r, values in enumerate(rows, start=1):
            if len(values) == 1:
                merged = table.cell(r, 0).merge(table.cell(r, len(header) - 1))
                merged.text = values[0]
                continue
            for c, value in enumerate(values):
                table.cell(r, c).text = value
        _merge_vertically(table, 3, 2, 3)  # task 2's lead is merged with task 1's
        table.cell(2, 3).text = "Công chức Văn phòng\n– Thống kê"
        doc.add_paragraph("Tổng cộng: 4 nhiệm vụ")
    doc.add_paragraph("VI. TỔ CHỨC THỰC HIỆN")
    doc.add_paragraph(
        "Các bộ phận báo cáo kết quả hằng quý, 6 tháng, 9 tháng và năm trước ngày 15 của tháng "
        "cuối kỳ báo cáo."
    )
    doc.add_paragraph(
        "Trên đây là Kế hoạch cải cách hành chính năm 2025 của UBND phường Hòa Bình./."
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def nested_docx() -> bytes:
    """A Word file whose letterhead is a borderless two-column table and whose task cell holds
    a nested table."""
    doc = WordDocument()
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = "Số: 07/KH-UBND"
    head.cell(1, 1).text = "An Phú, ngày 10/01/2025"
    doc.add_paragraph("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025")
    doc.add_paragraph("I. CẢI CÁCH THỂ CHẾ")
    table = doc.add_table(rows=2, cols=4)
    for i, label in enumerate(["STT", "Nhiệm vụ", "Chủ trì", "Thời gian hoàn thành"]):
        table.cell(0, i).text = label
    table.cell(1, 0).text = "1"
    cell = table.cell(1, 1)
    cell.text = "Rà soát văn bản QPPL"
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Đợt 1"
    inner.cell(0, 1).text = "Đợt 2"
    table.cell(1, 2).text = "Công chức Tư pháp – Hộ tịch"
    table.cell(1, 3).text = "Tháng 6/2025"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def set_cell_vmerge_continue(cell) -> None:
    """Mark a cell as the continuation of a vertical merge (as Word writes it)."""
    props = cell._tc.get_or_add_tcPr()
    vmerge = OxmlElement("w:vMerge")
    props.append(vmerge)
    assert vmerge.get(qn("w:val")) is None


def plan_pdf() -> bytes:
    """A PDF with a text layer: a header, targets and a ruled task table (Vietnamese text)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_font("DejaVu", size=10)
    lines = [
        "ỦY BAN NHÂN DÂN XÃ TÂN HƯNG",
        "Số: 21/KH-UBND",
        "Tân Hưng, ngày 12 tháng 01 năm 2025",
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2025",
        "I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
        "a) Chỉ tiêu",
        "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.",
        "PHỤ LỤC PHÂN CÔNG NHIỆM VỤ",
    ]
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    data = [
        ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"],
        ["1", "Công khai thủ tục hành chính", "Văn phòng UBND", "Quý I/2025"],
        ["2", "Đo lường sự hài lòng", "Công chức Văn hóa", "Tháng 9/2025"],
    ]
    with pdf.table(col_widths=(12, 80, 50, 40)) as table:
        for values in data:
            row = table.row()
            for value in values:
                row.cell(value)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A PDF page with a drawing and no text (what a scanner produces, minus the image)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def lines_docx(lines: list[str], *, pasted: bool = False) -> bytes:
    """Each line a paragraph and each tab a Word tab: a text opened in Word (blank lines kept),
    or pasted into it line by line (`pasted`: each line trimmed, blank ones left out)."""
    document = WordDocument()
    for line in lines:
        if pasted:
            line = line.strip()
            if not line:
                continue
        paragraph = document.add_paragraph()
        for i, piece in enumerate(line.split("\t")):
            if i:
                paragraph.add_run().add_tab()
            paragraph.add_run(piece)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
