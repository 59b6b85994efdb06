"""A focal point tries to delete a task someone reported on, is sent to cancel it instead,
gives the reason and sees it marked on the plan, then restores it (real browser)."""

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.plans.choices import TaskState
from cchc.plans.models import Task
from cchc.tracking import actions

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reported_task_is_cancelled_instead_of_deleted_and_restored(page, follow, world):
    actions.report_progress(
        follow.office_occ, by=world.people.focal, state="working", percent=40, note="Đang soạn"
    )
    browser_login(page, "focal")
    page.goto(page.base_url + follow.plan.get_absolute_url())
    row = page.locator(f"#task-{follow.office.pk}")
    row.get_by_role("link", name="Xóa").click()
    page.wait_for_selector("text=chỉ có thể hủy")
    page.get_by_label("Lý do hủy").fill("Đã giao cho Văn phòng HĐND-UBND thực hiện")
    screenshot(page, "task-cancel")
    page.get_by_role("button", name="Hủy nhiệm vụ").click()
    page.wait_for_selector("text=Đã hủy nhiệm vụ")
    row = page.locator(f"#task-{follow.office.pk}")
    assert row.get_by_text("Đã hủy", exact=True).is_visible()
    assert row.get_by_text("Đã giao cho Văn phòng HĐND-UBND thực hiện").is_visible()
    row.scroll_into_view_if_needed()
    screenshot(page, "plan-task-cancelled")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "plan-task-cancelled-phone")
    assert Task.objects.get(pk=follow.office.pk).state == TaskState.CANCELLED

    row.get_by_role("button", name="Khôi phục").click()
    page.wait_for_selector("text=Đã khôi phục nhiệm vụ")
    assert Task.objects.get(pk=follow.office.pk).state == TaskState.ACTIVE
