"""The two questionnaires every installation starts with (installed by a data migration and by
the demo; the administrator then edits wording and order in the admin).

SIPAS-style: the five elements of the older Ministry of Home Affairs method, which provinces
still copy for their counter surveys. Per-dossier: the 12 criteria one province publishes for
rating each dossier at the one-stop shop. Neither is the 766 satisfaction criteria set.
"""

from __future__ import annotations

S, A, E = "satisfaction", "assessment", "expectation"

SIPAS = (
    "sipas-5",
    "Phiếu khảo sát mức độ hài lòng về sự phục vụ hành chính",
    "sipas",
    "Xin Ông/Bà cho biết mức độ hài lòng với lần giải quyết thủ tục hành chính vừa qua. "
    "Phiếu không ghi tên, không lưu địa chỉ mạng; mỗi mã hồ sơ chỉ trả lời một lần.",
    [
        (
            "tiep-can",
            "Tiếp cận dịch vụ",
            [
                ("tc1", "Nơi ngồi chờ có đủ chỗ ngồi", A),
                ("tc2", "Trang thiết bị phục vụ người dân đầy đủ", A),
                ("tc3", "Trang thiết bị dễ sử dụng", A),
                ("tc4", "Mức độ hài lòng về việc tiếp cận dịch vụ", S),
            ],
        ),
        (
            "thu-tuc",
            "Thủ tục hành chính",
            [
                ("tt1", "Thủ tục được niêm yết công khai đầy đủ", A),
                ("tt2", "Thành phần hồ sơ phải nộp đúng quy định", A),
                ("tt3", "Phí, lệ phí đúng quy định", A),
                ("tt4", "Mức độ hài lòng về thủ tục hành chính", S),
            ],
        ),
        (
            "cong-chuc",
            "Sự phục vụ của công chức",
            [
                ("cc1", "Công chức có thái độ giao tiếp lịch sự", A),
                ("cc2", "Công chức hướng dẫn tận tình, chu đáo", A),
                ("cc3", "Công chức hướng dẫn dễ hiểu", A),
                ("cc4", "Mức độ hài lòng về sự phục vụ của công chức", S),
            ],
        ),
        (
            "ket-qua",
            "Kết quả giải quyết thủ tục hành chính",
            [
                ("kq1", "Kết quả đúng quy định", A),
                ("kq2", "Kết quả có thông tin đầy đủ, chính xác", A),
                ("kq3", "Nhận kết quả đúng hẹn", A),
                ("kq4", "Mức độ hài lòng về kết quả", S),
            ],
        ),
        (
            "gop-y",
            "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
            [
                ("gy1", "Có bố trí hình thức tiếp nhận góp ý, phản ánh", A),
                ("gy2", "Góp ý, phản ánh được tiếp nhận, xử lý tích cực", A),
                ("gy3", "Mức độ hài lòng về việc tiếp nhận, xử lý góp ý", S),
                ("gy4", "Mong muốn cơ quan tiếp tục cải thiện việc tiếp nhận góp ý", E),
            ],
        ),
    ],
)

DOSSIER = (
    "ho-so-12",
    "Phiếu đánh giá giải quyết hồ sơ (12 tiêu chí)",
    "dossier",
    "Xin Ông/Bà đánh giá việc giải quyết hồ sơ vừa nhận kết quả.",
    [
        (
            "danh-gia",
            "Đánh giá việc giải quyết hồ sơ",
            [
                ("c01", "Đánh giá chung về việc giải quyết hồ sơ", S),
                ("c02", "Sự thuận tiện khi nộp hồ sơ trực tuyến", S),
                ("c03", "Thời gian giải quyết (đúng hẹn)", S),
                ("c04", "Thái độ của công chức tiếp nhận, trả kết quả", S),
                ("c05", "Thời gian thực tế so với thời gian quy định", S),
                ("c06", "Số lần phải đi lại để hoàn thành thủ tục", S),
                ("c07", "Số cơ quan phải liên hệ", S),
                ("c08", "Tổ chức thực hiện cơ chế một cửa", S),
                ("c09", "Công khai thủ tục hành chính", S),
                ("c10", "Tiếp nhận, trả lời phản ánh, kiến nghị", S),
                ("c11", "Theo dõi tiến độ hồ sơ trực tuyến", S),
                ("c12", "Chất lượng kết quả nhận được", S),
            ],
        )
    ],
)

BUILTIN = (SIPAS, DOSSIER)


def install(Questionnaire, QuestionnaireVersion, Element, Item) -> None:
    """Create each built-in questionnaire with a first version, unless it already exists."""
    for code, name, kind, intro, elements in BUILTIN:
        questionnaire, created = Questionnaire.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind}
        )
        if not created and questionnaire.versions.exists():
            continue
        version = QuestionnaireVersion.objects.create(
            questionnaire=questionnaire, number=1, published=True, intro=intro
        )
        for e_order, (e_code, title, items) in enumerate(elements, start=1):
            element = Element.objects.create(
                version=version, code=e_code, title=title, order=e_order
            )
            for i_order, (i_code, text, item_kind) in enumerate(items, start=1):
                Item.objects.create(
                    element=element, code=i_code, text=text, kind=item_kind, order=i_order
                )


def install_now() -> None:
    from .models import Element, Item, Questionnaire, QuestionnaireVersion

    install(Questionnaire, QuestionnaireVersion, Element, Item)
