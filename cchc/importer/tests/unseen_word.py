"""Word plans in layouts the seeds do not have, built in code the way real offices write them.

Each builder returns the bytes of a .docx. The tables use what Word writes for merged cells:
`gridSpan` for a heading row spanning the table, `vMerge` for a lead cell shared by several
rows. A cell value may hold several paragraphs (separated by "\\n") or a manual line break
inside one paragraph ("↵", what Shift+Enter writes).
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

from docx import Document as WordDocument

UP = object()  # this cell continues the vertically merged cell above it


@dataclass
class Span:
    """A cell spanning the rest of the row (a heading row)."""

    text: str


def save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def fill(cell, value: str, *, bold: bool = False) -> None:
    """Write `value` into a cell: one paragraph per line, '↵' as a manual line break."""
    lines = value.split("\n")
    cell.text = ""
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        for j, piece in enumerate(line.split("↵")):
            run = paragraph.add_run(piece)
            run.bold = bold
            if j < len(line.split("↵")) - 1:
                run.add_break()


def letterhead(doc, left: list[str], right: list[str]) -> None:
    """Decree 30/2020 header: a borderless two-column table, issuing body left, motto and
    place-date right (the default table style of python-docx draws no borders)."""
    table = doc.add_table(rows=1, cols=2)
    fill(table.cell(0, 0), "\n".join(left), bold=True)
    fill(table.cell(0, 1), "\n".join(right))


def signature(doc, recipients: list[str], signer: list[str]) -> None:
    table = doc.add_table(rows=1, cols=2)
    fill(table.cell(0, 0), "\n".join(["Nơi nhận:", *recipients]))
    fill(table.cell(0, 1), "\n".join(signer), bold=True)


def paragraphs(doc, texts: list[str]) -> None:
    for text in texts:
        doc.add_paragraph(text)


def task_table(doc, header: list[str], rows: list[list], *, bold_sections: bool = True):
    """A table: the header row, then rows of values (str, `Span`, or `UP` for a merged cell).
    A row whose last value is a `Span` merges that cell with every cell to its right."""
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for i, label in enumerate(header):
        fill(table.cell(0, i), label, bold=True)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if value is UP:
                top = r - 1
                while top > 1 and _is_up(rows, top - 1, c):
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
            elif isinstance(value, Span):
                merged = table.cell(r, c).merge(table.cell(r, len(header) - 1))
                fill(merged, value.text, bold=bold_sections)
            else:
                section = bold_sections and len([v for v in values if v]) <= 2
                fill(table.cell(r, c), value, bold=section and c < 2 and bool(value))
    return table


def _is_up(rows: list[list], r: int, c: int) -> bool:
    return c < len(rows[r]) and rows[r][c] is UP


# --- 1. a two-level commune, 2026: header table, appendix of tasks and of targets ----------

COMMUNE_HEADER = [
    "TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm",
    "Thời gian hoàn thành", "Ghi chú",
]  # fmt: skip
VP = "Văn phòng HĐND và UBND xã"
TTPV = "Trung tâm Phục vụ hành chính công xã"

COMMUNE_TASKS: list[list] = [
    [Span("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC")],
    ["1", "Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2026 của xã", VP,
     "Các phòng, ban, đơn vị thuộc UBND xã", "Kế hoạch", "Tháng 01/2026", ""],
    ["2", "Xây dựng Kế hoạch tuyên truyền cải cách hành chính năm 2026", UP, TTPV, "Kế hoạch",
     "Quý I/2026", ""],
    ["3", "Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị:\n- Kiểm tra theo kế "
     "hoạch;\n- Kiểm tra đột xuất khi có phản ánh.", VP, "Phòng Kinh tế; Phòng Văn hóa - Xã hội",
     "Kế hoạch kiểm tra\nBáo cáo kết quả kiểm tra", "Quý II, III/2026", ""],
    ["II", Span("CẢI CÁCH THỂ CHẾ")],
    ["4", "Rà soát, hệ thống hóa văn bản QPPL do HĐND, UBND xã ban hành sau sắp xếp đơn vị "
     "hành chính", VP, "Các phòng chuyên môn", "Báo cáo kết quả rà soát",
     "Trước ngày 30/6/2026", ""],
    ["5", "Tự kiểm tra văn bản QPPL ngay sau khi ban hành", VP, "", "Báo cáo", "Thường xuyên",
     ""],
    ["III", Span("CẢI CÁCH THỦ TỤC HÀNH CHÍNH")],
    ["6", "Công khai, cập nhật TTHC tại Trung tâm Phục vụ hành chính công và trên Cổng Dịch vụ "
     "công quốc gia", TTPV, VP, "Danh mục TTHC được công khai", "Thường xuyên", ""],
    ["7", "Rà soát, đề xuất đơn giản hóa TTHC thuộc thẩm quyền giải quyết của xã", TTPV,
     "Phòng Kinh tế\nPhòng Văn hóa - Xã hội", "Báo cáo rà soát", "Tháng 3, 6, 9, 12",
     "Báo cáo định kỳ"],
    # the header repeated inside the table: a document converted from PDF keeps it as a row
    list(COMMUNE_HEADER),
    ["IV", Span("CẢI CÁCH TỔ CHỨC BỘ MÁY")],
    ["8", "Rà soát, hoàn thiện vị trí việc làm của cán bộ, công chức xã sau sắp xếp", VP,
     "Các phòng, ban thuộc UBND xã", "Đề án vị trí việc làm", "06 tháng đầu năm", ""],
    ["V", Span("CẢI CÁCH CHẾ ĐỘ CÔNG VỤ")],
    ["9", "Cử cán bộ, công chức tham gia bồi dưỡng kiến thức, kỹ năng về cải cách hành chính "
     "và chuyển đổi số", VP, "Các phòng, ban thuộc UBND xã",
     "Danh sách cán bộ, công chức được cử đi bồi dưỡng", "Hằng năm", ""],
    ["VI", Span("CẢI CÁCH TÀI CHÍNH CÔNG")],
    ["10", "Xây dựng dự toán thu, chi ngân sách xã năm 2027", "Phòng Kinh tế", VP,
     "Dự toán ngân sách", "Trước 15/11/2026", ""],
    ["VII", Span("XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ")],
    ["11", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", TTPV, "",
     "Hồ sơ được số hóa", "Năm 2026 và các năm tiếp theo", ""],
    ["12", "Vận hành hệ thống quản lý văn bản và điều hành; ký số văn bản đi", VP,
     "Các phòng, ban thuộc UBND xã", "-", "Thường xuyên", ""],
    ["VIII", Span("ĐO LƯỜNG SỰ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC")],
    ["13", "Khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành "
     "chính", VP, TTPV, "Báo cáo kết quả khảo sát", "Quý III/2026", ""],
]  # fmt: skip

COMMUNE_TARGETS: list[list] = [
    ["I", "Cải cách thủ tục hành chính", "", ""],
    ["1", "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn", "≥ 98%", ""],
    ["2", "Tỷ lệ hồ sơ TTHC giải quyết trễ hạn", "Không quá 2%", ""],
    ["3", "Tỷ lệ TTHC có phát sinh nghĩa vụ tài chính được thanh toán trực tuyến",
     "Tối thiểu 80%", "Theo Nghị quyết 76/NQ-CP"],
    ["II", "Xây dựng và phát triển chính quyền số", "", ""],
    ["4", "Tỷ lệ văn bản đi được ký số (trừ văn bản mật)", "100%", ""],
    ["5", "Tỷ lệ hồ sơ TTHC được số hóa kết quả giải quyết", "Trên 90%", ""],
    ["III", "Tác động của cải cách hành chính", "", ""],
    ["6", "Mức độ hài lòng của người dân, tổ chức (SIPAS)", "Từ 90% trở lên", ""],
    ["7", "Chỉ số cải cách hành chính của xã", "Từ 85 điểm trở lên", ""],
    ["8", "Sáng kiến, giải pháp cải cách hành chính được công nhận", "Tối thiểu 02 sáng kiến",
     ""],
]  # fmt: skip


def commune_2026_docx() -> bytes:
    """UBND xã Tân Phú (tỉnh Đồng Nai), plan for 2026 after the two-level reform."""
    doc = WordDocument()
    letterhead(
        doc,
        ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ", "Số: 15/KH-UBND"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Tân Phú, ngày 26 tháng 12 năm 2025"],
    )  # fmt: skip
    paragraphs(doc, [
        "KẾ HOẠCH",
        "Cải cách hành chính nhà nước năm 2026 trên địa bàn xã Tân Phú, tỉnh Đồng Nai",
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng "
        "thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Kế hoạch số 412/KH-UBND ngày 18/12/2025 của UBND tỉnh Đồng Nai về cải cách hành "
        "chính nhà nước năm 2026;",
        "Ủy ban nhân dân xã Tân Phú ban hành Kế hoạch cải cách hành chính nhà nước năm 2026 như "
        "sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Triển khai đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính (CCHC) sau khi sắp xếp "
        "đơn vị hành chính và tổ chức chính quyền địa phương hai cấp; phấn đấu nâng cao Chỉ số "
        "CCHC của xã.",
        "2. Yêu cầu",
        "Các nhiệm vụ phải cụ thể, có sản phẩm, thời hạn hoàn thành và phân công rõ trách "
        "nhiệm cho từng cơ quan, đơn vị.",
        "II. MỤC TIÊU, CHỈ TIÊU",
        "Các chỉ tiêu cụ thể tại Phụ lục II kèm theo Kế hoạch này.",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "1. Công tác chỉ đạo, điều hành",
        "Tăng cường vai trò, trách nhiệm của người đứng đầu trong chỉ đạo, điều hành công tác "
        "CCHC; gắn kết quả CCHC với đánh giá, xếp loại cán bộ, công chức.",
        "2. Cải cách thủ tục hành chính",
        "Thực hiện nghiêm việc tiếp nhận, giải quyết TTHC theo Nghị định số 118/2025/NĐ-CP ngày "
        "09/6/2025 của Chính phủ.",
        "(Các nhiệm vụ cụ thể tại Phụ lục I kèm theo.)",
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng HĐND và UBND xã là cơ quan thường trực, theo dõi, đôn đốc các cơ quan, "
        "đơn vị triển khai Kế hoạch này.",
        "2. Chế độ báo cáo: Các cơ quan, đơn vị báo cáo kết quả thực hiện định kỳ hằng quý, 6 "
        "tháng, 9 tháng và năm, gửi về Văn phòng HĐND và UBND xã trước ngày 18 của tháng cuối "
        "kỳ báo cáo. Thời gian chốt số liệu: báo cáo quý I từ ngày 15/12/2025 đến ngày "
        "14/3/2026; báo cáo 6 tháng từ ngày 15/12/2025 đến ngày 14/6/2026; báo cáo 9 tháng từ "
        "ngày 15/12/2025 đến ngày 14/9/2026; báo cáo năm từ ngày 15/12/2025 đến ngày "
        "14/12/2026.",
        "Trên đây là Kế hoạch cải cách hành chính nhà nước năm 2026 của UBND xã Tân Phú./.",
    ])  # fmt: skip
    signature(
        doc,
        ["- UBND tỉnh Đồng Nai;", "- Sở Nội vụ;", "- TT Đảng ủy, HĐND xã;", "- Lưu: VT."],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn Hùng"],
    )
    paragraphs(doc, [
        "Phụ lục I",
        "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        "(Kèm theo Kế hoạch số 15/KH-UBND ngày 26/12/2025 của UBND xã Tân Phú)",
    ])  # fmt: skip
    task_table(doc, COMMUNE_HEADER, COMMUNE_TASKS)
    paragraphs(doc, [
        "Phụ lục II",
        "CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        "(Kèm theo Kế hoạch số 15/KH-UBND ngày 26/12/2025 của UBND xã Tân Phú)",
    ])  # fmt: skip
    task_table(doc, ["STT", "Chỉ tiêu", "Kế hoạch năm 2026", "Ghi chú"], COMMUNE_TARGETS)
    return save(doc)


# --- 2. a provincial department: STT | Nhiệm vụ | Đơn vị thực hiện | Thời hạn | Kinh phí ------

DEPARTMENT_TASKS: list[list] = [
    ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", "", ""],
    ["1", "Xây dựng, ban hành Kế hoạch CCHC năm 2025 của Sở", "Phòng Cải cách hành chính",
     "Tháng 01/2025", "-"],
    ["2", "Ban hành Kế hoạch tuyên truyền CCHC năm 2025",
     "Phòng Cải cách hành chính; Văn phòng Sở", "Quý I/2025", "15"],
    ["3", "Kiểm tra công tác cải cách hành chính tại:", "", "", ""],
    ["a)", "Các sở, ban, ngành tỉnh", "Phòng Cải cách hành chính", "Quý II/2025", "20"],
    ["b)", "UBND các xã, phường, đặc khu", "Phòng Cải cách hành chính", "Quý III/2025", "20,5"],
    ["4", "Tổng hợp, xây dựng báo cáo CCHC định kỳ", "Phòng Cải cách hành chính",
     "Tháng 3, 6, 9, 12", ""],
    ["II", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", "", "", ""],
    ["5", "Thẩm định đề án vị trí việc làm của các cơ quan, đơn vị sau sắp xếp",
     "Phòng Tổ chức - Biên chế", "Trước 30/6/2025", "Ngân sách tỉnh"],
    ["6", "Hướng dẫn các xã, phường kiện toàn tổ chức bộ máy theo mô hình chính quyền địa "
     "phương hai cấp", "Phòng Tổ chức - Biên chế\nPhòng Xây dựng chính quyền và Công tác "
     "thanh niên", "06 tháng đầu năm", "-"],
    ["III", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "", "", ""],
    ["7", "Tổ chức bồi dưỡng kiến thức, kỹ năng CCHC cho cán bộ, công chức cấp xã",
     "Phòng Công chức, viên chức", "Trong năm 2025", "150"],
    # typed on a Mac: decomposed (NFD) Vietnamese
    ["8", unicodedata.normalize("NFD", "Theo dõi, đánh giá việc chấp hành kỷ luật, kỷ cương "
     "hành chính"), unicodedata.normalize("NFD", "Thanh tra Sở"), "Thường xuyên", ""],
    ["IV", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN SỐ", "", "", ""],
    ["9", "Số hóa hồ sơ, tài liệu lưu trữ của Sở", "Văn phòng Sở",
     "Năm 2025 và các năm tiếp theo", "200"],
    ["V", "ÁP DỤNG HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG TCVN ISO 9001:2015", "", "", ""],
    ["10", "Duy trì, cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
     "Văn phòng Sở", "Hằng năm", "Ngân sách tỉnh"],
]  # fmt: skip


def department_docx() -> bytes:
    """Sở Nội vụ tỉnh Quảng Ninh: a department under the provincial People's Committee."""
    doc = WordDocument()
    table = doc.add_table(rows=2, cols=2)
    fill(table.cell(0, 0), "UBND TỈNH QUẢNG NINH\nSỞ NỘI VỤ", bold=True)
    fill(table.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    fill(table.cell(1, 0), "Số: 125/KH-SNV")
    fill(table.cell(1, 1), "Quảng Ninh, ngày 10 tháng 01 năm 2025")
    paragraphs(doc, [
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2025 của Sở Nội vụ",
        "Thực hiện Kế hoạch số 245/KH-UBND ngày 25/12/2024 của UBND tỉnh Quảng Ninh về cải cách "
        "hành chính nhà nước năm 2025 và Quyết định số 1291/QĐ-BNV ngày 27/12/2024 của Bộ Nội vụ "
        "ban hành Kế hoạch CCHC năm 2025 của Bộ Nội vụ, Sở Nội vụ ban hành Kế hoạch CCHC năm "
        "2025 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Xác định rõ nhiệm vụ, trách nhiệm của từng phòng, đơn vị thuộc Sở trong triển khai "
        "công tác CCHC năm 2025.",
        "II. MỤC TIÊU, CHỈ TIÊU",
        "- Phấn đấu Chỉ số CCHC (PAR Index) năm 2025 của tỉnh xếp hạng trong nhóm 10 đơn vị dẫn "
        "đầu cả nước.",
        "- 100% TTHC thuộc thẩm quyền giải quyết của Sở được cung cấp dịch vụ công trực tuyến "
        "toàn trình; tỷ lệ hồ sơ trực tuyến toàn trình đạt tối thiểu 80%.",
        "- Tỷ lệ hồ sơ giải quyết trễ hạn không quá 1%.",
        "- Mức độ hài lòng của người dân, doanh nghiệp đối với TTHC thuộc thẩm quyền của Sở đạt "
        "trên 95%.",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "Chi tiết tại Phụ lục kèm theo Kế hoạch này.",
        "IV. KINH PHÍ THỰC HIỆN",
        "Kinh phí thực hiện từ nguồn ngân sách tỉnh giao cho Sở năm 2025.",
        "V. TỔ CHỨC THỰC HIỆN",
        "Các phòng, đơn vị thuộc Sở báo cáo quý I trước ngày 10/3/2025; báo cáo 6 tháng trước "
        "ngày 10/6/2025; báo cáo 9 tháng trước ngày 10/9/2025; báo cáo năm trước ngày "
        "10/12/2025 (qua Phòng Cải cách hành chính để tổng hợp).",
        "Trên đây là Kế hoạch cải cách hành chính năm 2025 của Sở Nội vụ./.",
        "PHỤ LỤC",
        "PHÂN CÔNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        "(Kèm theo Kế hoạch số 125/KH-SNV ngày 10/01/2025 của Sở Nội vụ)",
    ])  # fmt: skip
    header = ["STT", "Nhiệm vụ", "Đơn vị thực hiện", "Thời hạn", "Kinh phí (triệu đồng)"]
    task_table(doc, header, DEPARTMENT_TASKS)
    return save(doc)
