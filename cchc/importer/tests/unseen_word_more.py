"""More Word plans the seeds do not cover: a ward plan with no task table, and a district plan
whose task table has a two-row header and is split in two tables at a page break."""

from __future__ import annotations

from docx import Document as WordDocument

from .unseen_word import UP, fill, paragraphs, save, signature, task_table

# --- 3. a ward plan with targets and prose only (no task table) ------------------------------


def ward_without_table_docx() -> bytes:
    """UBND phường Ba Đình (Hà Nội), 2026: the letterhead typed as tabbed paragraphs, the
    number and the place-date on one line, targets under 'II. MỤC TIÊU, CHỈ TIÊU'."""
    doc = WordDocument()
    paragraphs(doc, [
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "PHƯỜNG BA ĐÌNH\tĐộc lập - Tự do - Hạnh phúc",
        "Số: 08/KH-UBND\tBa Đình, ngày 06 tháng 01 năm 2026",
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2026 của UBND phường Ba Đình",
        "Căn cứ Kế hoạch số 05/KH-UBND ngày 03/01/2026 của UBND thành phố Hà Nội về cải cách "
        "hành chính năm 2026;",
        "Căn cứ tình hình thực tế của địa phương, UBND phường Ba Đình xây dựng Kế hoạch cải "
        "cách hành chính năm 2026 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Xây dựng nền hành chính phường phục vụ, chuyên nghiệp, hiện đại, lấy người dân, doanh "
        "nghiệp làm trung tâm.",
        "II. MỤC TIÊU, CHỈ TIÊU",
        "1. Mục tiêu chung",
        "Nâng cao chất lượng phục vụ người dân sau khi vận hành chính quyền địa phương hai cấp. "
        "Phấn đấu Chỉ số CCHC năm 2026 của phường xếp hạng trong nhóm 10 đơn vị dẫn đầu thành "
        "phố.",
        "2. Chỉ tiêu cụ thể",
        "a) Cải cách thủ tục hành chính",
        "- Phấn đấu 100% TTHC đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình.",
        "- Tỷ lệ hồ sơ TTHC được giải quyết trước và đúng hạn đạt trên 95%, không quá 5% hồ sơ "
        "trễ hạn.",
        "- Tối thiểu 90% hồ sơ TTHC được tiếp nhận trực tuyến, trong đó tỷ lệ hồ sơ được thanh "
        "toán trực tuyến đạt từ 60% trở lên.",
        "b) Xây dựng chính quyền số",
        "- 100% văn bản đi (trừ văn bản mật) được ký số và gửi, nhận trên môi trường điện tử.",
        "- Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 100%.",
        "c) Tác động của cải cách hành chính",
        "- Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính đạt "
        "tối thiểu 90%.",
        "- Chỉ số cải cách hành chính của phường đạt từ 85 điểm trở lên.",
        "- Có tối thiểu 02 sáng kiến, giải pháp cải cách hành chính được áp dụng.",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "1. Công tác chỉ đạo, điều hành",
        "Ban hành kế hoạch kiểm tra, tuyên truyền cải cách hành chính; gắn kết quả thực hiện với "
        "đánh giá, xếp loại cán bộ, công chức cuối năm.",
        "2. Cải cách thủ tục hành chính",
        "Rà soát, công khai đầy đủ TTHC tại Bộ phận Một cửa và trên Cổng Dịch vụ công quốc gia; "
        "xin lỗi người dân khi giải quyết hồ sơ trễ hạn.",
        "3. Xây dựng chính quyền số",
        "Sử dụng hiệu quả Hệ thống thông tin giải quyết TTHC của thành phố; số hóa hồ sơ khi "
        "tiếp nhận.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "Các bộ phận chuyên môn thực hiện chế độ báo cáo như sau: Báo cáo quý trước ngày 15 của "
        "tháng cuối quý; báo cáo năm trước ngày 10/12/2026.",
        "Trên đây là Kế hoạch cải cách hành chính năm 2026 của UBND phường Ba Đình./.",
    ])  # fmt: skip
    signature(
        doc,
        ["- UBND thành phố;", "- Sở Nội vụ;", "- Lưu: VT."],
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Thị Lan"],
    )
    return save(doc)


# --- 8. a district plan: two-row header, table split at a page break ------------------------

DISTRICT_HEADER_TOP = [
    "STT", "Nội dung nhiệm vụ", "Phân công thực hiện", "", "Kết quả/sản phẩm đầu ra",
    "Thời gian hoàn thành", "Dự kiến kinh phí (triệu đồng)",
]  # fmt: skip
DISTRICT_HEADER_SUB = ["", "", "Chủ trì", "Phối hợp", "", "", ""]

DISTRICT_PART_ONE: list[list] = [
    ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", "", ""],
    ["1", "Xây dựng và tổ chức thực hiện văn bản QPPL", "", "", "", "", ""],
    ["1.1", "Rà soát văn bản QPPL do HĐND, UBND huyện ban hành", "Phòng Tư pháp",
     "Các cơ quan chuyên môn thuộc UBND huyện", "Báo cáo kết quả rà soát", "Quý IV/2025", "15"],
    ["1.2", "Theo dõi tình hình thi hành pháp luật trên địa bàn huyện", "Phòng Tư pháp",
     "Phòng Nội vụ\nUBND các xã, thị trấn", "Báo cáo", "Tháng 11/2025", "10"],
    ["2", "Kiểm tra, xử lý văn bản", "", "", "", "", ""],
    ["2.1", "Tự kiểm tra văn bản QPPL do UBND huyện ban hành", "Phòng Tư pháp", "",
     "Kết luận kiểm tra", "Thường xuyên", "-"],
    ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", "", ""],
    ["1", "Tuyên truyền về cải cách thủ tục hành chính", "Phòng Văn hóa và Thông tin",
     "Trung tâm Văn hóa, Thông tin và Thể thao huyện", "", "", ""],
    ["-", "Trên Trang thông tin điện tử huyện", UP, UP, "Tin, bài", "Hằng tháng", "5"],
    ["-", "Trên hệ thống truyền thanh cơ sở", UP, UP, "Chuyên mục", "Quý II, IV/2025", "10"],
    ["2", "Rà soát, đánh giá thủ tục hành chính", "Phòng Nội vụ; Phòng Tư pháp",
     "Văn phòng HĐND và UBND↵huyện", "Báo cáo rà soát", "Tháng 6/2025", "Ngân sách huyện"],
]  # fmt: skip

DISTRICT_PART_TWO: list[list] = [
    ["3", "Duy trì Bộ phận Một cửa huyện và các xã, thị trấn; thực hiện xin lỗi người dân khi "
     "trễ hạn", "Văn phòng HĐND và UBND huyện", "UBND các xã, thị trấn", "Báo cáo",
     "Thường xuyên", "20,5"],
    ["III", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "", "", "", "", ""],
    ["1", "Đánh giá, xếp loại chất lượng cán bộ, công chức năm 2025", "Phòng Nội vụ",
     "Các cơ quan, đơn vị", "Quyết định xếp loại", "Trước ngày 15/12/2025", "-"],
    ["2", "Tuyển dụng công chức cấp xã theo chỉ tiêu được giao", "Phòng Nội vụ",
     "UBND các xã, thị trấn", "Kết quả tuyển dụng", "Quý III/2025", "50"],
]  # fmt: skip


def _district_table(doc, rows: list[list]):
    """Both header rows (merged as Word merges them), then the rows."""
    table = task_table(doc, DISTRICT_HEADER_TOP, [DISTRICT_HEADER_SUB, *rows])
    for col in (0, 1, 4, 5, 6):
        table.cell(0, col).merge(table.cell(1, col))
    merged = table.cell(0, 2).merge(table.cell(0, 3))
    fill(merged, "Phân công thực hiện", bold=True)
    for col in (0, 1, 4, 5, 6):
        fill(table.cell(0, col), DISTRICT_HEADER_TOP[col], bold=True)
    return table


def district_split_table_docx() -> bytes:
    """UBND huyện Yên Phong (Bắc Ninh), 2025."""
    doc = WordDocument()
    table = doc.add_table(rows=1, cols=2)
    fill(table.cell(0, 0), "ỦY BAN NHÂN DÂN\nHUYỆN YÊN PHONG\nSố: 36/KH-UBND", bold=True)
    fill(table.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Yên Phong, ngày 14 tháng 02 năm 2025")  # fmt: skip
    paragraphs(doc, [
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2025 của huyện Yên Phong",
        "- Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;",
        "- Căn cứ Kế hoạch số 721/KH-UBND ngày 30/12/2024 của UBND tỉnh Bắc Ninh về cải cách "
        "hành chính năm 2025;",
        "- Thực hiện Chỉ thị số 20-CT/HU ngày 05/01/2024 của Ban Thường vụ Huyện ủy về tăng "
        "cường lãnh đạo công tác CCHC.",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Triển khai đồng bộ các nhiệm vụ CCHC; nâng cao Chỉ số CCHC, Chỉ số SIPAS của huyện.",
        "II. MỤC TIÊU, CHỈ TIÊU",
        "- Phấn đấu tối thiểu 85% hồ sơ TTHC được tiếp nhận, giải quyết trực tuyến, trong số đó "
        "tỷ lệ hồ sơ thanh toán trực tuyến đạt từ 30% trở lên.",
        "- Chỉ số CCHC của huyện tăng ít nhất 02 bậc so với năm 2024.",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "Các nhiệm vụ cụ thể tại Biểu phân công kèm theo.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "Các cơ quan, đơn vị gửi báo cáo 6 tháng trước ngày 05/6/2025 và báo cáo năm trước ngày "
        "05/12/2025 về Phòng Nội vụ.",
        "Trên đây là Kế hoạch cải cách hành chính năm 2025 của UBND huyện Yên Phong./.",
    ])  # fmt: skip
    signature(doc, ["- UBND tỉnh;", "- Lưu: VT, NV."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
    paragraphs(doc, [
        "BIỂU PHÂN CÔNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        "(Kèm theo Kế hoạch số 36/KH-UBND ngày 14/02/2025 của UBND huyện Yên Phong)",
    ])  # fmt: skip
    _district_table(doc, DISTRICT_PART_ONE)
    doc.add_paragraph("")  # what is left between the two halves of a table cut at a page
    _district_table(doc, DISTRICT_PART_TWO)
    return save(doc)
