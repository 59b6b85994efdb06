"""In a real browser at 390 × 844: a commune's focal point fills the self-assessment on a
phone without scrolling the table sideways (each criterion a card, its inputs within the
screen), and the appraiser does the same; at 1366 × 768 the table is still a table."""

import datetime as dt
from decimal import Decimal

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.parindex import actions
from cchc.parindex.models import Score

pytestmark = pytest.mark.django_db(transaction=True)

# the table's box and every input, button and text box of the table, against the screen
FIT = """() => {
  const table = document.querySelector('#par-table');
  const box = table.closest('.table-responsive');
  const outside = [...table.querySelectorAll('input, textarea, button')]
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && (r.left < 0 || r.right > window.innerWidth)).length;
  return {sideways: box.scrollWidth - box.clientWidth, outside,
          header: getComputedStyle(table.querySelector('thead')).display};
}"""


# whether the element is within the screen as the page stands (no scrolling to it)
IN_VIEW = """(selector) => {
  const r = document.querySelector(selector).getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
}"""


def _phone(page):
    page.set_viewport_size({"width": 390, "height": 844})


def test_the_self_assessment_and_the_appraisal_are_filled_on_a_phone(page, world, criteria_set):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    url = f"{page.base_url}/par/xa-a/2026/"
    _phone(page)
    browser_login(page, "focal")
    page.goto(url)
    fit = page.evaluate(FIT)
    assert fit == {"sideways": 0, "outside": 0, "header": "none"}
    box = page.get_by_label("Tự chấm 1.1", exact=True)
    box.fill("9")
    page.get_by_label("Ghi chú 1.1", exact=True).fill("Có kế hoạch")
    # the save button stays on the screen beside the first criterion, far above the table's end
    assert page.evaluate(IN_VIEW, "#par-save button") is True
    assert page.evaluate("document.documentElement.scrollHeight") > 3 * 844
    screenshot(page, "par-self-assessment-phone")
    page.get_by_role("button", name="Lưu điểm tự chấm").click()
    page.get_by_text("Đã lưu").first.wait_for()
    assert Score.objects.get(assessment=found, criterion__stt="1.1").self_points == 9

    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(url)
    assert page.evaluate(FIT)["header"] == "table-header-group"

    rest = found.scores.filter(self_points__isnull=True)
    actions.save_self_scores(
        found, {s.criterion_id: (Decimal(0), "") for s in rest}, by=world.people.focal
    )
    actions.submit(found, by=world.people.leader, today=dt.date(2026, 12, 1))
    page.context.clear_cookies()
    _phone(page)
    browser_login(page, "noivu")
    page.goto(url)
    assert page.evaluate(FIT) == {"sideways": 0, "outside": 0, "header": "none"}
    page.get_by_label("Thẩm định 1.1", exact=True).fill("8")
    page.get_by_label("Lý do 1.1", exact=True).fill("Thiếu quyết định")
    assert page.evaluate(IN_VIEW, "#par-save button") is True
    screenshot(page, "par-appraisal-phone")
    page.get_by_role("button", name="Lưu kết quả thẩm định").click()
    page.get_by_text("Đã lưu").first.wait_for()
    score = Score.objects.get(assessment=found, criterion__stt="1.1")
    assert score.appraised_points == Decimal(8)
