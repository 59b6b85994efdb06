"""A PDF plan with a text layer whose table text is written in an unusual order.

The task appendix is drawn cell by cell on landscape pages, and its text is written column by
column (every number, then every task, then every lead …), as some PDF printers do, so the
content stream does not follow the reading order. The table is cut by a page break in the
middle of a section and in the middle of a row, the header is repeated on the next page, a
lead cell spans two rows, section rows span the whole table, and cells hold several lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .builders import FONT_DIR

LINE_H = 4.6
WIDTHS = (12, 92, 50, 50, 40, 33)  # STT, task, lead, coordinators, products, deadline
HEADER = ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp",
          "Kết quả/sản phẩm\nđầu ra", "Thời gian\nhoàn thành"]  # fmt: skip


@dataclass
class PdfRow:
    cells: list[str]  # one per column; "\n" separates printed lines
    span: bool = False  # a section row: one cell across the table
    lead_rows: int = 1  # the lead cell covers this many rows (1 = not merged)
    covered: set[int] = field(default_factory=set)  # columns covered by the cell above

    def height(self) -> float:
        lines = max(len(c.split("\n")) for c in self.cells if c) if any(self.cells) else 1
        return lines * LINE_H + 2


PAGE_ONE = [
    PdfRow(["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"], span=True),
    PdfRow(["1", "Xây dựng Kế hoạch cải cách hành chính năm 2025", "Công chức Văn phòng -\n"
            "Thống kê", "Các công chức chuyên\nmôn", "Kế hoạch", "Tháng 01/2025"],
           lead_rows=2),
    PdfRow(["2", "Xây dựng Kế hoạch kiểm tra cải cách hành\nchính năm 2025 và tổ chức kiểm tra "
            "tại các\nbộ phận chuyên môn", "", "Các công chức chuyên\nmôn",
            "Kế hoạch;\nBáo cáo kết quả kiểm\ntra", "Quý II/2025"], covered={2}),
    PdfRow(["3", "Tuyên truyền cải cách hành chính trên hệ\nthống truyền thanh xã",
            "Công chức Văn hóa -\nXã hội", "Đài Truyền thanh xã", "Tin, bài", "Hằng tháng"]),
    PdfRow(["II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"], span=True),
    PdfRow(["4", "Rà soát, công khai TTHC tại Bộ phận Một cửa", "Công chức Văn phòng -\n"
            "Thống kê\nCông chức Tư pháp -\nHộ tịch", "Bộ phận Một cửa", "Danh mục TTHC",
            "Quý I/2025"]),
    PdfRow(["5", "Tiếp nhận, giải quyết hồ sơ TTHC trên Hệ\nthống thông tin giải quyết TTHC",
            "Bộ phận Một cửa", "Các công chức chuyên\nmôn", "Hồ sơ được giải\nquyết",
            "Thường xuyên"]),
]  # fmt: skip

PAGE_TWO = [
    # the rest of task 5's text, carried over the page break
    PdfRow(["", "của tỉnh; trả kết quả qua dịch vụ bưu chính\ncông ích", "", "", "", ""]),
    PdfRow(["6", "Niêm yết số điện thoại đường dây nóng tiếp\nnhận phản ánh, kiến nghị",
            "Văn phòng HĐND và\nUBND xã", "", "Bảng niêm yết", "Trước 30/6/2025"]),
    PdfRow(["III. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN SỐ"], span=True),
    PdfRow(["7", "Số hóa hồ sơ, kết quả giải quyết TTHC", "Bộ phận Một cửa",
            "Công chức chuyên môn", "Hồ sơ số hóa", "Quý III/2025\nQuý IV/2025"]),
    PdfRow(["8", "Cập nhật thông tin trên Trang thông tin\nđiện tử xã", "Công chức Văn phòng -\n"
            "Thống kê", "", "Tin, bài", "Tháng 3, 6, 9, 12"]),
]  # fmt: skip

PROSE = [
    ("UBND HUYỆN ĐỊNH QUÁN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("UBND XÃ PHÚ HÒA", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 12/KH-UBND", "Phú Hòa, ngày 15 tháng 01 năm 2025"),
    ("", ""),
    ("KẾ HOẠCH", None),
    ("Cải cách hành chính năm 2025 trên địa bàn xã Phú Hòa", None),
    ("", ""),
    ("Căn cứ Kế hoạch số 25/KH-UBND ngày 08/01/2025 của UBND huyện Định Quán về cải", None),
    ("cách hành chính năm 2025, UBND xã Phú Hòa xây dựng Kế hoạch như sau:", None),
    ("I. MỤC TIÊU, CHỈ TIÊU", None),
    ("- Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn đạt trên 95%.", None),
    ("- Tỷ lệ hồ sơ TTHC được số hóa đạt 100%.", None),
    ("II. NHIỆM VỤ", None),
    ("Các nhiệm vụ cụ thể tại Phụ lục kèm theo.", None),
    ("III. TỔ CHỨC THỰC HIỆN", None),
    ("Các công chức báo cáo kết quả thực hiện hằng quý trước ngày 10 của tháng cuối quý.", None),
]


def ward_pdf() -> bytes:
    """UBND xã Phú Hòa (huyện Định Quán), 2025: prose page, then two landscape table pages."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    y = 20.0
    for left, right in PROSE:
        if right is None:
            pdf.text(20 if not left.isupper() else 90, y, left)
        else:
            pdf.text(20, y, left)
            pdf.text(110, y, right)
        y += 6
    for number, rows in ((1, PAGE_ONE), (2, PAGE_TWO)):
        pdf.add_page(orientation="L")
        top = 15.0
        if number == 1:
            for line in (
                "Phụ lục",
                "PHÂN CÔNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
                "(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2025 của UBND xã Phú Hòa)",
            ):
                pdf.text(80, top, line)
                top += 6
        _table(pdf, [PdfRow(HEADER), *rows], top + 2)
    return bytes(pdf.output())


def _table(pdf, rows: list[PdfRow], top: float) -> None:
    """Draw the grid row by row, then write the text column by column."""
    left = 15.0
    xs = [left + sum(WIDTHS[:i]) for i in range(len(WIDTHS) + 1)]
    tops: list[float] = []
    y = top
    for row in rows:
        tops.append(y)
        y += row.height()
    tops.append(y)
    for r, row in enumerate(rows):
        if row.span:
            pdf.rect(xs[0], tops[r], xs[-1] - xs[0], tops[r + 1] - tops[r])
            continue
        for c in range(len(WIDTHS)):
            if c in row.covered:
                continue
            bottom = tops[r + row.lead_rows] if c == 2 else tops[r + 1]
            pdf.rect(xs[c], tops[r], WIDTHS[c], bottom - tops[r])
    for c in range(len(WIDTHS)):
        for r, row in enumerate(rows):
            if c >= len(row.cells) or not row.cells[c]:
                continue
            for k, line in enumerate(row.cells[c].split("\n")):
                pdf.text(xs[c] + 1, tops[r] + 4 + k * LINE_H, line)


# --- 10. a provincial plan whose task table is printed without ruling lines ----------------

BORDERLESS_ROWS = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian\nhoàn thành"],
    ["I", "CẢI CÁCH THỂ CHẾ", "", "", ""],
    ["1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh sau sắp xếp đơn vị hành "
     "chính", "Sở Tư pháp", "Các sở, ban, ngành", "Quý II/2026"],
    ["2", "Kiểm tra việc thi hành pháp luật", "Sở Tư pháp", "UBND các xã, phường", "Quý III/2026"],
    ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""],
    ["3", "Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh, cấp xã",
     "Văn phòng UBND tỉnh", "Các sở, ban, ngành; UBND các xã, phường", "Thường xuyên"],
    ["4", "Đo lường sự hài lòng của người dân", "Sở Nội vụ", "Văn phòng UBND tỉnh",
     "Tháng 11/2026"],
]  # fmt: skip


def borderless_pdf() -> bytes:
    """UBND tỉnh Lâm Đồng, 2026: the appendix table has no borders and its single-line cells
    are centred against the wrapped task cell."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    for line in (
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Số: 88/KH-UBND", "Lâm Đồng, ngày 08 tháng 01 năm 2026",
        "KẾ HOẠCH", "Cải cách hành chính nhà nước năm 2026 của tỉnh Lâm Đồng",
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;",
        "I. MỤC TIÊU, CHỈ TIÊU", "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt tối thiểu 98%.",
        "II. NHIỆM VỤ", "Phụ lục nhiệm vụ",
    ):  # fmt: skip
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(10, 70, 35, 45, 30), borders_layout="NONE", text_align="LEFT",
                   first_row_as_headings=False) as table:  # fmt: skip
        for values in BORDERLESS_ROWS:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.cell(0, 8, "", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "Trên đây là Kế hoạch cải cách hành chính năm 2026 của UBND tỉnh Lâm Đồng./.")
    return bytes(pdf.output())


PAGE_FULL_OF_TASKS = [
    ("Ban hành kế hoạch cải cách hành chính năm 2026", "Tháng 01/2026"),
    ("Ban hành kế hoạch tuyên truyền cải cách hành chính", "Quý I/2026"),
    ("Kiểm tra công tác cải cách hành chính tại các bộ phận", "Quý II/2026"),
    ("Rà soát, công bố danh mục thủ tục hành chính", "Quý I/2026"),
    ("Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa", "Thường xuyên"),
    ("Rà soát văn bản quy phạm pháp luật của HĐND, UBND xã", "Quý III/2026"),
    ("Đánh giá, xếp loại cán bộ, công chức năm 2026", "Tháng 12/2026"),
    ("Tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức", "Quý II/2026"),
    ("Triển khai ký số văn bản đi của UBND xã", "Thường xuyên"),
    ("Cập nhật Trang thông tin điện tử của xã", "Hằng tháng"),
]


def borderless_two_pages_pdf() -> bytes:
    """UBND xã Đại Phước, 2026: a borderless table that runs over a page break without
    repeating its header; row 11 is cut, and the next page opens with its page number and
    the rest of the row's task."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=9)
    pdf.set_auto_page_break(False)
    xs = (15, 27, 125, 170)
    pdf.add_page()
    y = 20.0
    for line in ("ỦY BAN NHÂN DÂN XÃ ĐẠI PHƯỚC", "Số: 04/KH-UBND",
                 "Đại Phước, ngày 06 tháng 01 năm 2026", "KẾ HOẠCH",
                 "Cải cách hành chính năm 2026 của xã Đại Phước", "II. NHIỆM VỤ"):  # fmt: skip
        pdf.text(15, y, line)
        y += 6
    for x, label in zip(xs, ("STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"), strict=True):
        pdf.text(x, y + 4, label)
    y += 14
    for number, (task, deadline) in enumerate(PAGE_FULL_OF_TASKS, start=1):
        for x, text in zip(xs, (str(number), task, "Văn phòng HĐND và", deadline), strict=True):
            pdf.text(x, y, text)
        pdf.text(xs[2], y + 4.5, "UBND xã")
        y += 12.5
    pdf.text(xs[0], y, "11")  # the row cut by the page break
    pdf.text(xs[1], y, "Số hóa hồ sơ, kết quả giải quyết thủ tục")
    pdf.text(xs[1], y + 4.5, "hành chính tại Bộ phận Một cửa")
    pdf.text(xs[2], y, "Bộ phận Một cửa")
    pdf.text(xs[3], y, "Thường xuyên")
    pdf.add_page()
    pdf.text(105, 12, "2")
    pdf.text(xs[1], 22, "và trên Cổng Dịch vụ công quốc gia")
    pdf.text(xs[0], 32, "12")
    pdf.text(xs[1], 32, "Khảo sát sự hài lòng của người dân")
    pdf.text(xs[2], 32, "Văn phòng HĐND và")
    pdf.text(xs[2], 36.5, "UBND xã")
    pdf.text(xs[3], 32, "Quý III/2026")
    pdf.text(15, 60, "Trên đây là Kế hoạch cải cách hành chính năm 2026 của UBND xã Đại Phước./.")
    return bytes(pdf.output())
