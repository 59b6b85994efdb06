from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from cchc.parindex import layout, sample
from cchc.parindex.actions import open_assessment
from cchc.parindex.choices import AreaRole, Rule
from cchc.parindex.models import CriteriaSet, Criterion

from .conftest import ROWS, cells, write_file

pytestmark = pytest.mark.django_db


def test_a_province_file_imports_as_a_tree_with_stt_kept_as_text(criteria_file):
    call_command("par_criteria", "import", str(criteria_file), "--year", "2026")
    saved = CriteriaSet.current(2026)
    by_stt = {c.stt: c for c in saved.criteria.all()}
    assert by_stt["3.10"].parent == by_stt["3"] and by_stt["3.1"].parent == by_stt["3"]
    assert by_stt["3.2.1"].parent == by_stt["3.2"] and by_stt["3.2.1"].kind == "sub"
    assert by_stt["4"].area_role == AreaRole.SURVEY and saved.survey_weight() == 30
    assert by_stt["5"].area_role == AreaRole.BONUS and by_stt["5"].max_points is None
    assert by_stt["5.2"].max_points == Decimal("-3")
    assert saved.title_rows[1] == ["BỘ TIÊU CHÍ ĐÁNH GIÁ CHỈ SỐ CCHC CẤP XÃ NĂM 2026"]


def test_import_then_export_gives_back_the_same_sheet(criteria_file, tmp_path):
    call_command("par_criteria", "import", str(criteria_file), "--year", "2026")
    out = tmp_path / "xuat.xlsx"
    call_command("par_criteria", "export", "--year", "2026", "-o", str(out))
    assert cells(out) == cells(criteria_file)


def test_the_exported_set_prints_on_a4_with_its_header_frozen_and_repeated(tmp_path):
    from openpyxl import load_workbook

    sample.install(2026)
    out = tmp_path / "mau.xlsx"
    call_command("par_criteria", "export", "--year", "2026", "-o", str(out))
    sheet = load_workbook(out).active
    assert sheet.title == "Bộ tiêu chí"
    header = next(r[0].row for r in sheet.iter_rows() if r[0].value == "STT")
    assert (
        sheet.freeze_panes == f"A{header + 1}" and sheet.print_title_rows == f"${header}:${header}"
    )
    assert sheet.page_setup.paperSize == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage


def test_the_sample_set_round_trips_too(tmp_path):
    sample.install(2026)
    first = tmp_path / "mau.xlsx"
    call_command("par_criteria", "export", "--year", "2026", "-o", str(first))
    call_command("par_criteria", "import", str(first), "--year", "2027")
    second = tmp_path / "mau-2027.xlsx"
    call_command("par_criteria", "export", "--year", "2027", "-o", str(second))
    assert cells(second) == cells(first)


def test_the_sample_holds_seed_003s_forty_criteria_marked_as_a_sample():
    saved = sample.install(2026)
    assert saved.is_sample
    criteria = list(saved.criteria.all())
    parents = {c.parent_id for c in criteria}
    seed_leaves = [
        c for c in criteria if c.id not in parents and c.area_role != AreaRole.BONUS and c.parent_id
    ]
    assert len(seed_leaves) == 40
    areas = [c for c in criteria if c.parent_id is None and c.area_role != AreaRole.BONUS]
    assert sum(a.max_points for a in areas) == 100
    assert any(c.stt == "3.2.1" and c.rule_spec.get("source") == "on_time_rate" for c in criteria)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda rows: rows.__setitem__(2, ["1.2", "Mức độ hoàn thành", 9, None, None]),
            "Row 5 (STT 1): max points 20 differ from the sum of its parts 19",
        ),
        (
            lambda rows: rows.insert(3, ["2.1", "Tiêu chí không có lĩnh vực", 0, None, None]),
            "Row 8: STT 2.1 has no parent 2 above it",
        ),
        (
            lambda rows: rows.__setitem__(9, ["4", "Kết quả điều tra xã hội học", 20, None, None]),
            "add up to 90 points, not 100",
        ),
        (
            lambda rows: rows.__setitem__(11, ["5.1", "Sáng kiến", None, None, None]),
            "Row 16 (STT 5.1): a bonus or penalty row needs its points",
        ),
        (
            lambda rows: rows.__setitem__(4, ["3.1", "Công khai", "mười", None, None]),
            "Row 9: max points “mười” is not a number",
        ),
        (lambda rows: rows.append(["3.1", "Lặp", 1, None, None]), "STT 3.1 appears twice"),
    ],
)
def test_a_bad_file_names_the_row_and_saves_nothing(tmp_path, settings, change, message):
    settings.LANGUAGE_CODE = "en"
    rows = [list(r) for r in ROWS]
    change(rows)
    path = write_file(tmp_path / "sai.xlsx", rows)
    with pytest.raises(CommandError) as refused:
        call_command("par_criteria", "import", str(path), "--year", "2026")
    assert message in str(refused.value)
    assert not CriteriaSet.objects.exists() and not Criterion.objects.exists()


def test_a_bad_file_speaks_vietnamese(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2] = ["1.2", "Mức độ hoàn thành", 9, None, None]
    with pytest.raises(layout.LayoutError) as refused:
        layout.read(write_file(tmp_path / "sai.xlsx", rows))
    assert "Dòng 5" in refused.value.problems[0]


def test_reimporting_a_year_whose_assessments_began_adds_a_version_they_do_not_follow(
    world, criteria_file, tmp_path
):
    call_command("par_criteria", "import", str(criteria_file), "--year", "2026")
    call_command("par_criteria", "import", str(criteria_file), "--year", "2026")
    assert list(CriteriaSet.objects.values_list("version", flat=True)) == [1]  # replaced: unused
    started = open_assessment(
        world.commune, 2026, by=world.people.focal, deadline=dt.date(2027, 1, 15)
    )
    rows = [list(r) for r in ROWS]
    rows[9][1] = "Kết quả điều tra xã hội học (sửa)"
    call_command(
        "par_criteria", "import", str(write_file(tmp_path / "v2.xlsx", rows)), "--year", "2026"
    )
    assert CriteriaSet.current(2026).version == 2
    started.refresh_from_db()
    assert started.criteria_set.version == 1
    assert open_assessment(world.other, 2026, by=world.people.outsider).criteria_set.version == 2


@pytest.mark.parametrize(
    ("guidance", "rule", "spec_part"),
    [
        ("Có: 2 điểm; Không: 0 điểm", Rule.YES_NO, {"yes": "2"}),
        (
            "≥ 98%: 12 điểm; ≥ 90%: 8 điểm [nguồn: on_time_rate]",
            Rule.TIERS,
            {"tiers": [["98", "12"], ["90", "8"]], "source": "on_time_rate"},
        ),
        (
            "Chấm theo tỷ lệ: từ 90% trở lên: tối đa; dưới 30%: 0 điểm",
            Rule.PROPORTIONAL,
            {"full_from": "90", "none_below": "30"},
        ),
        ("Theo đánh giá của cấp trên", Rule.JUDGEMENT, {}),
    ],
)
def test_the_rule_is_read_from_the_guidance(guidance, rule, spec_part):
    from cchc.parindex.rules import parse_rule

    found, spec = parse_rule(guidance)
    assert found == rule
    assert spec_part.items() <= spec.items()


def test_the_admin_edits_the_deadline_and_groups_and_the_change_is_audited(client, criteria_set):
    from cchc.audit.models import AuditEvent
    from cchc.testing.auth import admin_login
    from cchc.testing.factories import UserFactory

    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    admin_login(client, admin)
    url = f"/admin/parindex/criteriaset/{criteria_set.pk}/change/"
    assert client.get(url).status_code == 200
    data = {
        "name": criteria_set.name,
        "is_sample": "",
        "submit_by": "2026-12-10",
        "groups": '[{"name": "A", "min": 90}, {"name": "B", "min": 75}]',
        "criteria-TOTAL_FORMS": "0",
        "criteria-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    criteria_set.refresh_from_db()
    assert (
        criteria_set.submit_by == dt.date(2026, 12, 10)
        and criteria_set.group_for(Decimal(76)) == "B"
    )
    assert AuditEvent.objects.filter(object_id=str(criteria_set.pk), user=admin).exists()
