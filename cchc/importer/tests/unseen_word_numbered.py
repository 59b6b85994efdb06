"""A Word plan numbered by Word itself: its section numbers, bullets and the STT column of its
task table are automatic numbering (`w:numPr`), not text. Its table also has the shapes seen in
real appendices and not in the seeds: 'A.' part rows, unnumbered heading rows spanning the
table, a 'Tổng cộng' row, 'Cơ quan thực hiện' and 'Lộ trình thực hiện' columns, budgets that
name their source; the subject under 'KẾ HOẠCH' is broken over two centred lines."""

from __future__ import annotations

from docx import Document as WordDocument
from docx.oxml import parse_xml

from .unseen_word import Span, fill, save, task_table

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# numId → (abstractNumId, [(format, text) per level])
LISTS = {
    "901": ("801", [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]),
    "902": ("802", [("bullet", "-")]),
    "903": ("803", [("decimal", "%1")]),  # STT of task rows
    "904": ("804", [("upperLetter", "%1.")]),  # parts of the table
}


def _add_lists(doc) -> None:
    numbering = doc.part.numbering_part.element
    for num_id, (abstract_id, levels) in LISTS.items():
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {_NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'
        ))  # fmt: skip
        numbering.append(parse_xml(
            f'<w:num {_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        ))  # fmt: skip


def _number(paragraph, num_id: str, level: int = 0) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert(0, parse_xml(
        f'<w:numPr {_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))  # fmt: skip


def _numbered(doc, items: list[tuple[str, str, int]]) -> None:
    """Paragraphs (text, list id, level); list id '' for an unnumbered paragraph."""
    for text, num_id, level in items:
        paragraph = doc.add_paragraph(text)
        if num_id:
            _number(paragraph, num_id, level)


BODY = [
    ("MỤC ĐÍCH, YÊU CẦU", "901", 0),  # Word draws "I."
    ("Nâng cao chất lượng phục vụ người dân, doanh nghiệp của chính quyền phường.", "", 0),
    ("MỤC TIÊU, CHỈ TIÊU", "901", 0),
    ("Chỉ số cải cách hành chính của phường đạt từ 85/100 điểm trở lên.", "902", 0),
    ("Có ít nhất 01 mô hình, sáng kiến cải cách hành chính được áp dụng.", "902", 0),
    ("Tỷ lệ hồ sơ giải quyết trước và đúng hạn đạt 98% trở lên; tỷ lệ hồ sơ trực tuyến "
     "không thấp hơn 80%.", "902", 0),
    ("NHIỆM VỤ, GIẢI PHÁP", "901", 0),
    ("Cải cách thủ tục hành chính", "901", 1),
    ("Thực hiện nghiêm quy định về tiếp nhận, giải quyết TTHC; công khai xin lỗi khi trễ hạn.",
     "", 0),
    ("Xây dựng chính quyền số", "901", 1),
    ("Sử dụng hiệu quả các nền tảng số dùng chung của thành phố.", "", 0),
    ("TỔ CHỨC THỰC HIỆN", "901", 0),
    ("Các bộ phận báo cáo 6 tháng trước ngày 10/6/2026, báo cáo năm trước ngày 10/12/2026.",
     "", 0),
]  # fmt: skip

TABLE_HEADER = ["STT", "Nhiệm vụ, giải pháp", "Cơ quan thực hiện", "Lộ trình thực hiện",
                "Kinh phí thực hiện"]  # fmt: skip
# "#" in the STT column: Word's automatic number (list 903); "A" a part (list 904)
TABLE_ROWS: list[list] = [
    ["A", "NHIỆM VỤ TRỌNG TÂM", "", "", ""],
    [Span("CẢI CÁCH THỦ TỤC HÀNH CHÍNH")],
    ["#", "Rà soát, công bố danh mục TTHC thực hiện tại phường", "Văn phòng HĐND và UBND phường",
     "Quý I/2026", "50 (ngân sách phường)"],
    ["#", "Số hóa hồ sơ, kết quả giải quyết TTHC",
     "Trung tâm Phục vụ hành chính công phường", "Đến hết năm 2026", "20 triệu đồng"],
    [Span("XÂY DỰNG CHÍNH QUYỀN SỐ")],
    ["#", "Triển khai ký số trên thiết bị di động cho cán bộ, công chức",
     "Văn phòng HĐND và UBND phường", "Tháng 6-7/2026", "Ngân sách phường: 15"],
    ["A", "NHIỆM VỤ THƯỜNG XUYÊN", "", "", ""],
    [Span("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")],
    ["#", "Kiểm tra công tác cải cách hành chính", "Văn phòng HĐND và UBND phường",
     "Định kỳ 6 tháng", "-"],
    ["", "Tổng cộng", "", "", "85"],
]  # fmt: skip


def numbered_ward_docx() -> bytes:
    """UBND phường Long Biên (Hà Nội), 2026."""
    doc = WordDocument()
    _add_lists(doc)
    letter = doc.add_table(rows=1, cols=2)
    fill(letter.cell(0, 0), "ỦY BAN NHÂN DÂN\nPHƯỜNG LONG BIÊN\nSố: 02/KH-UBND", bold=True)
    fill(letter.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Long Biên, ngày 31 tháng 12 năm 2025")  # fmt: skip
    for text in ("KẾ HOẠCH", "Cải cách hành chính nhà nước", "năm 2026 của phường Long Biên"):
        doc.add_paragraph(text)
    _numbered(doc, [
        ("Căn cứ Kế hoạch số 330/KH-UBND ngày 24/12/2025 của UBND thành phố Hà Nội về cải "
         "cách hành chính nhà nước năm 2026;", "902", 0),
        ("UBND phường Long Biên ban hành Kế hoạch như sau:", "", 0),
    ])  # fmt: skip
    _numbered(doc, BODY)
    doc.add_paragraph("Phụ lục")
    doc.add_paragraph("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    rows = [["" if v in ("#", "A") else v for v in row] for row in TABLE_ROWS]
    table = task_table(doc, TABLE_HEADER, rows)
    for r, row in enumerate(TABLE_ROWS, start=1):
        if row[0] in ("#", "A"):
            _number(table.cell(r, 0).paragraphs[0], "903" if row[0] == "#" else "904")
    return save(doc)
