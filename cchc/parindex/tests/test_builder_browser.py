"""In a real browser: the province's reviewer builds next year's criteria set on its page,
is told which row does not add up, fixes it and saves (desktop and a 390 px phone)."""

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.parindex.models import CriteriaSet

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = [
    ("1", "Công tác chỉ đạo, điều hành", "60", "", ""),
    ("1.1", "Ban hành kế hoạch CCHC", "40", "Có: 40 điểm; Không: 0 điểm", "Kế hoạch"),
    ("1.2", "Kiểm tra CCHC", "25", "Theo đánh giá", "Báo cáo"),
    ("2", "Kết quả điều tra xã hội học", "40", "", ""),
]


def test_the_province_builds_a_criteria_set_in_the_browser(page, world):
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, "tinh.reviewer")
    page.goto(f"{page.base_url}/par/tieu-chi/tinh/2027/")
    page.get_by_label("Tên bộ tiêu chí").fill("Bộ tiêu chí cấp xã năm 2027")
    for index, row in enumerate(ROWS):
        for field, value in zip(("stt", "name", "max", "guidance", "evidence"), row, strict=True):
            page.locator(f'[name="{field}_{index}"]').fill(value)
    page.get_by_role("button", name="Kiểm tra và lưu bộ tiêu chí").click()
    problems = page.locator("#criteria-problems")
    problems.get_by_text("Dòng 1 (STT 1): điểm tối đa 60 khác tổng điểm các mục con 65.").wait_for()
    screenshot(page, "par-criteria-build-error")
    assert not CriteriaSet.objects.filter(year=2027).exists()
    page.locator('[name="max_2"]').fill("20")
    page.get_by_role("button", name="Kiểm tra và lưu bộ tiêu chí").click()
    page.get_by_text("Đã lưu bộ tiêu chí năm 2027: phiên bản 1, 4 dòng.").wait_for()
    screenshot(page, "par-criteria-build")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    screenshot(page, "par-criteria-build-phone")
    saved = CriteriaSet.current(2027)
    assert list(saved.criteria.values_list("stt", "max_points")) == [
        ("1", 60),
        ("1.1", 40),
        ("1.2", 20),
        ("2", 40),
    ]
