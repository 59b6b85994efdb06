"""A focal point imports a large file in a real browser and follows it in the background: the
page shows the rows read, valid and with errors rising by themselves, she leaves and comes
back, and the page turns into the outcome when the worker is done."""

from __future__ import annotations

import re
import threading
import time

import pytest
from playwright.sync_api import expect

from cchc.conftest import browser_login, screenshot
from cchc.dossiers import background, columnar
from cchc.dossiers.models import Dossier, DossierUpload, Procedure
from cchc.testing.tasks import worker_running

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 12_000
BAD_EVERY = 1_000  # one row in a thousand has an impossible date
HELD_AT = 4_000  # the worker waits there until the browser has shown the progress


def write_file(path) -> None:
    lines = ["MaHoSo;MaTTHC;MaDonVi;NgayTiepNhan;NgayHenTra;NgayKetThucXuLy;KenhThucHien"]
    for i in range(ROWS):
        day = "31/02/2024" if i % BAD_EVERY == BAD_EVERY - 1 else f"{i % 28 + 1:02d}/03/2024"
        lines.append(f"HS-{i:06d};1.001;xa-a;{day} 08:00;29/03/2024 17:00;28/03/2024 09:00;2")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_count(page) -> int:
    return int(page.locator("[data-count=read]").inner_text().split("/")[0].strip())


def confirm_upload(page, export) -> str:
    """Upload the file as the focal point, keep the valid rows, confirm; the upload's URL."""
    write_file(export)
    browser_login(page, "focal")
    page.goto(page.base_url + "/units/xa-a/dossiers/import/")
    page.get_by_label("Tệp (CSV hoặc Excel .xlsx)").set_input_files(str(export))
    page.get_by_role("button", name="Đọc tệp").click()
    page.get_by_label("Nhập các dòng hợp lệ, bỏ qua các dòng có lỗi").check()
    page.get_by_role("button", name="Nhập dữ liệu").click()
    page.get_by_text("Đang chờ bắt đầu nhập").wait_for()
    return page.url


def seen_progress_part_way(page) -> None:
    """The page, polling by itself, shows the rows read so far — part of the file."""
    page.get_by_text("Đang đọc và kiểm tra các dòng").wait_for()
    expect(page.locator("[data-count=read]")).to_contain_text(f"/ ~{ROWS + 1}")
    seen = read_count(page)
    first_seen, deadline = seen, time.monotonic() + 15
    while seen < HELD_AT and time.monotonic() < deadline:
        page.wait_for_timeout(250)  # the test only looks; no reload is asked for
        seen = read_count(page)
    assert HELD_AT <= seen < ROWS, (first_seen, seen)
    assert int(page.locator("[data-count=valid]").inner_text()) >= seen - seen // BAD_EVERY
    assert int(page.locator("[data-count=invalid]").inner_text()) == seen // BAD_EVERY


def test_a_large_import_is_followed_in_the_background_to_its_end(
    page, world, tmp_path, monkeypatch
):
    Procedure.objects.create(code="1.001", name="Đăng ký khai sinh")
    held, release = threading.Event(), threading.Event()
    write = background.Progress.write

    def write_and_hold(self, saving=False):
        write(self, saving)
        if not saving and self.valid + len(self.invalid) >= HELD_AT and not release.is_set():
            held.set()
            release.wait(60)

    monkeypatch.setattr(background.Progress, "write", write_and_hold)
    # the block reader reads 4 MB at a time, this whole file at once: smaller blocks here, so
    # the count rises within this file as it does within a file of a million rows
    monkeypatch.setattr(columnar, "CHUNK_BYTES", 64 << 10)
    upload_url = confirm_upload(page, tmp_path / "hoso-ca-nam.csv")

    with worker_running():
        try:
            assert held.wait(60), "the worker never reached the held row"
            seen_progress_part_way(page)
            screenshot(page, "dossier-import-progress")
            page.set_viewport_size({"width": 390, "height": 844})
            screenshot(page, "dossier-import-progress-phone")
            page.set_viewport_size({"width": 1366, "height": 768})

            # she leaves: the history says the file is being imported; she comes back
            page.goto(page.base_url + "/units/xa-a/dossiers/import/")
            running = page.get_by_role("row", name=re.compile("hoso-ca-nam.csv"))
            expect(running).to_contain_text("đang nhập")
            running.get_by_role("link", name="hoso-ca-nam.csv").click()
            assert page.url == upload_url
            page.get_by_text("Việc nhập chạy nền").wait_for()

            release.set()
            page.get_by_text("Đã nhập.").wait_for(timeout=120_000)
        finally:
            release.set()
    bad = ROWS // BAD_EVERY
    assert page.get_by_text(f"{ROWS} dòng: {ROWS - bad} mới").is_visible()
    assert page.get_by_role("cell", name="31/02/2024 08:00").first.is_visible()
    screenshot(page, "dossier-import-background-done")
    assert Dossier.objects.count() == ROWS - bad
    assert DossierUpload.objects.get().status == DossierUpload.Status.IMPORTED
