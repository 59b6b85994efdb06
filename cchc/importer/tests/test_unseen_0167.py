"""Decisions 0167, 0169, 0174, 0178 and 0184: thirty plans written here, unlike the seeds, each
as the .txt its author would paste, the .docx they typed (letterhead and task tables as Word
tables) and the PDF LibreOffice prints from it; every contract field of the import equals the
expectation written by reading the document (plans0167/, plans0169/, plans0174/, plans0178/,
plans0184/, NAME.expected.json)."""

import io
import json
import unicodedata

import pytest
from django.core.management import call_command

from cchc.importer.parse import parse_bytes
from cchc.importer.tasks import _deadline_text
from cchc.importer.tests.unseen0167 import PLANS, differences
from cchc.importer.tests.unseen_build import FROM_PDF, PAGED, _paged, _unwrap

# every plan in every format: the ward's 766 plan printed to PDF has a row cut by the page
# break (read since 0166), Ea Kar's and the ward's bulleted cells wrap "- Công chức Văn hóa" /
# "- Xã hội" (one office, `columns.DASHED_OFFICES`); Hải Lăng's PDF prints its first task
# table's header alone at the foot of a page (0169); Phước Long's landscape appendices cut rows
# at page breaks, Vĩnh Hưng's narrow budget cell cuts "12.000.000" (0174); Bình Thủy's PDF
# prints its footnotes at the foot of page 1, Mỹ An's .txt is copied from its PDF (0178); Phú
# Thủy's PDF begins page 2 with a task row, Hòa Thành's list of reports is cut by a page (0184)
CASES = [
    (f"{plan.parent.name}/{plan.name}", ext) for plan in PLANS for ext in ("txt", "docx", "pdf")
]
HOME = PLANS[0].parent.parent


def _expected(name: str) -> dict:
    return json.loads((HOME / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "ext"), CASES)
def test_every_field_is_read_as_a_person_reads_the_plan(name, ext):
    path = HOME / f"{name}.{ext}"
    assert differences(_expected(name), parse_bytes(path.read_bytes(), path.name)) == []


@pytest.mark.django_db
def test_the_dry_run_prints_the_same_fields():
    out = io.StringIO()
    path = HOME / "plans0167/xa_my_quy.docx"
    call_command("import_plan", str(path), "--dry-run", "--format", "json", stdout=out)
    assert differences(_expected("plans0167/xa_my_quy"), json.loads(out.getvalue())) == []


def test_the_expectations_are_the_plans_own_words():
    """Guard against an expectation drifting from its document: every task title, lead and
    deadline written in an expectation is in the plan's text (composed, as the import prints
    it: Phú Riềng's plan is typed partly in decomposed letters, with non-breaking spaces; Mỹ
    An's, copied from its PDF, and Vĩnh Thạnh's, pasted page by page, with their rows joined
    back as typed)."""
    for plan in PLANS:
        lines = plan.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
        if plan.name in FROM_PDF:  # copied from the PDF: its cells as the author typed them
            lines = _unwrap(lines)
        if plan.name in PAGED:  # pasted page by page: its cut row joined back
            lines = _paged(lines)
        text = " ".join(" ".join(lines).split())
        text = unicodedata.normalize("NFC", text)
        expected = json.loads(plan.with_suffix(".expected.json").read_text(encoding="utf-8"))
        for task in expected["tasks"]:
            for words in [task["title"], task["deadline"], *task["lead"], *task["coordinators"]]:
                assert words in text, (plan.name, words)


def test_a_printed_time_cell_of_quarters_named_alone_keeps_them_apart():
    # "Quý I" / "Quý III" one under the other in a narrow PDF cell: two times, not one
    assert _deadline_text("Quý I\nQuý III", wrapped=True) == "Quý I; Quý III"
    assert _deadline_text("Trước ngày 25\ncủa tháng cuối\nquý", wrapped=True) == (
        "Trước ngày 25 của tháng cuối quý"
    )


def test_the_title_stops_before_the_theme_joined_to_it():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 09/KH-UBND\nAn Phú, ngày 10 tháng 01 năm 2026\n\n"
        "KẾ HOẠCH\nCải cách hành chính năm 2026\nChủ đề năm 2026: “Năm kỷ cương hành chính”\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng phục vụ người dân.\n"
    )
    plan = parse_bytes(text.encode(), "an_phu.txt")["plan"]
    assert plan["title"] == "Kế hoạch cải cách hành chính năm 2026"
    assert plan["theme"] == "Năm kỷ cương hành chính"


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_a_targets_row_without_a_figure_is_kept_and_said(ext):
    # Hòa Bình's row 5 plans "Tốt" in the value column: not a quantified target, but an
    # objective the plan sets; before 0169 it vanished without a word
    path = HOME / f"plans0169/phuong_hoa_binh.{ext}"
    result = parse_bytes(path.read_bytes(), path.name)
    kept = [t["text"] for t in result["qualitative_targets"]]
    assert kept == ["Kết quả thực hiện Bộ chỉ số phục vụ người dân, doanh nghiệp: Tốt"]
    assert any("mục tiêu định tính" in w and w.endswith(": 5.") for w in result["warnings"])
