"""Version 1 of the index's definitions: six groups, 100 points (domain/README.md §5, the
national portal's operational revision of Decision 766/QĐ-TTg of 23/6/2022).

Each criterion: code, name, maximum, target for full points (None = 100 %), indicator code
(empty: a source registered under the criterion's code, `sources.register`), full points when
there is nothing to handle, formula. Where the official split of a group is unconfirmed the
split here is ours and is data: a province changes it by adding a version.
"""

from __future__ import annotations

import datetime as dt

VERSION_1 = {
    "number": 1,
    "name": "Bộ chỉ số 766 (6 nhóm, 100 điểm)",
    "valid_from": dt.date(2022, 6, 23),
    "note": "Quyết định 766/QĐ-TTg ngày 23/6/2022; 6 nhóm như Cổng Dịch vụ công quốc gia.",
}

Criterion = tuple[str, str, int, int | None, str, bool, str]
GROUPS: list[tuple[str, str, int, list[Criterion]]] = [
    (
        "transparency",
        "Công khai, minh bạch",
        18,
        [
            (
                "procedures_published_on_time",
                "TTHC được công bố đúng hạn",
                6,
                None,
                "",
                False,
                "Quyết định công bố ≤ ngày văn bản quy định có hiệu lực − 5 ngày làm việc.",
            ),
            (
                "procedures_updated_on_time",
                "TTHC được công khai, cập nhật lên CSDL quốc gia đúng hạn",
                4,
                None,
                "",
                False,
                "Trong 5 ngày làm việc kể từ ngày quyết định công bố.",
            ),
            (
                "procedures_complete",
                "TTHC công khai đủ 7 bộ phận",
                2,
                None,
                "",
                False,
                "Tên, trình tự, cách thức, thành phần và số lượng hồ sơ, thời hạn, đối tượng, "
                "cơ quan.",
            ),
            (
                "dossiers_synchronised",
                "Hồ sơ đồng bộ trạng thái lên Cổng DVC quốc gia",
                6,
                None,
                "",
                False,
                "Hồ sơ được đồng bộ trạng thái ÷ hồ sơ tiếp nhận.",
            ),
        ],
    ),
    (
        "progress",
        "Tiến độ giải quyết",
        20,
        [
            (
                "progress",
                "Hồ sơ giải quyết trước hạn, đúng hạn, còn trong hạn",
                20,
                None,
                "processing_progress_rate",
                False,
                "Hồ sơ trước hạn, đúng hạn hoặc còn trong hạn ÷ hồ sơ tiếp nhận hoặc xử lý "
                "trong kỳ.",
            ),
        ],
    ),
    (
        "online_service",
        "Cung cấp dịch vụ trực tuyến",
        12,
        [
            (
                "full_online",
                "Hồ sơ trực tuyến toàn trình",
                12,
                None,
                "full_online_rate",
                False,
                "Hồ sơ toàn trình ÷ hồ sơ của TTHC đủ điều kiện toàn trình.",
            ),
        ],
    ),
    (
        "online_payment",
        "Thanh toán trực tuyến",
        10,
        [
            (
                "online_payment",
                "Hồ sơ thanh toán trực tuyến",
                4,
                None,
                "online_payment_rate",
                False,
                "Hồ sơ thanh toán trực tuyến ÷ hồ sơ có phí, lệ phí.",
            ),
            (
                "payment_integrated",
                "TTHC có phí được tích hợp thanh toán trực tuyến",
                3,
                80,
                "payment_procedures_rate",
                False,
                "TTHC có phí đã tích hợp ÷ TTHC có phí thuộc thẩm quyền.",
            ),
            (
                "payment_used",
                "TTHC có phí phát sinh thanh toán trực tuyến",
                3,
                None,
                "payment_used_procedures_rate",
                False,
                "TTHC có ít nhất 1 hồ sơ thanh toán trực tuyến ÷ TTHC có phí phát sinh hồ sơ.",
            ),
        ],
    ),
    (
        "satisfaction",
        "Mức độ hài lòng",
        18,
        [
            (
                "feedback_on_time",
                "Phản ánh, kiến nghị được xử lý đúng hạn",
                6,
                None,
                "",
                True,
                "PAKN trả lời đúng hạn ÷ PAKN tiếp nhận; đủ điểm khi không có PAKN.",
            ),
            (
                "feedback_satisfaction",
                "Hài lòng về xử lý phản ánh, kiến nghị",
                6,
                None,
                "",
                False,
                "(PAKN − không hài lòng − trễ hạn − lặp lại có khiếu nại) ÷ PAKN tiếp nhận.",
            ),
            (
                "dossier_satisfaction",
                "Hài lòng về giải quyết hồ sơ",
                6,
                90,
                "",
                False,
                "(Hồ sơ − không hài lòng, bị khiếu nại hoặc trễ hạn) ÷ hồ sơ; đủ điểm từ 90%.",
            ),
        ],
    ),
    (
        "digitisation",
        "Số hóa hồ sơ",
        22,
        [
            (
                "e_result",
                "Hồ sơ cấp kết quả điện tử",
                6,
                None,
                "e_result_rate",
                False,
                "Hồ sơ có kết quả điện tử ÷ hồ sơ của TTHC có kết quả là giấy tờ.",
            ),
            (
                "digitised",
                "Hồ sơ được số hóa",
                4,
                80,
                "digitisation_rate",
                False,
                "Hồ sơ số hóa (và có kết quả điện tử khi cần) ÷ hồ sơ tiếp nhận.",
            ),
            (
                "certified_copies",
                "Cấp bản sao điện tử có chứng thực",
                2,
                None,
                "",
                False,
                "Xã cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính.",
            ),
            (
                "reuse",
                "Tái sử dụng dữ liệu số hóa",
                2,
                80,
                "reuse_rate",
                False,
                "Hồ sơ có thành phần tái sử dụng ÷ hồ sơ tiếp nhận.",
            ),
            (
                "citizen_store",
                "Kết nối kho dữ liệu công dân",
                4,
                None,
                "",
                False,
                "Hồ sơ có thành phần lấy từ kho dữ liệu của công dân trên Cổng DVC quốc gia.",
            ),
            (
                "population_dossiers",
                "Hồ sơ khai thác dữ liệu dân cư",
                2,
                None,
                "",
                False,
                "Chỉ cấp tỉnh.",
            ),
            (
                "population_procedures",
                "TTHC khai thác dữ liệu dân cư",
                2,
                None,
                "",
                False,
                "Chỉ cấp tỉnh.",
            ),
        ],
    ),
]


def install(version_model, group_model, criterion_model) -> None:
    """Create version 1 when it is missing (the data migration passes historical models)."""
    if version_model.objects.filter(number=VERSION_1["number"]).exists():
        return
    version = version_model.objects.create(**VERSION_1)
    for group_order, (code, name, top, criteria) in enumerate(GROUPS, start=1):
        group = group_model.objects.create(
            version=version, code=code, name=name, max_points=top, order=group_order
        )
        for order, (c_code, c_name, c_max, target, indicator, full, formula) in enumerate(
            criteria, start=1
        ):
            criterion_model.objects.create(
                group=group,
                code=c_code,
                name=c_name,
                max_points=c_max,
                target=target,
                indicator=indicator,
                full_when_empty=full,
                description=formula,
                order=order,
            )
