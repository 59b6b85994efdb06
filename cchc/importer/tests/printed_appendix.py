"""A district's plan typed in Word with its two appendices as Word tables (Table Grid, equal
columns, as Insert Table makes them), printed to PDF by LibreOffice (decision 0170). The PDF
is committed beside this file (tests/fixtures/printed-appendix.pdf); this script makes it
again:

    .venv/bin/python -m cchc.importer.tests.printed_appendix [FILLER]

Appendix 1 lists targets under headings typed in the narrow number column ('II. Cải cách
TTHC' wraps there over three lines). Appendix 2 has eight columns and puts each task's number
in the task cell ('1.2. Xây dựng …') beside a merged 'Nội dung CCHC' cell; its product cells
list products with '- ' on one line that the narrow column wraps anywhere, its offices are
named across lines ('Ban Pháp chế' / 'HĐND thị xã', 'Văn phòng HĐND&' / 'UBND'), and an
abbreviation wider than its column ('VBQPPL') is cut. FILLER tasks before the last group
place the page break right after the number of task 3.2, alone at the foot of the page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document as WordDocument

from cchc.importer.tests.printed_word import a4_document, print_to_pdf, repeat_as_header

FIXTURES = Path(__file__).parent / "fixtures"
FILLER = 0
TARGETS_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Ghi chú"]
TARGETS = [
    ["I. Cải cách thể chế"],
    ["1", "Rà soát 100% văn bản quy phạm pháp luật do HĐND, UBND thị xã ban hành.",
     "Phòng Tư pháp", "Các cơ quan chuyên môn"],
    ["II. Cải cách TTHC"],
    ["2", "Đảm bảo số hóa kết quả giải quyết TTHC đạt tỷ lệ tối thiểu 100%.",
     "Các cơ quan, đơn vị thuộc UBND thị xã", "Văn phòng HĐND và UBND thị xã"],
    ["3", "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 95%.",
     "Các cơ quan, đơn vị thuộc UBND thị xã", "Văn phòng HĐND và UBND thị xã"],
    ["III. Cải cách tổ chức bộ máy hành chính nhà nước"],
    ["4", "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính "
     "nhà nước đạt tối thiểu 90%.", "Các cơ quan, đơn vị thuộc UBND thị xã", "Phòng Nội vụ"],
]  # fmt: skip
TASKS_HEADER = ["TT", "Nội dung CCHC", "Nhiệm vụ cụ thể", "Sản phẩm", "Cơ quan chủ trì",
                "Cơ quan phối hợp", "Thời gian thực hiện", "Kinh phí (triệu đồng)"]  # fmt: skip
GROUPS = [
    ("1", "Công tác chỉ đạo, điều hành CCHC", [
        ["1.1. Xây dựng và triển khai Kế hoạch kiểm tra CCHC năm 2025.",
         "- Kế hoạch kiểm tra CCHC - Quyết định thành lập Đoàn Kiểm tra - Báo cáo kết quả "
         "kiểm tra", "Phòng Nội vụ", "Các cơ quan, đơn vị thuộc UBND thị xã", "Quý II/2025",
         "20"],
        ["1.2. Hội nghị tổng kết công tác CCHC năm 2024.",
         "- Báo cáo năm 2024 - Kế hoạch tổ chức hội nghị tổng kết", "Phòng Nội vụ",
         "Văn phòng HĐND&UBND thị xã", "Quý I/2025", "10"],
    ]),
    ("2", "Cải cách thể chế", [
        ["2.1. Tự kiểm tra, kiểm tra VBQPPL trên địa bàn thị xã.", "Báo cáo của UBND thị xã",
         "Phòng Tư pháp", "Ban Pháp chế HĐND thị xã; Các cơ quan chuyên môn", "Quý IV/2025",
         "0"],
    ]),
]  # fmt: skip
LAST_GROUP = ("3", "Cải cách tài chính công", [
    ["3.2. Triển khai cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập theo Nghị định "
     "số 60/2021/NĐ-CP", "Báo cáo của UBND thị xã", "Các cơ quan, đơn vị thuộc UBND thị xã",
     "Phòng Tài chính - Kế hoạch", "Trong năm", "0"],
    ["3.3. Kiểm tra việc sử dụng ngân sách thị xã giao", "Thông báo kết quả kiểm tra",
     "Phòng Tài chính - Kế hoạch", "Các cơ quan, đơn vị", "Quý III/2025", "0"],
])  # fmt: skip
PREAMBLE = [
    "ỦY BAN NHÂN DÂN THỊ XÃ KIẾN BÌNH",
    "Số: 310/KH-UBND",
    "Kiến Bình, ngày 20 tháng 12 năm 2024",
    "KẾ HOẠCH",
    "Cải cách hành chính năm 2025 của thị xã Kiến Bình",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Thực hiện tốt các nhiệm vụ cải cách hành chính của tỉnh giao năm 2025.",
]


def _filler(count: int) -> list[list[str]]:
    """Tasks of group 3 before 3.2 ('3.1.1. …'), as many as place the break after '3.2.'."""
    return [
        [f"3.1.{k}. Rà soát, đánh giá việc thực hiện chế độ tài chính tại đơn vị số {k}",
         "Báo cáo", "Phòng Tài chính - Kế hoạch", "Các cơ quan, đơn vị", "Quý II/2025", "0"]
        for k in range(1, count + 1)
    ]  # fmt: skip


def _table(doc, header: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for c, label in enumerate(header):
        table.cell(0, c).paragraphs[0].add_run(label).bold = True
    repeat_as_header(table.rows[0])
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            table.cell(r, c).paragraphs[0].add_run(value).bold = len(values) == 1
    return table


def _task_rows(filler: int) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """Rows of appendix 2 and, for each group, the rows its merged group cell spans."""
    rows: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    for ref, content, tasks in [*GROUPS[:2], (LAST_GROUP[0], LAST_GROUP[1],
                                              _filler(filler) + LAST_GROUP[2])]:  # fmt: skip
        start = len(rows) + 1
        for k, task in enumerate(tasks):
            rows.append([ref if k == 0 else "", content if k == 0 else "", *task])
        spans.append((start, len(rows)))
    return rows, spans


def plan_docx(filler: int = FILLER) -> WordDocument:
    doc = a4_document(PREAMBLE)
    doc.add_paragraph("Trên đây là Kế hoạch cải cách hành chính năm 2025 của thị xã./.")
    doc.add_paragraph("PHỤ LỤC 1")
    doc.add_paragraph("MỤC TIÊU, CHỈ TIÊU THỰC HIỆN NHIỆM VỤ CCHC NĂM 2025")
    _table(doc, TARGETS_HEADER, TARGETS)
    doc.add_paragraph("PHỤ LỤC 2")
    doc.add_paragraph("PHÂN CÔNG THỰC HIỆN NHIỆM VỤ CCHC NĂM 2025")
    rows, spans = _task_rows(filler)
    table = _table(doc, TASKS_HEADER, rows)
    for start, end in spans:
        if end > start:
            for c in (0, 1):
                table.cell(start, c).merge(table.cell(end, c))
    return doc


def main(argv: list[str]) -> int:
    filler = int(argv[0]) if argv else FILLER
    out = Path(argv[1]) if len(argv) > 1 else FIXTURES
    return print_to_pdf({"printed-appendix": plan_docx(filler)}, out)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
