"""A focal point imports a month of dossiers in a real browser — upload, fix a column, import —
sees the month on the unit's indicator page, and the plan's target it measures take its value
and status."""

import pytest
from playwright.sync_api import expect

from cchc.conftest import browser_login, screenshot
from cchc.dossiers.models import Dossier, Procedure
from cchc.indicators.models import IndicatorDefinition
from cchc.testing.factories import PlanFactory, TargetFactory
from cchc.testing.tasks import worker_running

pytestmark = pytest.mark.django_db(transaction=True)

EXPORT = (
    "DANH SÁCH HỒ SƠ THÁNG 3/2024\n"
    "Mã hồ sơ;Mã TTHC;Nơi tiếp nhận;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Kênh nộp\n"
    "HS-1;1.001;xa-a;04/03/2024 08:00;08/03/2024 17:00;07/03/2024 09:00;2\n"
    "HS-2;1.001;xa-a;05/03/2024 08:00;11/03/2024 17:00;12/03/2024 09:00;1\n"
    "HS-3;1.001;xa-a;31/02/2024 08:00;11/03/2024 17:00;;1\n"
)


def test_import_a_dossier_export_then_see_the_target_it_measures(page, world, tmp_path):
    Procedure.objects.create(code="1.001", name="Đăng ký khai sinh", returns_document=True)
    plan = PlanFactory(unit=world.commune, year=2024)
    target = TargetFactory(
        plan=plan,
        text="Phấn đấu 100% hồ sơ TTHC được giải quyết đúng hạn và trước hạn",
        comparator=">=",
        value=90,
        unit="%",
        indicator=IndicatorDefinition.objects.current().get(code="on_time_rate"),
    )
    export = tmp_path / "hoso-thang-3.csv"
    export.write_text(EXPORT, encoding="utf-8")
    browser_login(page, "focal")
    page.goto(page.base_url + "/units/xa-a/dossiers/import/")
    page.get_by_label("Tệp (CSV hoặc Excel .xlsx)").set_input_files(str(export))
    page.get_by_role("button", name="Đọc tệp").click()
    page.get_by_role("heading", name="Kiểm tra các cột rồi nhập").wait_for()
    # "Nơi tiếp nhận" is not one of the names the system knows for MaDonVi: the user picks it
    assert page.get_by_text("Chưa tìm thấy các trường bắt buộc trong tệp").is_visible()
    page.get_by_label("MaDonVi").select_option(label="C: Nơi tiếp nhận")
    screenshot(page, "dossier-import-preview")
    with worker_running():  # a dossier file is imported by the worker
        page.get_by_role("button", name="Nhập dữ liệu").click()
        page.get_by_text("Chưa lưu gì.").wait_for()
    assert page.get_by_role("cell", name="31/02/2024 08:00").is_visible()
    screenshot(page, "dossier-import-refused")
    assert not Dossier.objects.exists()

    page.get_by_role("link", name="Nhập tệp khác").click()
    page.get_by_label("Tệp (CSV hoặc Excel .xlsx)").set_input_files(str(export))
    page.get_by_role("button", name="Đọc tệp").click()
    page.get_by_label("MaDonVi").select_option(label="C: Nơi tiếp nhận")
    page.get_by_label("Nhập các dòng hợp lệ, bỏ qua các dòng có lỗi").check()
    with worker_running():
        page.get_by_role("button", name="Nhập dữ liệu").click()
        page.get_by_text("Đã nhập.").wait_for()
    screenshot(page, "dossier-import-done")
    assert sorted(Dossier.objects.values_list("code", flat=True)) == ["HS-1", "HS-2"]
    page.get_by_role("link", name="Nhập tệp khác").click()
    # the import history lists both attempts (wait for the page rather than count too early)
    expect(page.get_by_role("row", name="hoso-thang-3.csv")).to_have_count(2)
    page.set_viewport_size({"width": 390, "height": 800})
    screenshot(page, "dossier-import-history-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # the unit's indicator page, reached from the menu, shows March: one of two on time
    page.get_by_role("button", name="Chỉ số", exact=True).click()
    page.get_by_role("link", name="Chỉ số giải quyết TTHC", exact=True).click()
    page.get_by_role("link", name="2024", exact=True).click()
    page.get_by_label("Kỳ", exact=True).select_option(label="Tháng 3/2024")
    page.get_by_role("heading", name="Giá trị, tháng 3/2024").wait_for()
    on_time = page.locator(".indicator-table tr", has_text="Tỷ lệ hồ sơ giải quyết đúng hạn")
    assert "50%" in on_time.inner_text() and "1 / 2" in on_time.inner_text()
    online = page.locator(".indicator-table tr", has_text="Tỷ lệ hồ sơ nộp trực tuyến")
    assert "50%" in online.inner_text()  # HS-1 came online, HS-2 at the counter
    full_online = page.locator(".indicator-table tr", has_text="trực tuyến toàn trình")
    assert "không có dữ liệu" in full_online.inner_text()
    screenshot(page, "unit-indicators")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Excel").click()
    assert download.value.suggested_filename == "chi-so-xa-a-2024-03.xlsx"

    # the plan's target now has a value: HS-1 on time, HS-2 finished after its appointment
    page.goto(page.base_url + plan.get_absolute_url())
    row = page.locator(f"#target-{target.pk}")
    assert "50%" in row.inner_text() and "Không đạt" in row.inner_text()
    row.get_by_role("link", name="Phấn đấu 100% hồ sơ TTHC").click()
    page.get_by_text("1 / 2").wait_for()
    assert page.get_by_text("hệ thống gợi ý").is_visible()
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_text("Đã lưu cách đo chỉ tiêu.").wait_for()
    screenshot(page, "target-measured")
