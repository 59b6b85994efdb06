"""The figures entered by hand (not dossiers) are in the report: summed over the unit tree for
the report's window in `cchc report --format json`, the page, the appendix and the .docx;
section I is written from them in sentences with the numbers."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

from django.core.management import call_command
from docx import Document

from cchc import periods
from cchc.figures.actions import enter_figure
from cchc.figures.models import FigureDefinition, FigureTargetLink
from cchc.plans.choices import Comparator, TargetUnit
from cchc.reports import actions, content
from cchc.reports import document as word
from cchc.reports.compile import compiled
from cchc.testing.factories import TargetFactory, UserFactory, member


def enter(world, code, period, numerator, denominator=None, *, unit=None):
    unit = unit or world.commune
    by = world.people.focal if unit == world.commune else member(UserFactory(), unit)
    enter_figure(
        FigureDefinition.objects.get(code=code, version=1),
        unit,
        period,
        numerator=numerator,
        denominator=denominator,
        by=by,
        document="Biên bản số 1",
    )


def report_json(code: str = "xa-a") -> dict:
    out = io.StringIO()
    call_command("report", "--unit", code, "--period", "2024-Q1", stdout=out)
    return json.loads(out.getvalue())


def figures_of_thanh_tan(world) -> None:
    """Entries in and out of seed 000's Q1/2024 window (15/12/2023 → 29/02/2024): an entry
    counts in the window its period ends in."""
    enter(world, "meetings_dialogues", periods.month(2023, 12), 1)  # ends 31/12/2023: in
    enter(world, "meetings_dialogues", periods.month(2024, 1), 2)  # in
    enter(world, "meetings_dialogues", periods.month(2024, 3), 5)  # ends 31/3/2024: out
    enter(world, "meetings_dialogues", periods.month(2023, 11), 7)  # ends 30/11/2023: out
    enter(world, "inspections_held", periods.month(2024, 2), 1, 2)  # ends 29/02/2024: in
    enter(world, "inspection_findings", periods.month(2024, 2), 4)
    enter(world, "inspection_findings_handled", periods.month(2024, 2), 3, 4)
    enter(world, "news_items", periods.quarter(2023, 4), 6)  # ends 31/12/2023: in
    enter(world, "communication_sessions", periods.month(2024, 1), 2)
    enter(world, "staff_trained", periods.quarter(2023, 4), 5, 18)


def test_the_json_figures_are_the_window_sums_of_the_entries(thanh_tan):
    figures_of_thanh_tan(thanh_tan.world)
    figures = report_json()["figures"]
    assert figures["meetings_dialogues"]["numerator"] == 3  # 1 + 2
    assert figures["inspections_held"] == {"numerator": 1, "denominator": 2, "value": 50.0}
    assert figures["staff_trained"] == {"numerator": 5, "denominator": 18, "value": 27.78}
    assert figures["news_items"]["numerator"] == 6
    assert figures["legal_docs_issued"]["numerator"] == 0  # nothing entered: counted as 0
    # every figure in use has its slot, with the contract's three keys
    codes = set(FigureDefinition.objects.filter(active=True).values_list("code", flat=True))
    assert set(figures) == codes
    assert all(set(v) == {"numerator", "denominator", "value"} for v in figures.values())


def test_a_units_figures_include_the_units_below_it(thanh_tan):
    world = thanh_tan.world
    enter(world, "inspections_held", periods.month(2024, 1), 1, 2)
    enter(world, "inspections_held", periods.month(2024, 2), 2, 3, unit=world.other)
    district = content.unit_figures(world.district, dt.date(2023, 12, 15), dt.date(2024, 2, 29))
    assert district["figures"]["inspections_held"] == {
        "numerator": 3,
        "denominator": 5,
        "value": 60.0,
    }


def test_the_compiled_report_sums_the_communes_figures(thanh_tan, login):
    world = thanh_tan.world
    enter(world, "news_items", periods.month(2024, 1), 4)
    enter(world, "news_items", periods.month(2024, 2), 3, unit=world.other)
    data = compiled(world.district, "q1", 2024, today=dt.date(2024, 3, 15))
    assert data["total"]["figures"]["news_items"]["numerator"] == 7
    page = login(world.people.district).get(
        f"/units/{world.district.code}/reports/2024-Q1/compiled"
    )
    row = page.content.decode().split('data-code="news_items">')[1].split("</tr>")[0]
    assert (
        row == "<td>Tin, bài tuyên truyền CCHC</td><td>tin, bài</td><td>7</td><td>—</td><td>—</td>"
    )


def test_section_one_is_written_from_the_figures_with_the_numbers(thanh_tan):
    world = thanh_tan.world
    figures_of_thanh_tan(world)
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    first = word.document_content(content.content_of(report))["sections"][0]
    assert first["heading"] == "I. Công tác chỉ đạo, điều hành"
    assert first["paragraphs"][1:5] == [
        "Tổ chức 3 cuộc hội nghị, đối thoại về công tác cải cách hành chính.",
        "Thực hiện 1/2 cuộc kiểm tra công tác cải cách hành chính theo kế hoạch (đạt 50,00%); "
        "qua kiểm tra phát hiện 4 vấn đề, đã chỉ đạo xử lý 3/4 vấn đề (đạt 75,00%).",
        "Công tác thông tin, tuyên truyền: đăng tải 6 tin, bài về cải cách hành chính; "
        "tổ chức 2 buổi tuyên truyền.",
        "Cử 5/18 cán bộ, công chức tham gia các lớp đào tạo, bồi dưỡng (đạt 27,78%).",
    ]


def test_a_window_without_figures_claims_no_work(thanh_tan):
    world = thanh_tan.world
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    assert content.assemble(report)["direction"]["sentences"] == []


def test_the_word_file_carries_the_sentences_and_the_figure_table(thanh_tan, login):
    world = thanh_tan.world
    figures_of_thanh_tan(world)
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    response = login(world.people.focal).get(f"/reports/{report.pk}/report.docx")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Tổ chức 3 cuộc hội nghị, đối thoại về công tác cải cách hành chính." in text
    assert "Cử 5/18 cán bộ, công chức tham gia các lớp đào tạo, bồi dưỡng (đạt 27,78%)." in text
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Hội nghị, đối thoại", "cuộc", "3", "—", "—"] in rows
    assert ["Cán bộ, công chức được đào tạo, bồi dưỡng", "người", "5", "18", "27,78%"] in rows
    page = login(world.people.focal).get(f"/reports/{report.pk}/").content.decode()
    assert "Tổ chức 3 cuộc hội nghị, đối thoại" in page
    assert 'data-code="staff_trained"' in page


def test_a_target_measured_by_a_figure_shows_the_windows_value(thanh_tan):
    world = thanh_tan.world
    target = TargetFactory(
        plan=thanh_tan.plan,
        text="Tổ chức kiểm tra CCHC theo kế hoạch",
        comparator=Comparator.AT_LEAST,
        value=100,
        unit=TargetUnit.PERCENT,
    )
    FigureTargetLink.objects.create(
        target=target, definition=FigureDefinition.objects.get(code="inspections_held")
    )
    enter(world, "inspections_held", periods.month(2024, 2), 1, 2)
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    row = next(r for r in content.assemble(report)["targets"] if r["text"] == target.text)
    assert row["value"] == 50.0


def test_the_appendix_writes_a_target_as_a_reader_does(thanh_tan, login):
    """ "≥ 100%" and "50%", not the stored ">= 100" and "50": the upper level reads the
    comparator as a sign and the figure with a decimal comma."""
    world = thanh_tan.world
    target = TargetFactory(
        plan=thanh_tan.plan,
        text="Tổ chức kiểm tra CCHC theo kế hoạch",
        comparator=Comparator.AT_LEAST,
        value=Decimal("90.5"),
        unit=TargetUnit.PERCENT,
    )
    FigureTargetLink.objects.create(
        target=target, definition=FigureDefinition.objects.get(code="inspections_held")
    )
    enter(world, "inspections_held", periods.month(2024, 2), 2, 3)
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    response = login(world.people.focal).get(f"/reports/{report.pk}/report.docx")
    document = Document(io.BytesIO(response.content))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert [target.text, "≥ 90,5%", "66,67%"] in rows
    indicators = next(t for t in document.tables if t.rows[0].cells[0].text == "Chỉ số")
    names = [row.cells[0].text for row in indicators.rows[1:]]
    assert "Số hồ sơ tiếp nhận" in names and "dossiers_received" not in names
