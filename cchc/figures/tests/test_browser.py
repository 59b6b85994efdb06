"""The focal point enters a figure with its evidence in a real browser, at a desktop's and a
phone's width, and sees it in the table by period."""

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.figures.builtins import install
from cchc.figures.models import FigureDefinition, FigureEntry, FigureTargetLink

pytestmark = pytest.mark.django_db(transaction=True)


def test_enter_a_figure_and_see_it_in_the_table(page, world, tmp_path):
    install(FigureDefinition)  # the live server's flushed database lost the data migration
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, "focal")
    page.goto(page.base_url + "/units/xa-a/figures/?period=2024-q1")
    page.get_by_label("Số liệu", exact=True).select_option(label="Văn bản QPPL rà soát")
    page.get_by_label("Tử số").fill("5")
    page.get_by_label("Mẫu số").fill("4")
    page.get_by_label("Văn bản kiểm chứng (số, ngày)").fill("Báo cáo số 3/BC-UBND")
    page.get_by_role("button", name="Lưu số liệu").click()
    page.get_by_text("lớn hơn").first.wait_for()
    screenshot(page, "figures-refused")
    assert not FigureEntry.objects.exists()
    page.get_by_label("Mẫu số").fill("6")
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Lưu số liệu").click()
    page.get_by_role("link", name="Báo cáo số 3/BC-UBND").wait_for()
    screenshot(page, "figures-entry")
    entry = FigureEntry.objects.get()
    assert (entry.numerator, entry.denominator, entry.evidence.count()) == (5, 6, 1)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/units/xa-a/figures/table/?year=2024")
    assert page.get_by_role("cell", name="5/6 (83,3%)").first.is_visible()
    screenshot(page, "figures-table-phone")


def test_choose_the_figure_measuring_a_target_and_see_its_value(page, world):
    from cchc import periods
    from cchc.figures.actions import enter_figure
    from cchc.plans.choices import TargetUnit

    from .test_target_measure import make_target

    install(FigureDefinition)
    target = make_target(world, "100% văn bản QPPL được rà soát", 100, TargetUnit.PERCENT)
    enter_figure(
        FigureDefinition.objects.get(code="legal_docs_reviewed"),
        world.commune,
        periods.quarter(2024, 1),
        numerator=3,
        denominator=4,
        by=world.people.focal,
        document="Báo cáo rà soát số 3",
    )
    for width, height, name in ((1366, 768, "desktop"), (390, 844, "phone")):
        page.set_viewport_size({"width": width, "height": height})
        if name == "desktop":
            browser_login(page, "focal")
        page.goto(page.base_url + f"/plans/targets/{target.pk}/")
        page.get_by_role("link", name="Đo bằng số liệu nhập theo kỳ").click()
        page.get_by_label("Không đo bằng số liệu").wait_for()
        screenshot(page, f"figures-target-measure-{name}")
        page.get_by_label("Văn bản QPPL rà soát").check()
        page.get_by_role("button", name="Lưu").click()
        page.get_by_text("Đo bằng số liệu “Văn bản QPPL rà soát”").wait_for()
        assert page.get_by_text("3 / 4").is_visible()
        screenshot(page, f"figures-target-progress-{name}")
        assert FigureTargetLink.objects.get(target=target).definition.code == "legal_docs_reviewed"
