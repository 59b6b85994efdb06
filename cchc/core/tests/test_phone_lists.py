"""In a real browser at 390 × 844: the lists an official reads most on a phone — the plans and
the feedback register — are one card per row, each value under its label, nothing to scroll
sideways; at 1366 × 768 they are tables again. A table that must stay wide (months across)
scrolls in a box the keyboard reaches."""

import datetime as dt

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.feedback.models import Feedback
from cchc.testing.factories import PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)

# the table's scrolling box against its width, the header's display, and each body cell's
# label as the phone style writes it before the value
LAYOUT = """(selector) => {
  const table = document.querySelector(selector);
  const box = table.closest('.table-responsive');
  const labels = [...table.querySelectorAll('tbody td[data-label]')]
    .map(td => getComputedStyle(td, '::before').content);
  return {sideways: box.scrollWidth - box.clientWidth,
          header: getComputedStyle(table.querySelector('thead')).display, labels};
}"""


@pytest.mark.parametrize(
    ("address", "selector", "label"),
    [
        ("/plans/", "#plan-list", '"Số, ký hiệu: "'),
        ("/units/xa-a/feedback/?show=all", "#feedback-register", '"Hạn trả lời: "'),
    ],
)
def test_a_list_is_one_card_per_row_on_a_phone(page, world, address, selector, label):
    PlanFactory(
        unit=world.commune,
        year=2026,
        title="Kế hoạch cải cách hành chính năm 2026 trên địa bàn xã Thạnh Tân, thành phố Tây Ninh",
    )
    Feedback.objects.create(
        code="PAKN-2026-0001",
        unit=world.commune,
        field="Đất đai",
        received=dt.date(2026, 3, 2),
        answer_due=dt.date(2026, 3, 23),
        source=Feedback.Source.ENTRY,
        sender_name="Nguyễn Văn An",
    )
    browser_login(page, "focal")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + address)
    phone = page.evaluate(LAYOUT, selector)
    assert phone["sideways"] == 0 and phone["header"] == "none", phone
    assert label in phone["labels"], phone
    screenshot(page, "phone-list-" + selector[1:])
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(page.base_url + address)
    assert page.evaluate(LAYOUT, selector)["header"] == "table-header-group"


# each scrolling box's keyboard stop and name, as site.js leaves them
MARKS = """() => [...document.querySelectorAll('.table-responsive')]
  .filter(box => box.querySelector('table'))
  .map(box => [box.scrollWidth > box.clientWidth, box.getAttribute('tabindex'),
               box.getAttribute('aria-label')])"""


def test_a_table_wider_than_the_phone_is_reachable_by_keyboard_and_named(page, world):
    """The indicators by month (twelve columns) scroll sideways on a phone: their box takes the
    keyboard's focus (arrow keys scroll it) and is named; on a wide screen, where the table
    fits, it is left as it was — and given back when the window grows."""
    browser_login(page, "focal")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/units/xa-a/indicators/")
    wide = [mark for mark in page.evaluate(MARKS) if mark[0]]
    assert wide and all(
        tabindex == "0" and name.endswith("(cuộn ngang)") for _, tabindex, name in wide
    )
    assert all(mark[1] is None for mark in page.evaluate(MARKS) if not mark[0])
    page.set_viewport_size({"width": 1366, "height": 768})
    page.wait_for_timeout(400)  # the check runs again 200 ms after the window changes size
    assert all(tabindex is None for _, tabindex, _name in page.evaluate(MARKS))
