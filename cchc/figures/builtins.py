"""The built-in figures: what CCHC reports count that the dossier data does not (domain §8)."""

from __future__ import annotations

# code, name, numerator label, denominator label ("" when the figure is a plain count),
# measured in, evidence required
BUILTINS: list[tuple[str, str, str, str, str, bool]] = [
    ("legal_docs_issued", "Văn bản QPPL ban hành", "Số văn bản ban hành", "", "văn bản", True),
    (
        "legal_docs_self_checked",
        "Văn bản QPPL tự kiểm tra",
        "Số văn bản đã tự kiểm tra",
        "Số văn bản ban hành",
        "văn bản",
        True,
    ),
    (
        "legal_docs_reviewed",
        "Văn bản QPPL rà soát",
        "Số văn bản đã rà soát",
        "Số văn bản phải rà soát",
        "văn bản",
        True,
    ),
    (
        "legal_docs_unlawful",
        "Văn bản QPPL phát hiện trái pháp luật",
        "Số văn bản trái pháp luật",
        "Số văn bản đã kiểm tra",
        "văn bản",
        True,
    ),
    (
        "legal_docs_handled",
        "Văn bản trái pháp luật đã xử lý",
        "Số văn bản đã xử lý",
        "Số văn bản trái pháp luật",
        "văn bản",
        True,
    ),
    (
        "inspections_held",
        "Cuộc kiểm tra CCHC",
        "Số cuộc kiểm tra đã thực hiện",
        "Số cuộc kiểm tra theo kế hoạch",
        "cuộc",
        True,
    ),
    (
        "inspection_findings",
        "Vấn đề phát hiện qua kiểm tra",
        "Số vấn đề phát hiện",
        "",
        "vấn đề",
        False,
    ),
    (
        "inspection_findings_handled",
        "Vấn đề phát hiện đã xử lý",
        "Số vấn đề đã xử lý",
        "Số vấn đề phát hiện",
        "vấn đề",
        True,
    ),
    ("news_items", "Tin, bài tuyên truyền CCHC", "Số tin, bài", "", "tin, bài", False),
    ("communication_sessions", "Buổi tuyên truyền CCHC", "Số buổi tuyên truyền", "", "buổi", True),
    (
        "meetings_dialogues",
        "Hội nghị, đối thoại",
        "Số hội nghị, đối thoại đã tổ chức",
        "",
        "cuộc",
        True,
    ),
    (
        "staff_trained",
        "Cán bộ, công chức được đào tạo, bồi dưỡng",
        "Số người được đào tạo",
        "Số cán bộ, công chức",
        "người",
        False,
    ),
    (
        "apology_letters",
        "Văn bản xin lỗi hồ sơ trễ hạn",
        "Số văn bản xin lỗi đã gửi",
        "Số hồ sơ trễ hạn",
        "văn bản",
        True,
    ),
]


def install(model) -> int:
    """Add the built-in figures missing from the table (version 1); returns how many."""
    added = 0
    for order, (code, name, numerator, denominator, measured_in, evidence) in enumerate(
        BUILTINS, start=1
    ):
        _row, created = model.objects.get_or_create(
            code=code,
            version=1,
            defaults={
                "name": name,
                "numerator_label": numerator,
                "denominator_label": denominator,
                "measured_in": measured_in,
                "requires_evidence": evidence,
                "order": order * 10,
            },
        )
        added += created
    return added
