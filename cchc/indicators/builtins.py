"""The built-in indicators: the contract's list (`specs/dossiers-and-indicators.md`).

Names are the ones the 766 index and the plans use. `keywords` lists, one group per line,
comma-separated words that must all appear in a plan's target (compared without diacritics),
and words after "-" that must not, for the target to be suggested this indicator
(`indicators/targets.py`). Targets are "for full points" per domain/README.md §5.
"""

from __future__ import annotations

BUILTINS: list[dict[str, object]] = [
    {
        "code": "dossiers_received",
        "name": "Số hồ sơ tiếp nhận",
        "numerator": "received",
        "denominator": "received",
        "kind": "count",
        "keywords": "so ho so tiep nhan\nso luong ho so, tiep nhan",
        "description": "Số hồ sơ tiếp nhận trong kỳ (không tính hồ sơ bị từ chối tiếp nhận).",
    },
    {
        "code": "on_time_rate",
        "name": "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "numerator": "on_time",
        "denominator": "received",
        "keywords": "dung han, ho so, -xin loi\ntruoc han, ho so, -xin loi",
        "description": (
            "Hồ sơ giải quyết trước hạn, đúng hạn hoặc còn trong hạn ÷ hồ sơ tiếp nhận; "
            "bổ sung từ lần thứ hai tính là trễ hạn."
        ),
        "source": "766/QĐ-TTg, nhóm Tiến độ giải quyết",
    },
    {
        "code": "processing_progress_rate",
        "name": "Tỷ lệ hồ sơ xử lý đúng hạn trong kỳ (tiến độ giải quyết)",
        "numerator": "on_time + carried_on_time",
        "denominator": "received + carried",
        "keywords": "",
        "description": (
            "Hồ sơ giải quyết trước hạn, đúng hạn hoặc còn trong hạn ÷ hồ sơ xử lý trong kỳ: hồ "
            "sơ tiếp nhận trong kỳ và hồ sơ kỳ trước chuyển sang (chưa giải quyết xong trước "
            "ngày đầu kỳ)."
        ),
        "source": "766/QĐ-TTg, nhóm Tiến độ giải quyết",
    },
    {
        "code": "late_apology_rate",
        "name": "Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi",
        "numerator": "late_apology",
        "denominator": "late",
        "full_points_target": 100,
        "keywords": "xin loi, ho so\nxin loi, tre han\nxin loi, qua han",
        "description": "Hồ sơ trễ hạn có phiếu xin lỗi và hẹn lại ngày trả ÷ hồ sơ trễ hạn.",
    },
    {
        "code": "online_submission_rate",
        "name": "Tỷ lệ hồ sơ nộp trực tuyến",
        "numerator": "online",
        "denominator": "received",
        "full_points_target": 50,
        "keywords": (
            "nop, truc tuyen, ho so, -toan trinh, -thanh toan\n"
            "ho so truc tuyen, tiep nhan, -toan trinh, -thanh toan"
        ),
        "description": "Hồ sơ nộp qua dịch vụ công trực tuyến ÷ hồ sơ tiếp nhận.",
        "source": "766/QĐ-TTg, nhóm Cung cấp dịch vụ trực tuyến",
    },
    {
        "code": "full_online_rate",
        "name": "Tỷ lệ hồ sơ trực tuyến toàn trình",
        "numerator": "full_online",
        "denominator": "full_online_eligible",
        "keywords": "ho so, toan trinh, -du dieu kien\ntiep nhan, toan trinh, -du dieu kien",
        "description": (
            "Hồ sơ nộp trực tuyến toàn trình ÷ hồ sơ của các thủ tục đủ điều kiện toàn trình."
        ),
        "source": "766/QĐ-TTg, nhóm Cung cấp dịch vụ trực tuyến",
    },
    {
        "code": "online_payment_rate",
        "name": "Tỷ lệ hồ sơ thanh toán trực tuyến",
        "numerator": "fee_paid_online",
        "denominator": "fee_dossiers",
        "keywords": (
            "ho so, thanh toan truc tuyen, -phat sinh, -nghia vu, -trien khai\n"
            "giao dich thanh toan truc tuyen, -phat sinh, -nghia vu, -trien khai"
        ),
        "description": "Hồ sơ có phí, lệ phí được thanh toán trực tuyến ÷ hồ sơ có phí, lệ phí.",
        "source": "766/QĐ-TTg, nhóm Thanh toán trực tuyến",
    },
    {
        "code": "payment_procedures_rate",
        "name": "Tỷ lệ TTHC có phí được tích hợp thanh toán trực tuyến",
        "numerator": "payment_integrated_procedures",
        "denominator": "fee_procedures",
        "full_points_target": 80,
        "keywords": (
            "nghia vu tai chinh, thanh toan truc tuyen\n"
            "tthc, trien khai thanh toan truc tuyen, -phat sinh\n"
            "thu tuc, trien khai thanh toan truc tuyen, -phat sinh"
        ),
        "description": (
            "Thủ tục có phí, lệ phí đã tích hợp thanh toán trực tuyến ÷ thủ tục có phí, lệ phí "
            "trong danh mục."
        ),
        "source": "766/QĐ-TTg, nhóm Thanh toán trực tuyến",
    },
    {
        "code": "payment_used_procedures_rate",
        "name": "Tỷ lệ TTHC có phí phát sinh thanh toán trực tuyến",
        "numerator": "fee_procedures_paid_online",
        "denominator": "fee_procedures_used",
        "keywords": "phat sinh, thanh toan truc tuyen",
        "description": (
            "Thủ tục có phí có ít nhất một hồ sơ thanh toán trực tuyến ÷ thủ tục có phí có phát "
            "sinh hồ sơ trong kỳ."
        ),
        "source": "766/QĐ-TTg, nhóm Thanh toán trực tuyến",
    },
    {
        "code": "e_result_rate",
        "name": "Tỷ lệ hồ sơ cấp kết quả điện tử",
        "numerator": "e_result",
        "denominator": "document_dossiers",
        "keywords": "ket qua, dien tu, -ho so cong viec, -van ban dien tu, -con hieu luc",
        "description": (
            "Hồ sơ được cấp kết quả điện tử ÷ hồ sơ của các thủ tục có kết quả là giấy tờ."
        ),
        "source": "766/QĐ-TTg, nhóm Số hóa hồ sơ",
    },
    {
        "code": "digitisation_rate",
        "name": "Tỷ lệ hồ sơ được số hóa",
        "numerator": "digitised",
        "denominator": "received",
        "full_points_target": 80,
        "keywords": "so hoa, ho so, -tai su dung, -su dung lai, -khai thac, -con hieu luc",
        "description": (
            "Hồ sơ được số hóa thành phần và cấp kết quả điện tử khi thủ tục có kết quả là giấy "
            "tờ ÷ hồ sơ tiếp nhận."
        ),
        "source": "766/QĐ-TTg, nhóm Số hóa hồ sơ",
    },
    {
        "code": "reuse_rate",
        "name": "Tỷ lệ hồ sơ tái sử dụng dữ liệu số hóa",
        "numerator": "reused",
        "denominator": "received",
        "full_points_target": 80,
        "keywords": (
            "tai su dung, du lieu\n"
            "su dung lai, du lieu\n"
            "khai thac, du lieu so hoa\n"
            "khong phai cung cap lai"
        ),
        "description": "Hồ sơ có thành phần tái sử dụng từ dữ liệu đã số hóa ÷ hồ sơ tiếp nhận.",
        "source": "766/QĐ-TTg, nhóm Số hóa hồ sơ",
    },
]


def install(definition_model) -> int:
    """Create the built-ins that do not exist yet (any version); returns how many were added.

    Takes the model as an argument so the data migration can pass its historical model.
    """
    added = 0
    for order, spec in enumerate(BUILTINS, start=1):
        if definition_model.objects.filter(code=spec["code"]).exists():
            continue
        definition_model.objects.create(version=1, order=order * 10, builtin=True, **spec)
        added += 1
    return added
