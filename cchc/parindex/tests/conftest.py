from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

TITLES = [["UBND TỈNH TÂY NINH"], ["BỘ TIÊU CHÍ ĐÁNH GIÁ CHỈ SỐ CCHC CẤP XÃ NĂM 2026"], []]
HEADER = [
    "STT",
    "Lĩnh vực, tiêu chí, tiêu chí thành phần",
    "Điểm tối đa",
    "Hướng dẫn chấm điểm",
    "Tài liệu kiểm chứng",
]
# A small set written as a province would: 3.10 beside 3.1, a survey and a bonus/penalty area.
ROWS = [
    ["1", "Công tác chỉ đạo, điều hành", 20, None, None],
    [
        "1.1",
        "Ban hành kế hoạch CCHC năm",
        10,
        "Ban hành trước ngày 31/01. Có: 10 điểm; Không: 0 điểm [nguồn: plan_issued]",
        "Kế hoạch CCHC năm",
    ],
    [
        "1.2",
        "Mức độ hoàn thành kế hoạch",
        10,
        "Chấm theo tỷ lệ: từ 100% trở lên: tối đa; dưới 50%: 0 điểm [nguồn: tasks_done]",
        "Báo cáo năm",
    ],
    ["3", "Cải cách thủ tục hành chính", 50, None, None],
    ["3.1", "Công khai TTHC", 10, "Có: 10 điểm; Không: 0 điểm", "Ảnh chụp"],
    ["3.2", "Giải quyết hồ sơ", 20, None, None],
    [
        "3.2.1",
        "Hồ sơ đúng hạn",
        12,
        "≥ 98%: 12 điểm; ≥ 90%: 8 điểm; dưới 90%: 0 điểm [nguồn: on_time_rate]",
        "Thống kê",
    ],
    ["3.2.2", "Xin lỗi khi trễ hạn", 8, "Theo đánh giá", None],
    ["3.10", "Tiếp nhận phản ánh", 20, "Theo đánh giá", "Báo cáo"],
    ["4", "Kết quả điều tra xã hội học", 30, "Theo kết quả điều tra", None],
    ["5", "Điểm thưởng, điểm trừ", None, None, None],
    ["5.1", "Sáng kiến được công nhận", 2, "Điểm thưởng", "Quyết định"],
    ["5.2", "Cán bộ bị kỷ luật", -3, "Điểm trừ", "Quyết định kỷ luật"],
]


def write_file(path: Path, rows=None, titles=None) -> Path:
    book = Workbook()
    sheet = book.active
    for title in TITLES if titles is None else titles:
        sheet.append(title)
    sheet.append(HEADER)
    for row in ROWS if rows is None else rows:
        sheet.append(row)
    book.save(path)
    return path


def cells(path: Path) -> list[list]:
    """Every row of the first sheet as values, trailing empty cells and rows dropped."""
    from openpyxl import load_workbook

    sheet = load_workbook(path).worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        values = list(values)
        while values and values[-1] in (None, ""):
            values.pop()
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    return rows


@pytest.fixture
def criteria_file(tmp_path):
    return write_file(tmp_path / "tieu-chi.xlsx")


@pytest.fixture
def criteria_set(db, criteria_file):
    from cchc.parindex import layout
    from cchc.parindex.actions import import_criteria

    return import_criteria(layout.read(criteria_file), year=2026, source_name="tieu-chi.xlsx")
