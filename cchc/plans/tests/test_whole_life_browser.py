"""A plan's whole life in a real browser, on the demo (issue 11): Xã Thạnh Tân's focal point
imports seed 000 → submits it → the chairman approves and issues it → only then does the Tư pháp
official find its task in "Việc của tôi" → the chairman writes a direction on the overdue task →
the official answers and reports it completed with the product document → the city's Phòng Nội
vụ nudges the commune → the plan is amended (a task added, the amendment issued) → closed.
Phone screenshots (390×844) of the plan page, the task page and the search results are kept in
test-artifacts/."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from cchc.conftest import browser_login, screenshot
from cchc.demo import seeds_dir
from cchc.evidence.models import Evidence
from cchc.plans.choices import AmendmentStatus, PlanStatus
from cchc.plans.models import Plan
from cchc.testing.demo import demo_data
from cchc.tracking.models import Direction, Nudge, Occurrence

# the demo as of today is loaded once per test process and copied (cchc/testing/demo.py)
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("demo-today")]

# Seed 000's row 10, led by "Công chức Tư pháp – Hộ tịch", due 31/01/2024, product "Kế hoạch".
TASK = "Xây dựng kế hoạch theo dõi tình hình thi hành pháp luật của xã năm 2024."
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PHONE = {"width": 390, "height": 844}


def _as(page, username):
    page.context.clear_cookies()
    browser_login(page, username, "demo")


def _phone_shot(page, name):
    page.set_viewport_size(PHONE)
    screenshot(page, name)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 1366, "height": 768})


def _task_links(page, task) -> int:
    return page.locator(f"a[href*='/follow-up/tasks/{task.pk}/']").count()


def _import_seed_000(page) -> Plan:
    before = set(Plan.objects.values_list("pk", flat=True))
    page.goto(page.base_url + "/plans/import/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(next(seeds_dir().glob("000_*.txt"))))
    page.get_by_role("button", name="Đọc văn bản").click()
    page.get_by_role("heading", name="Kiểm tra kế hoạch vừa nhập").wait_for()
    # the demo already holds this document (closed, 2024): keep both
    page.get_by_label("Giữ cả hai kế hoạch").check()
    page.get_by_role("button", name="Xác nhận và lưu dự thảo").click()
    page.get_by_text("Đã nhập kế hoạch ở dạng dự thảo: 44 nhiệm vụ").wait_for()
    (plan,) = Plan.objects.exclude(pk__in=before)
    assert (plan.unit.code, plan.status, plan.year) == ("thanh-tan", PlanStatus.DRAFT, 2024)
    return plan


def _submit_and_issue(page, plan, task, plan_url):
    page.get_by_role("button", name="Trình phê duyệt").click()
    page.get_by_text("Dự thảo chờ phê duyệt").wait_for()

    _as(page, "thanhtan.tuphap")
    page.goto(page.base_url + reverse("tracking:mine"))
    assert _task_links(page, task) == 0  # a draft is nobody's work yet

    _as(page, "thanhtan.chutich")
    page.goto(plan_url)
    page.get_by_role("link", name="Phê duyệt và ban hành").click()
    page.get_by_label("Số, ký hiệu").fill("26/KH-UBND")
    page.get_by_label("Ngày ký").fill("08/03/2024")
    page.get_by_label("Người ký").fill("Nguyễn Văn Chủ")
    page.get_by_label("Bản scan đã ký (PDF)").set_input_files(
        files=[{"name": "kh-26.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Phê duyệt và ban hành").click()
    page.get_by_text("Đang có hiệu lực").wait_for()
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ISSUED


def _direct_answer_and_report(page, task, task_url):
    page.goto(task_url)
    page.get_by_label("Viết ý kiến chỉ đạo").fill("Đề nghị hoàn thành kế hoạch ngay trong tuần.")
    page.get_by_role("button", name="Gửi ý kiến chỉ đạo").click()
    page.get_by_text("Đã gửi ý kiến chỉ đạo đến người thực hiện nhiệm vụ.").wait_for()

    _as(page, "thanhtan.tuphap")
    page.goto(page.base_url + reverse("tracking:mine"))
    assert _task_links(page, task) > 0  # issued: the official's work now
    page.goto(task_url)
    directions = page.locator("#directions")
    directions.get_by_label("Trả lời của bạn").fill("Đã trình ký kế hoạch số 12/KH-UBND.")
    directions.get_by_role("button", name="Gửi trả lời").click()
    page.get_by_text("Đã gửi trả lời đến lãnh đạo.").wait_for()
    page.get_by_label("Tình trạng").select_option(label="Đã hoàn thành")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("100")
    page.get_by_label("Kết quả thực hiện").fill("Đã ban hành kế hoạch theo dõi thi hành pháp luật.")
    page.get_by_label("Tệp minh chứng").set_input_files(
        files=[{"name": "KH 12.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label("Tài liệu (trích yếu)").fill("Kế hoạch theo dõi thi hành pháp luật 2024")
    page.get_by_label("Số, ký hiệu").fill("12/KH-UBND")
    page.get_by_label("Ngày ban hành").fill("2024-02-20")
    page.get_by_label("Cơ quan ban hành").fill("UBND xã Thạnh Tân")
    page.get_by_role("button", name="Lưu báo cáo").click()
    page.get_by_text("Đã lưu báo cáo tiến độ.").wait_for()
    assert page.locator("ol.timeline").get_by_text("Đã hoàn thành, 100%").is_visible()
    _phone_shot(page, "whole-life-task-phone")


def _nudge(page, plan):
    _as(page, "noivu.tayninh")
    page.goto(page.base_url + reverse("tracking:compare", args=["tp-tay-ninh"]) + "?year=2024")
    row = page.get_by_role("row").filter(has_text="Xã Thạnh Tân")
    row.get_by_role("button", name="Đôn đốc").click()
    page.get_by_text("Đã đôn đốc Xã Thạnh Tân").wait_for()
    nudge = Nudge.objects.filter(unit=plan.unit).latest("pk")
    assert nudge.occurrences.filter(plan=plan).exists()


def _amend_and_close(page, plan, plan_url):
    _as(page, "thanhtan")
    page.goto(plan_url)
    page.locator("summary", has_text="Tạo điều chỉnh").click()
    page.get_by_label("Lý do điều chỉnh").fill("Bổ sung nhiệm vụ theo chỉ đạo của UBND Thành phố")
    page.get_by_role("button", name="Mở điều chỉnh").click()
    page.locator("#open-amendment").wait_for()
    page.locator("summary", has_text="Hủy điều chỉnh").click()  # the way back, while it is empty
    screenshot(page, "whole-life-amendment-open-1366")
    page.goto(page.base_url + reverse("plans:task_create", args=[plan.pk]))
    page.locator("#id_title").fill("Tổ chức đối thoại với người dân về thủ tục hành chính")
    page.locator("#id_leads").fill("Công chức Tư pháp – Hộ tịch")
    page.locator("#id_deadline_text").fill("Tháng 11/2024")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu nhiệm vụ.").wait_for()
    assert page.locator("#open-amendment").get_by_text("Tổ chức đối thoại").is_visible()

    _as(page, "thanhtan.chutich")
    page.goto(plan_url)
    page.get_by_role("link", name="Ban hành điều chỉnh").click()
    page.get_by_label("Số, ký hiệu").fill("40/KH-UBND")
    page.get_by_label("Ngày ký").fill("10/06/2024")
    page.get_by_label("Người ký").fill("Nguyễn Văn Chủ")
    page.get_by_role("button", name="Ban hành điều chỉnh").click()
    page.locator("#amendments").get_by_text("40/KH-UBND").wait_for()
    assert plan.amendments.get(number="40/KH-UBND").status == AmendmentStatus.ISSUED
    _phone_shot(page, "whole-life-plan-phone")

    page.locator("summary", has_text="Kết thúc kế hoạch").click()
    page.get_by_label("Ghi chú kết thúc (kết quả đạt được, việc chuyển sang năm sau)").fill(
        "Hoàn thành phần lớn nhiệm vụ; việc còn lại chuyển sang năm 2025."
    )
    page.locator("form[action$='/close/']").get_by_role("button").click()
    page.get_by_text("Kế hoạch đã kết thúc.").first.wait_for()


def test_the_whole_life_of_seed_000_on_the_demo(page):
    demo_data(io.StringIO(), today=dt.date.today())
    page.set_default_timeout(60000)  # the demo and many logins on a shared, loaded machine
    page.set_viewport_size({"width": 1366, "height": 768})

    _as(page, "thanhtan")
    plan = _import_seed_000(page)
    task = plan.tasks.get(title=TASK)
    assert [p.post.name for p in task.parties.all() if p.post] == ["Tư pháp – Hộ tịch"]
    plan_url = page.base_url + plan.get_absolute_url()
    task_url = page.base_url + reverse("tracking:task", args=[task.pk])
    _submit_and_issue(page, plan, task, plan_url)
    _direct_answer_and_report(page, task, task_url)

    direction = Direction.objects.get(task=task)
    assert direction.answer and direction.answered_by.username == "thanhtan.tuphap"
    occurrence = Occurrence.objects.get(task=task)
    assert occurrence.done_on is not None
    assert Evidence.objects.filter(number="12/KH-UBND").count() == 1

    _nudge(page, plan)
    _amend_and_close(page, plan, plan_url)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.closing_note.startswith("Hoàn thành")
    assert plan.tasks.filter(title__startswith="Tổ chức đối thoại").exists()

    page.goto(page.base_url + "/search/?q=theo+dõi+tình+hình+thi+hành+pháp+luật")
    page.get_by_role("heading", name="Nhiệm vụ").wait_for()
    assert page.locator(f"a[href*='/follow-up/tasks/{task.pk}/']").count() > 0
    _phone_shot(page, "whole-life-search-phone")
