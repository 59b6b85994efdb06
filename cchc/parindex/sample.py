# ruff: noqa: E501  (the sample is data: its rows read best one to a line)
"""The sample criteria set for communes, built from seed 003 (the appendix of Xã Tân Đức's 2024
plan to improve its PAR Index and SIPAS): its eight areas and 40 criteria rows with their
minimum requirements. The points are a SAMPLE — no official commune table is available — and
the set is saved marked as one (`is_sample`), to be edited by the province: export it, change
the points in Excel, import it back. A bonus/penalty area shows how one is written."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .layout import ParsedSet, Row, check_tree

YESNO = "Có: {p} điểm; Không: 0 điểm"
TITLE = [
    ["BỘ TIÊU CHÍ MẪU - CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CẤP XÃ"],
    [
        "(Mẫu xây dựng từ Phụ lục Kế hoạch nâng cao Chỉ số CCHC xã Tân Đức năm 2024; điểm số là gợi ý, cần chỉnh sửa)"
    ],
]

# STT, name, max points, scoring guidance, evidence required
ROWS: list[tuple[str, str, object, str, str]] = [
    ("1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 12, "", ""),
    (
        "1.1",
        "Trong năm có giải pháp tìm kiếm, phát hiện sáng kiến, mô hình mới trong công tác CCHC trên địa bàn xã",
        2,
        "Tối thiểu 01 sáng kiến, giải pháp được công nhận. " + YESNO.format(p=2),
        "Quyết định công nhận sáng kiến",
    ),
    (
        "1.2",
        "Bám sát tiến độ các nhiệm vụ tại Kế hoạch CCHC năm của xã và thực hiện đảm bảo hiệu quả, chất lượng",
        2,
        "Hoàn thành 100% Kế hoạch. Chấm theo tỷ lệ nhiệm vụ hoàn thành: từ 100% trở lên: tối đa; dưới 50%: 0 điểm [nguồn: tasks_done]",
        "Báo cáo kết quả thực hiện Kế hoạch CCHC năm",
    ),
    (
        "1.3",
        "Xử lý các vấn đề phát hiện qua kiểm tra CCHC",
        2,
        "100% số vấn đề sau kiểm tra được xử lý hoặc kiến nghị xử lý kịp thời. "
        + YESNO.format(p=2),
        "Báo cáo kết quả xử lý sau kiểm tra",
    ),
    (
        "1.4",
        "Thực hiện các nhiệm vụ được UBND huyện, Chủ tịch UBND huyện giao, UBND xã, Chủ tịch UBND xã giao",
        2,
        "Hoàn thành 100% nhiệm vụ được giao. " + YESNO.format(p=2),
        "Báo cáo, văn bản chứng minh",
    ),
    (
        "1.5",
        "Phối hợp với cấp trên, tập huấn, tuyên truyền, phổ biến nội dung nâng cao Chỉ số CCHC, Chỉ số hài lòng về sự phục vụ hành chính",
        2,
        "Tổ chức tham gia tập huấn đảm bảo 100% các lớp tổ chức. " + YESNO.format(p=2),
        "Danh sách tham gia, tài liệu tập huấn",
    ),
    (
        "1.6",
        "Thực hiện đối thoại giữa lãnh đạo xã với người dân",
        2,
        "Tổ chức tối thiểu 01 cuộc đối thoại giữa lãnh đạo xã với người dân. " + YESNO.format(p=2),
        "Biên bản đối thoại",
    ),
    ("2", "XÂY DỰNG VÀ TỔ CHỨC THỰC HIỆN VĂN BẢN QPPL", 6, "", ""),
    ("2.1", "Theo dõi thi hành pháp luật", 4, "", ""),
    (
        "2.1.1",
        "Thực hiện các hoạt động về theo dõi thi hành pháp luật",
        2,
        "Thực hiện công tác đánh giá, kiểm tra tình hình thi hành pháp luật tại địa phương. "
        + YESNO.format(p=2),
        "Kế hoạch, báo cáo theo dõi thi hành pháp luật",
    ),
    (
        "2.1.2",
        "Xử lý kết quả theo dõi thi hành pháp luật",
        2,
        "Báo cáo kết quả; ban hành đầy đủ văn bản xử lý/kiến nghị xử lý theo thẩm quyền. "
        + YESNO.format(p=2),
        "Văn bản xử lý, kiến nghị xử lý",
    ),
    (
        "2.2",
        "Xử lý văn bản trái pháp luật do cơ quan có thẩm quyền kiểm tra kiến nghị",
        2,
        "Đạt 100% số văn bản đã xử lý/kiến nghị xử lý. " + YESNO.format(p=2),
        "Văn bản xử lý",
    ),
    ("3", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 14, "", ""),
    ("3.1", "Công bố công khai TTHC và các quy định có liên quan", 8, "", ""),
    (
        "3.1.1",
        "Đăng tải công khai, đầy đủ, đúng quy định toàn bộ TTHC, giải quyết TTHC trên Cổng thông tin điện tử xã",
        2,
        "100% TTHC thuộc thẩm quyền được công khai trên Cổng thông tin điện tử. "
        + YESNO.format(p=2),
        "Đường dẫn trang công khai",
    ),
    (
        "3.1.2",
        "Công khai tiến độ, kết quả giải quyết hồ sơ TTHC trên Hệ thống thông tin giải quyết TTHC của tỉnh, Cổng Dịch vụ công quốc gia",
        2,
        "Công khai 100% tiến độ, kết quả giải quyết TTHC. " + YESNO.format(p=2),
        "Ảnh chụp, báo cáo hệ thống",
    ),
    (
        "3.1.3",
        "Công khai TTHC đầy đủ, đúng quy định tại Bộ phận tiếp nhận, giải quyết TTHC của xã",
        2,
        "100% TTHC thuộc thẩm quyền giải quyết được công khai tại nơi giải quyết. "
        + YESNO.format(p=2),
        "Ảnh chụp nơi niêm yết",
    ),
    (
        "3.1.4",
        "Công bố quy trình nội bộ giải quyết TTHC",
        2,
        "100% quy trình nội bộ được phê duyệt, công khai theo quy định. " + YESNO.format(p=2),
        "Quyết định phê duyệt quy trình",
    ),
    ("3.2", "Kết quả giải quyết TTHC", 6, "", ""),
    (
        "3.2.1",
        "Không để hồ sơ quá hạn do UBND cấp xã tiếp nhận, giải quyết",
        4,
        "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn: ≥ 100%: 4 điểm; ≥ 95%: 3 điểm; ≥ 90%: 2 điểm; dưới 90%: 0 điểm [nguồn: on_time_rate]",
        "Báo cáo thống kê từ Hệ thống thông tin giải quyết TTHC",
    ),
    (
        "3.2.2",
        "Thực hiện việc xin lỗi người dân, tổ chức khi giải quyết hồ sơ TTHC quá thời hạn quy định",
        2,
        "100% hồ sơ quá hạn có văn bản xin lỗi. Chấm theo tỷ lệ: từ 100% trở lên: tối đa; dưới 50%: 0 điểm [nguồn: late_apology_rate]",
        "Văn bản xin lỗi",
    ),
    ("4", "CẢI CÁCH TỔ CHỨC, BỘ MÁY", 6, "", ""),
    (
        "4.1",
        "Sắp xếp tổ chức bộ máy đúng chuyên môn, nghiệp vụ đảm bảo hoàn thành 100% nhiệm vụ được giao",
        2,
        "100% công chức chuyên môn được phân công đúng chức năng, nhiệm vụ. " + YESNO.format(p=2),
        "Quyết định phân công nhiệm vụ",
    ),
    ("4.2", "Thực hiện phân cấp quản lý", 4, "", ""),
    (
        "4.2.1",
        "Thực hiện kiểm tra, đánh giá định kỳ đối với các nhiệm vụ quản lý nhà nước đã phân cấp cho cấp xã",
        2,
        "Thực hiện kiểm tra, giám sát, đánh giá định kỳ hằng năm. " + YESNO.format(p=2),
        "Kế hoạch, báo cáo kiểm tra",
    ),
    (
        "4.2.2",
        "Xử lý các vấn đề phát hiện sau thanh tra, kiểm tra",
        2,
        "100% vấn đề được khắc phục và thể hiện rõ trong báo cáo kết quả năm. " + YESNO.format(p=2),
        "Báo cáo khắc phục",
    ),
    ("5", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", 8, "", ""),
    (
        "5.1",
        "Thực hiện nghiêm quy định về tuyển dụng cán bộ, công chức tại các cơ quan",
        2,
        "Tuyển dụng đúng quy định, trình tự, thủ tục và thời gian. " + YESNO.format(p=2),
        "Hồ sơ tuyển dụng",
    ),
    (
        "5.2",
        "Chấp hành nghiêm kỷ luật, kỷ cương hành chính của cán bộ, công chức cơ quan",
        2,
        "Không có CBCC giữ chức vụ lãnh đạo, quản lý bị kỷ luật. " + YESNO.format(p=2),
        "Báo cáo của UBND xã",
    ),
    (
        "5.3",
        "Xây dựng kế hoạch đào tạo, bồi dưỡng cán bộ, công chức",
        2,
        "100% cán bộ, công chức được đào tạo, bồi dưỡng khi cấp trên tổ chức. " + YESNO.format(p=2),
        "Kế hoạch, danh sách đào tạo",
    ),
    (
        "5.4",
        "Tỷ lệ đạt chuẩn của cán bộ cấp xã",
        2,
        "Thực hiện Nghị định số 33/2023/NĐ-CP; chấm theo đánh giá của cấp trên.",
        "Báo cáo chất lượng cán bộ",
    ),
    ("6", "CẢI CÁCH TÀI CHÍNH CÔNG", 8, "", ""),
    ("6.1", "Tổ chức thực hiện công tác tài chính - ngân sách", 4, "", ""),
    (
        "6.1.1",
        "Thực hiện giải ngân kế hoạch đầu tư vốn ngân sách nhà nước hằng năm",
        2,
        "Tỷ lệ giải ngân vốn đầu tư công: ≥ 95%: 2 điểm; ≥ 80%: 1 điểm; dưới 80%: 0 điểm",
        "Báo cáo giải ngân",
    ),
    (
        "6.1.2",
        "Tổ chức thực hiện nghiêm các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách",
        2,
        YESNO.format(p=2),
        "Báo cáo thực hiện kiến nghị",
    ),
    ("6.2", "Công tác quản lý, sử dụng tài sản công", 4, "", ""),
    (
        "6.2.1",
        "Thực hiện quy định về sắp xếp lại, xử lý nhà, đất thuộc thẩm quyền quản lý của UBND xã",
        2,
        "Tối thiểu 90% số cơ sở nhà, đất thực hiện đúng Nghị định số 167/2017/NĐ-CP. "
        + YESNO.format(p=2),
        "Phương án sắp xếp được phê duyệt",
    ),
    (
        "6.2.2",
        "Kiểm tra việc thực hiện quản lý tài sản công",
        2,
        "Thực hiện kiểm tra theo quy định. " + YESNO.format(p=2),
        "Biên bản kiểm tra",
    ),
    ("7", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", 16, "", ""),
    ("7.1", "Phát triển nền tảng cơ sở dữ liệu", 4, "", ""),
    (
        "7.1.1",
        "Phối hợp triển khai dữ liệu phục vụ chuyển đổi số theo hướng sử dụng công nghệ điện toán đám mây",
        2,
        "Kết nối với nền tảng điện toán đám mây Chính phủ đầy đủ theo yêu cầu. "
        + YESNO.format(p=2),
        "Báo cáo kết nối",
    ),
    (
        "7.1.2",
        "Thực hiện kết nối đầy đủ hệ thống có dữ liệu cung cấp dịch vụ chia sẻ dữ liệu trên Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
        2,
        "Kết nối đầy đủ 100% hệ thống. " + YESNO.format(p=2),
        "Báo cáo kết nối NDXP",
    ),
    ("7.2", "Phát triển các ứng dụng, dịch vụ trong nội bộ cơ quan nhà nước", 4, "", ""),
    (
        "7.2.1",
        "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng",
        2,
        "UBND cấp xã có tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng: ≥ 50%: 2 điểm; dưới 50%: 0 điểm",
        "Thống kê hệ thống quản lý văn bản",
    ),
    (
        "7.2.2",
        "Tỷ lệ gửi, nhận văn bản điện tử 2 cấp chính quyền",
        2,
        "100% kết nối. " + YESNO.format(p=2),
        "Thống kê hệ thống quản lý văn bản",
    ),
    ("7.3", "Phát triển ứng dụng, dịch vụ phục vụ người dân, tổ chức", 8, "", ""),
    (
        "7.3.1",
        "Triển khai số hóa hồ sơ giải quyết TTHC",
        2,
        "100% hồ sơ, kết quả giải quyết được số hóa. Chấm theo tỷ lệ: từ 100% trở lên: tối đa; dưới 50%: 0 điểm [nguồn: digitisation_rate]",
        "Thống kê số hóa",
    ),
    (
        "7.3.2",
        "Tỷ lệ dịch vụ công trực tuyến toàn trình",
        2,
        "100% dịch vụ công đủ điều kiện được cung cấp trực tuyến toàn trình. " + YESNO.format(p=2),
        "Danh mục dịch vụ công",
    ),
    (
        "7.3.3",
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        2,
        "Phấn đấu đạt 90% trở lên. Chấm theo tỷ lệ: từ 90% trở lên: tối đa; dưới 30%: 0 điểm [nguồn: full_online_rate]",
        "Thống kê hồ sơ trực tuyến",
    ),
    (
        "7.3.4",
        "Thực hiện thanh toán trực tuyến",
        1,
        "Tỷ lệ hồ sơ thanh toán trực tuyến: ≥ 30%: 1 điểm; dưới 30%: 0 điểm [nguồn: online_payment_rate]",
        "Thống kê thanh toán trực tuyến",
    ),
    (
        "7.3.5",
        "Tạo eForm để người dân điền tự động khi thực hiện dịch vụ công trực tuyến toàn trình",
        1,
        "100% dịch vụ công toàn trình có eForm. " + YESNO.format(p=1),
        "Danh mục eForm",
    ),
    (
        "8",
        "TÁC ĐỘNG CẢI CÁCH HÀNH CHÍNH (điều tra xã hội học: Chỉ số hài lòng SIPAS)",
        30,
        "",
        "Kết quả điều tra xã hội học",
    ),
    ("8.1", "Kết quả Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)", 30, "", ""),
    ("8.1.1", "Tiếp cận dịch vụ", 6, "Theo kết quả điều tra xã hội học", ""),
    ("8.1.2", "Tổ chức giải quyết TTHC", 6, "Theo kết quả điều tra xã hội học", ""),
    ("8.1.3", "Công chức giải quyết TTHC", 6, "Theo kết quả điều tra xã hội học", ""),
    ("8.1.4", "Kết quả giải quyết TTHC", 6, "Theo kết quả điều tra xã hội học", ""),
    (
        "8.1.5",
        "Tiếp nhận và xử lý phản ánh, kiến nghị liên quan đến TTHC",
        6,
        "Theo kết quả điều tra xã hội học",
        "",
    ),
    ("9", "ĐIỂM THƯỞNG, ĐIỂM TRỪ", None, "", ""),
    (
        "9.1",
        "Có sáng kiến, mô hình CCHC được cấp huyện trở lên công nhận",
        2,
        "Điểm thưởng",
        "Quyết định công nhận",
    ),
    (
        "9.2",
        "Có cán bộ, công chức bị xử lý kỷ luật do vi phạm trong giải quyết TTHC",
        -2,
        "Điểm trừ",
        "Quyết định kỷ luật",
    ),
]


def parsed() -> ParsedSet:
    from decimal import Decimal

    rows = [
        Row(
            line=n,
            stt=stt,
            name=name,
            max_points=None if pts is None else Decimal(pts).quantize(Decimal("0.01")),
            guidance=g,
            evidence_required=e,
        )
        for n, (stt, name, pts, g, e) in enumerate(ROWS, start=len(TITLE) + 2)
    ]
    problems: list[str] = []
    check_tree(rows, problems)
    if problems:  # the sample is data of ours: a mistake in it is a bug
        raise ValueError("\n".join(problems))
    return ParsedSet(title_rows=[list(t) for t in TITLE], rows=rows)


def install(year: int, *, by=None):
    """Save the sample set for `year` (marked as a sample)."""
    from .actions import import_criteria

    return import_criteria(
        parsed(),
        year=year,
        by=by,
        name=_("Sample commune criteria set (from seed 003)"),
        source_name="sample:seed-003",
        is_sample=True,
    )
