"""One plan, the same import whether it comes as .txt or as .docx (decision 0162)."""

import io

import pytest
from docx import Document

from cchc.importer.parse import parse_bytes

from .conftest import SEEDS


def _word(lines: list[str]) -> bytes:
    """Each line a paragraph, a tab a Word tab: how Word holds a text opened or pasted in it."""
    document = Document()
    for line in lines:
        paragraph = document.add_paragraph()
        for i, piece in enumerate(line.split("\t")):
            if i:
                paragraph.add_run().add_tab()
            paragraph.add_run(piece)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _tasks_and_targets(result: dict) -> tuple[list, list]:
    fields = ("ref", "area", "title", "lead", "coordinators", "products", "deadline", "due",
              "recurrence", "budget_million_vnd")  # fmt: skip
    tasks = [tuple(str(t[f]) for f in fields) for t in result["tasks"]]
    targets = [(t["area"], t["text"], t["comparator"], t["value"], t["unit"])
               for t in result["targets"]]  # fmt: skip
    return tasks, targets


@pytest.mark.parametrize("number", ["003", "004"])
def test_a_seed_with_tab_tables_reads_the_same_from_word_as_from_text(seed, number):
    [path] = sorted(SEEDS.glob(f"{number}_*.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    from_word = parse_bytes(_word(lines), "ke-hoach.docx")
    tasks, targets = _tasks_and_targets(from_word)
    assert len(tasks) == len(seed(number)["tasks"]) > 0
    assert (tasks, targets) == _tasks_and_targets(seed(number))
    assert from_word["plan"] == seed(number)["plan"]


def test_the_approving_decision_under_the_subject_is_not_part_of_the_title():
    document = Document()
    for text in ["ỦY BAN NHÂN DÂN", "XÃ THẠNH TÂN", "KẾ HOẠCH"]:
        document.add_paragraph(text)
    subject = document.add_paragraph("Cải cách hành chính năm 2024 trên địa bàn xã Thạnh Tân")
    subject.add_run().add_break()
    subject.add_run("(Kèm theo Quyết định số 26/QĐ-UBND ngày 08/3/2024 của Chủ tịch UBND xã)")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    out = io.BytesIO()
    document.save(out)
    plan = parse_bytes(out.getvalue(), "ke-hoach.docx")["plan"]
    assert plan["title"] == "Kế hoạch cải cách hành chính năm 2024 trên địa bàn xã Thạnh Tân"
    assert plan["number"] == "26/QĐ-UBND"
