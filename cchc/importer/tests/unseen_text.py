"""Text plans the seeds do not cover: a .txt with '|'-separated tables (no outer bars), a
Markdown plan with pipe tables and '<br>' in cells, and a plan copied from a web page (lines
wrapped at 80 columns, '•' bullets, the table pasted as tab-separated rows), stored in NFD
with the Icelandic 'Ð/ð' that old-encoding converters write for 'Đ/đ'."""

from __future__ import annotations

import textwrap
import unicodedata

# --- 5. .txt with bar-separated tables ----------------------------------------------------

DISTRICT_PIPES_TXT = """\
ỦY BAN NHÂN DÂN QUẬN HẢI CHÂU
Số: 19/KH-UBND

Hải Châu, ngày 20 tháng 01 năm 2025

KẾ HOẠCH
Cải cách hành chính năm 2025 trên địa bàn quận Hải Châu

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ; Kế hoạch số 280/KH-UBND ngày \
27/12/2024 của UBND thành phố Đà Nẵng về cải cách hành chính năm 2025, UBND quận Hải Châu \
ban hành Kế hoạch cải cách hành chính năm 2025 như sau:

I. MỤC ĐÍCH, YÊU CẦU

Tiếp tục đẩy mạnh cải cách hành chính gắn với chuyển đổi số, lấy sự hài lòng của người dân, \
doanh nghiệp làm thước đo.

II. MỤC TIÊU, CHỈ TIÊU

Các chỉ tiêu năm 2025 như sau:

STT | Chỉ tiêu | Kế hoạch năm 2025 | Ghi chú
1 | Tỷ lệ hồ sơ TTHC giải quyết đúng hạn | ≥ 98% |
2 | Tỷ lệ hồ sơ nộp trực tuyến | Trên 80% | Trong đó thanh toán trực tuyến tối thiểu 50%
3 | Mức độ hài lòng của người dân, tổ chức | Từ 90% trở lên |
4 | Xếp hạng Chỉ số CCHC của quận | Trong nhóm 03/06 quận dẫn đầu |

III. NHIỆM VỤ, GIẢI PHÁP

Các nhiệm vụ cụ thể như sau:

TT | Nội dung | Chủ trì | Phối hợp | Kết quả/sản phẩm đầu ra | Thời gian | Dự kiến kinh phí (triệu đồng)
----|----|----|----|----|----|----
I | CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH | | | | |
1 | Ban hành Kế hoạch CCHC năm 2025 của quận | Phòng Nội vụ | Các cơ quan, đơn vị thuộc UBND quận | Kế hoạch | Tháng 01/2025 | -
2 | Ban hành Kế hoạch kiểm tra CCHC năm 2025 | Phòng Nội vụ; Phòng Tư pháp | Văn phòng HĐND và UBND quận | Kế hoạch | Quý I/2025 | 5
3 | Kiểm tra công tác CCHC tại các cơ quan chuyên môn | Phòng Nội vụ | Văn phòng HĐND và UBND quận | Báo cáo kết quả kiểm tra | Quý II, III/2025 | 30
 | và UBND các phường | | | | |
II | CẢI CÁCH THỦ TỤC HÀNH CHÍNH | | | | |
4 | Rà soát, đơn giản hóa TTHC lĩnh vực đất đai, xây dựng | Phòng Tài nguyên và Môi trường | Phòng Quản lý đô thị | Báo cáo rà soát | Trước 30/6/2025 | 10
5 | Công khai TTHC, kết quả giải quyết hồ sơ tại Bộ phận Một cửa | Văn phòng HĐND và UBND quận | UBND các phường | Danh mục TTHC | Thường xuyên | Ngân sách quận
III | XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ | | | | |
6 | Số hóa hồ sơ, kết quả giải quyết TTHC | Văn phòng HĐND và UBND quận | Các phòng chuyên môn | Hồ sơ số hóa | Tháng 3, 6, 9, 12 | 20,5
7 | Cập nhật Cổng thông tin điện tử quận | Văn phòng HĐND và UBND quận | | Tin bài | Hằng tháng |

IV. TỔ CHỨC THỰC HIỆN

Các cơ quan, đơn vị báo cáo định kỳ hằng quý (trước ngày 20 của tháng cuối quý), 6 tháng \
(trước ngày 20/6/2025) và năm (trước ngày 20/11/2025) gửi Phòng Nội vụ tổng hợp.

Trên đây là Kế hoạch cải cách hành chính năm 2025 của UBND quận Hải Châu./.
"""

# --- 6. Markdown plan --------------------------------------------------------------------

WARD_MARKDOWN = """\
**ỦY BAN NHÂN DÂN**
**PHƯỜNG HẠC THÀNH**

Số: 21/KH-UBND

*Hạc Thành, ngày 12 tháng 01 năm 2026*

# KẾ HOẠCH
## Cải cách hành chính năm 2026 của phường Hạc Thành

- Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục \
hành chính theo cơ chế một cửa, một cửa liên thông;
- Căn cứ Kế hoạch số 310/KH-UBND ngày 26/12/2025 của UBND tỉnh Thanh Hóa về cải cách \
hành chính năm 2026;

## I. MỤC ĐÍCH, YÊU CẦU

Nâng cao hiệu quả hoạt động của chính quyền phường sau sắp xếp.

## II. MỤC TIÊU, CHỈ TIÊU

| STT | Chỉ tiêu | Kế hoạch năm 2026 | Ghi chú |
|:---:|---|:---:|---|
| 1 | Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn | Tối thiểu 98% | |
| 2 | Tỷ lệ hồ sơ trễ hạn | ≤ 2% | |
| 3 | Chỉ số cải cách hành chính của phường | ≥ 85 điểm | |

## III. NHIỆM VỤ, GIẢI PHÁP

Thực hiện các nhiệm vụ tại Phụ lục I.

## IV. TỔ CHỨC THỰC HIỆN

Báo cáo 6 tháng trước ngày 15/6/2026; báo cáo năm trước ngày 15/12/2026.

## PHỤ LỤC I: DANH MỤC NHIỆM VỤ

| STT | Nhiệm vụ | Đơn vị thực hiện | Thời hạn | Kinh phí (triệu đồng) |
|:---:|---|---|---|---:|
| **I** | **CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH** | | | |
| 1 | Ban hành Kế hoạch CCHC năm 2026 | Văn phòng HĐND và UBND phường | Tháng 01/2026 | - |
| 2 | Tuyên truyền CCHC trên Trang thông tin điện tử phường | Phòng Văn hóa - Xã hội<br>Văn phòng HĐND và UBND phường | Quý I/2026 | 10 |
| **II** | **CẢI CÁCH THỦ TỤC HÀNH CHÍNH** | | | |
| 3 | Rà soát, công bố danh mục TTHC thực hiện tại phường | Văn phòng HĐND và UBND phường | Trước 30/6/2026 | 20,5 |
| 4 | Đo lường mức độ hài lòng của người dân khi giải quyết TTHC | Trung tâm Phục vụ hành chính công phường | Quý III/2026 | Ngân sách phường |
| **III** | **XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN SỐ** | | | |
| 5 | Duy trì kết nối Hệ thống thông tin giải quyết TTHC với Cổng Dịch vụ công quốc gia | Trung tâm Phục vụ hành chính công phường | Hằng năm | |
| 6 | Bồi dưỡng kỹ năng số cho cán bộ, công chức | Phòng Văn hóa - Xã hội | Trong năm 2026 | 15 |
"""

# --- 7. copied from a web page -------------------------------------------------------------

_WEB_HEAD = """\
ỦY BAN NHÂN DÂN
HUYỆN ÐAN PHƯỢNG
-------\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Ðộc lập - Tự do - Hạnh phúc
---------------
Số: 35/KH-UBND\tÐan Phượng, ngày 20 tháng 01 năm 2025

KẾ HOẠCH
CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA HUYỆN ÐAN PHƯỢNG
"""

_WEB_PROSE = [
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND thành phố Hà Nội về cải cách "
    "hành chính nhà nước năm 2025, UBND huyện Ðan Phượng ban hành Kế hoạch thực hiện như sau:",
    "",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "",
    "• Tiếp tục nâng cao chất lượng phục vụ người dân, doanh nghiệp; xác định rõ trách nhiệm "
    "của người đứng đầu các cơ quan, đơn vị trong thực hiện nhiệm vụ cải cách hành chính.",
    "",
    "II. MỤC TIÊU, CHỈ TIÊU",
    "",
    "• Phấn đấu 100% hồ sơ TTHC được tiếp nhận, giải quyết trên Hệ thống thông tin giải quyết "
    "thủ tục hành chính của thành phố.",
    "• Tỷ lệ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà "
    "nước đạt trên 90%.",
    "• Tỷ lệ hồ sơ giải quyết quá hạn dưới 1%.",
    "",
    "III. NHIỆM VỤ, GIẢI PHÁP",
    "",
    "(Có biểu phân công nhiệm vụ kèm theo)",
    "",
]

_WEB_TABLE = [
    "TT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian hoàn thành",
    "I\tCÔNG TÁC CHỈ ÐẠO, ÐIỀU HÀNH\t\t\t\t",
    "1\tBan hành Kế hoạch CCHC năm 2025\tPhòng Nội vụ\tCác cơ quan, đơn vị\tKế hoạch\t"
    "Tháng 01/2025",
    # a cell with a line break: the browser copies it as a real newline inside the row
    "2\tKiểm tra công tác CCHC tại các xã\tPhòng Nội vụ",
    "Phòng Tư pháp\tUBND các xã\tBáo cáo kết quả kiểm tra\tQuý II/2025",
    "3\tTuyên truyền CCHC trên Ðài Truyền thanh huyện\tTrung tâm Văn hóa, Thông tin và Thể "
    "thao\tÐoàn Thanh niên huyện\tTin, bài\tHằng tháng",
    "II\tCẢI CÁCH THỦ TỤC HÀNH CHÍNH\t\t\t\t",
    "4\tRà soát, đơn giản hóa TTHC\tVăn phòng HĐND và UBND huyện\tCác phòng chuyên môn\t"
    "Báo cáo\tQuý III/2025",
    "5\tTiếp nhận, giải quyết hồ sơ TTHC đúng hạn\tVăn phòng HĐND và UBND huyện\t"
    "UBND các xã, thị trấn\t-\tThường xuyên",
]

_WEB_TAIL = [
    "",
    "IV. TỔ CHỨC THỰC HIỆN",
    "",
    "• Các cơ quan, đơn vị báo cáo 6 tháng (trước ngày 15/6/2025) và báo cáo năm (trước ngày "
    "15/11/2025) gửi về Phòng Nội vụ để tổng hợp.",
    "",
    "Trên đây là Kế hoạch cải cách hành chính năm 2025 của UBND huyện Ðan Phượng./.",
]


def _wrap(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.extend(textwrap.wrap(line, 80, subsequent_indent="  " if line[:1] == "•" else "")
                   or [""])  # fmt: skip
    return out


def web_copy_text() -> str:
    """The web page's text as a browser copies it: NFD (as macOS writes it), 'Ð' for 'Đ'."""
    text = _WEB_HEAD + "\n".join(_wrap(_WEB_PROSE) + _WEB_TABLE + _wrap(_WEB_TAIL)) + "\n"
    return unicodedata.normalize("NFD", text)
