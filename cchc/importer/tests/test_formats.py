"""One plan, the same import whether it comes as .txt or as .docx (decision 0162)."""

import io
import re
import unicodedata

import pytest
from docx import Document
from docx.oxml import parse_xml

from cchc.importer.parse import parse_bytes

from .builders import lines_docx
from .conftest import SEEDS


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
    from_word = parse_bytes(lines_docx(lines), "ke-hoach.docx")
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


def test_a_row_cut_at_a_page_break_before_a_year_is_finished_on_the_next_page():
    # seed 000 printed from Word: "Đánh giá Chỉ số CCHC năm" | next page "2024 UBND xã." was
    # read as a task of its own, and every task after it took the next one's number
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Cải cách hành chính năm 2024")
    document.add_paragraph("PHỤ LỤC NHIỆM VỤ")
    pages = [
        [["Stt", "Nhiệm vụ", "Công chức chủ trì", "Sản phẩm", "Thời gian hoàn thành"],
         ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", "", "", ""],
         ["6", "Đánh giá Chỉ số CCHC năm", "Công chức Văn phòng – Thống kê", "Phần mềm",
          "Quý IV năm 2024"]],
        [["", "2024 UBND xã.", "", "", ""],
         ["7", "Họp sơ kết, tổng kết về CCHC", "Công chức Văn phòng – Thống kê", "Báo cáo",
          "Trong năm 2024"]],
    ]  # fmt: skip
    for rows in pages:
        table = document.add_table(rows=len(rows), cols=5)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    tasks = parse_bytes(out.getvalue(), "ke-hoach.docx")["tasks"]
    assert [(t["ref"], t["title"], t["due"]) for t in tasks] == [
        ("6", "Đánh giá Chỉ số CCHC năm 2024 UBND xã.", "2024-12-31"),
        ("7", "Họp sơ kết, tổng kết về CCHC", "2024-12-31"),
    ]


def _no_break_spaces(text: str) -> str:
    """What a copy out of Word leaves: no-break spaces after a heading's numeral and beside
    the cell separators, a narrow one after "ngày", a zero-width space here and there."""
    text = re.sub(r"^([IVX]+\.) ", "\\1\u00a0", text, flags=re.MULTILINE)
    text = text.replace(" | ", " |\u00a0").replace("ngày ", "ngày\u202f")
    return text.replace("Kế hoạch", "Kế\u200bhoạch", 3)


SAVED_ELSEWHERE = {
    "Windows line ends": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "UTF-8 with BOM": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "UTF-16": lambda t: t.encode("utf-16"),
    "decomposed letters (NFD)": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    "no-break and zero-width spaces": lambda t: _no_break_spaces(t).encode("utf-8"),
}


@pytest.mark.parametrize("how", SAVED_ELSEWHERE)
def test_a_plan_saved_by_another_editor_reads_the_same(seed, how):
    [path] = sorted(SEEDS.glob("000_*.txt"))
    data = SAVED_ELSEWHERE[how](path.read_text(encoding="utf-8"))
    result = parse_bytes(data, path.name)
    assert len(result["tasks"]) == len(seed("000")["tasks"]) == 44
    assert _tasks_and_targets(result) == _tasks_and_targets(seed("000"))
    assert result["plan"] == seed("000")["plan"]
    assert result["legal_bases"] == seed("000")["legal_bases"]


_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box(text: str):
    """A text box as Word saves it: the shape, and a VML copy of it for old readers."""
    inner = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return parse_xml(
        f"<w:r {_NS}><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx>"
        f"{inner}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{inner}"
        "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_word_file_with_a_text_box_and_tracked_changes_reads_as_word_shows_it():
    doc = Document()
    doc.add_paragraph("UBND XÃ THẠNH TÂN")
    doc.add_paragraph("Số: 26/KH-UBND")._p.append(_text_box("DỰ THẢO"))
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính năm 2026")
    doc.add_paragraph("I. CẢI CÁCH THỂ CHẾ")
    table = doc.add_table(rows=2, cols=4)
    rows = (["STT", "Nội dung", "Chủ trì", "Thời gian"],
            ["1", "Rà soát văn bản", "Công chức Tư pháp", "Quý II"])  # fmt: skip
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    title = table.cell(1, 1).paragraphs[0]._p
    title.append(parse_xml(f'<w:ins {_NS} w:id="1" w:author="A"><w:r><w:t xml:space="preserve">'
                           " quy phạm pháp luật</w:t></w:r></w:ins>"))  # fmt: skip
    title.append(parse_xml(f'<w:del {_NS} w:id="2" w:author="A"><w:r><w:delText xml:space='
                           '"preserve"> đã hết hiệu lực</w:delText></w:r></w:del>'))  # fmt: skip
    data = io.BytesIO()
    doc.save(data)
    result = parse_bytes(data.getvalue(), "ke-hoach.docx")
    assert result["plan"]["number"] == "26/KH-UBND"
    assert [(t["ref"], t["title"], t["due"]) for t in result["tasks"]] == [
        ("1", "Rà soát văn bản quy phạm pháp luật", "2026-06-30")
    ]
