"""The criteria no app computes are entered by hand as figures: counted in the window their
month ends in, summed over the tree, shown as entered by hand, left out of the maximum when
not entered."""

from __future__ import annotations

from cchc.figures.models import FigureDefinition, FigureEntry
from cchc.periods import month

from .test_index import index_json

PAGE = "/units/xa-a/index766/?period=2024-03"


def enter(unit, criterion: str, numerator: int, denominator: int, year=2024, number=3):
    period = month(year, number)
    FigureEntry.objects.create(
        definition=FigureDefinition.objects.get(code=f"index766_{criterion}"),
        unit=unit,
        period_key=period.key,
        start=period.start,
        end=period.end,
        numerator=numerator,
        denominator=denominator,
    )


def criteria_of(result: dict) -> dict[str, dict]:
    return {c["code"]: c for g in result["groups"] for c in g["criteria"]}


def test_every_criterion_without_an_app_has_a_figure_to_enter_on_the_figures_page(world, login):
    html = login(world.people.focal).get("/units/xa-a/figures/?period=2024-03").content.decode()
    for name in (
        "Hồ sơ đồng bộ trạng thái lên Cổng DVC quốc gia",
        "Hài lòng về giải quyết hồ sơ",
        "Cấp bản sao điện tử có chứng thực",
        "Hồ sơ lấy dữ liệu từ kho dữ liệu của công dân",
        "Hồ sơ khai thác dữ liệu dân cư (cấp tỉnh)",
        "TTHC khai thác dữ liệu dân cư (cấp tỉnh)",
    ):
        assert name in html


def test_an_entered_criterion_scores_and_joins_the_maximum(march, no_feedback):
    enter(march.commune, "dossiers_synchronised", 45, 50)  # 90 % of 6 points → 5.40
    enter(march.commune, "certified_copies", 1, 1)  # the commune offers them: 2 points
    enter(march.commune, "citizen_store", 5, 50, number=4)  # April: not in March
    result = index_json()
    criteria = criteria_of(result)
    assert (
        criteria["dossiers_synchronised"]["rate"],
        criteria["dossiers_synchronised"]["points"],
    ) == (
        90.0,
        5.4,
    )
    assert criteria["certified_copies"]["points"] == 2.0
    assert criteria["citizen_store"]["points"] is None
    assert criteria["dossiers_synchronised"]["entered"] is True
    # 37.03 / 60 without them (test_index), plus 5.40 / 6 and 2 / 2
    assert (result["total"], result["max"]) == (44.43, 68.0)


def test_the_district_sums_its_communes_entries(march, no_feedback):
    enter(march.commune, "dossier_satisfaction", 40, 50)
    enter(march.other, "dossier_satisfaction", 50, 50)
    criteria = criteria_of(index_json("thanh-pho"))
    # 90 / 100 = 90 %, the target for full points
    assert (
        criteria["dossier_satisfaction"]["numerator"],
        criteria["dossier_satisfaction"]["denominator"],
        criteria["dossier_satisfaction"]["points"],
    ) == (90, 100, 6.0)
    # the commune alone: 80 % of a 90 % target → 6 × 80 / 90 = 5.333… → 5.33
    assert criteria_of(index_json())["dossier_satisfaction"]["points"] == 5.33


def test_the_page_says_where_each_criterion_comes_from(march, login, no_feedback):
    enter(march.commune, "dossiers_synchronised", 45, 50)
    html = login(march.people.focal).get(PAGE).content.decode()
    assert "Nguồn: dữ liệu hồ sơ TTHC" in html
    assert "Nguồn: dữ liệu công khai thủ tục hành chính" in html
    assert html.count("Nhập tay hằng tháng tại") == 6
    assert 'href="/units/xa-a/figures/"' in html
    assert html.count("chưa nhập") >= 5  # every hand-entered criterion but the one entered
    assert "42,43</strong> / 66" in html


def test_a_source_registered_without_words_shows_none_and_no_source_says_so(
    march, login, no_feedback
):
    from cchc.index766 import sources

    html = login(march.people.focal).get(PAGE).content.decode()
    # no_feedback registers the on-time criterion without saying where it comes from
    row = html.split("Phản ánh, kiến nghị được xử lý đúng hạn")[1].split("</tr>")[0]
    assert "Nguồn" not in row and "Không có nguồn số liệu" not in row
    sources.unregister("citizen_store")
    try:
        html = login(march.people.focal).get(PAGE).content.decode()
    finally:
        sources.register_builtin()
    row = html.split("Kết nối kho dữ liệu công dân")[1].split("</tr>")[0]
    assert "Không có nguồn số liệu: không chấm điểm, không tính vào điểm tối đa." in row
