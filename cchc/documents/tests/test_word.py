"""The report writer's output checked as a document: opened with python-docx, and once
converted by LibreOffice to PDF whose first page is kept as an image in test-artifacts/."""

from __future__ import annotations

import copy
import datetime as dt
import io
import subprocess
import zipfile

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc.documents import word
from cchc.testing.documents import first_page_image, pdf_of

CONTENT = {
    "header": {
        "issuer_upper": "UBND THÀNH PHỐ TÂY NINH",
        "issuer": "UBND XÃ THẠNH TÂN",
        "number": "12/BC-UBND",
        "place": "Thạnh Tân",
        "date": dt.date(2024, 3, 7),
    },
    "title": "Báo cáo",
    "subtitle": "Kết quả công tác cải cách hành chính quý I năm 2024",
    "legal_bases": ["Căn cứ Kế hoạch số 05/KH-UBND ngày 10/01/2024 của UBND xã Thạnh Tân;"],
    "sections": [
        {
            "heading": "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
            "paragraphs": ["Ủy ban nhân dân xã ban hành kế hoạch cải cách hành chính năm 2024."],
            "tables": [
                {
                    "title": "Nhiệm vụ trong kỳ",
                    "columns": ["Nội dung", "Kế hoạch", "Hoàn thành"],
                    "rows": [["Nhiệm vụ", "8", "6"], ["=HYPERLINK(1)", "1", "<b>&"]],
                }
            ],
        },
        {"heading": "II. KẾT QUẢ", "paragraphs": ["Đoạn một.", "Đoạn hai."], "tables": []},
    ],
    "recipients": ["UBND thành phố Tây Ninh", "Phòng Nội vụ thành phố", "Lưu: VT"],
    "signer": {"title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "name": "Trần Văn Bình"},
    "appendix": [
        {"title": "Phụ lục 1: Số liệu", "columns": ["Chỉ số", "Giá trị"], "rows": [["A", "1"]]}
    ],
}


def _document(content=CONTENT, template=None):
    return Document(io.BytesIO(word.render_report(content, template)))


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_page_is_a4_portrait_with_the_margins_of_decree_30():
    section = _document().sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    # in whole tenths of a millimetre: Word stores twentieths of a point
    assert 20 <= round(section.top_margin.mm, 1) <= 25
    assert 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35
    assert 15 <= round(section.right_margin.mm, 1) <= 20


def test_the_body_is_times_new_roman_of_13_to_14_points():
    document = _document()
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert Pt(13) <= normal.font.size <= Pt(14)
    body = next(p for p in document.paragraphs if p.text == "Đoạn một.")
    run = body.runs[0]
    assert run.font.name == "Times New Roman"
    assert Pt(13) <= run.font.size <= Pt(14)


def test_the_header_table_holds_the_issuer_and_the_national_title_and_motto():
    header = _document().tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "UBND THÀNH PHỐ TÂY NINH" in left and "UBND XÃ THẠNH TÂN" in left
    assert "Số: 12/BC-UBND" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập - Tự do - Hạnh phúc" in right
    assert "Thạnh Tân, ngày 07 tháng 3 năm 2024" in right
    national = next(p for p in header.rows[0].cells[1].paragraphs if p.text.startswith("CỘNG"))
    assert national.runs[0].bold


def test_the_title_legal_bases_sections_and_tables_are_written_in_order():
    document = _document()
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    order = ["BÁO CÁO", CONTENT["subtitle"], CONTENT["legal_bases"][0], "I. CÔNG TÁC"]
    positions = [next(i for i, t in enumerate(texts) if t.startswith(o)) for o in order]
    assert positions == sorted(positions)
    figures = next(t for t in document.tables if t.rows[0].cells[0].text == "Nội dung")
    assert [c.text for c in figures.rows[1].cells] == ["Nhiệm vụ", "8", "6"]
    # text is written as text: no formula, markup kept as typed
    assert [c.text for c in figures.rows[2].cells] == ["=HYPERLINK(1)", "1", "<b>&"]


def test_the_recipients_sit_beside_the_signature_block():
    document = _document()
    end = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    left, right = (cell.text for cell in end.rows[0].cells)
    # Decree 30: each line ends with ";", the last ("Lưu: …") with "."
    assert left.splitlines()[1:] == [
        "- UBND thành phố Tây Ninh;",
        "- Phòng Nội vụ thành phố;",
        "- Lưu: VT.",
    ]
    assert "TM. ỦY BAN NHÂN DÂN" in right and "CHỦ TỊCH" in right and "Trần Văn Bình" in right
    heading = next(p for p in end.rows[0].cells[0].paragraphs if p.text == "Nơi nhận:")
    assert heading.runs[0].bold and heading.runs[0].italic


def test_the_text_is_vietnamese_for_the_spelling_checker_of_word():
    # en-US (python-docx's blank document) had Word underline every word as a mistake
    defaults = _document().styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language.get(qn("w:val")) == "vi-VN"


def test_a_table_repeats_its_header_row_and_never_splits_a_row_across_pages():
    grid = _document().tables[-1]  # the appendix table
    header, row = grid.rows[0]._tr.trPr, grid.rows[1]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert row.find(qn("w:tblHeader")) is None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in grid.rows)
    title = next(p for p in _document().paragraphs if p.text == "Phụ lục 1: Số liệu")
    assert title.paragraph_format.keep_with_next  # the table's title goes with its table


def test_figures_in_a_table_are_aligned_right_and_words_left():
    table = {"columns": ["Chỉ số", "Số lượng", "Tỷ lệ"], "rows": [["Hồ sơ", "1.234", "97,66%"]]}
    content = {**CONTENT, "appendix": [table]}
    cells = _document(content).tables[-1].rows[1].cells
    alignments = [cell.paragraphs[0].alignment for cell in cells]
    assert alignments == [None, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT]


def test_page_numbers_are_in_the_top_margin_from_page_two():
    section = _document().sections[0]
    assert section.different_first_page_header_footer
    fields = section.header._element.findall(".//" + qn("w:instrText"))
    assert any(f.text.strip() == "PAGE" for f in fields)
    assert not section.first_page_header._element.findall(".//" + qn("w:instrText"))


def test_an_empty_appendix_adds_nothing():
    content = copy.deepcopy(CONTENT)
    content["appendix"] = []
    assert "Phụ lục 1" not in _text(_document(content))
    assert "Phụ lục 1: Số liệu" in _text(_document())


def test_the_date_is_written_as_decree_30_asks():
    assert word.date_text(dt.date(2025, 3, 7)) == "ngày 07 tháng 3 năm 2025"
    assert word.date_text(dt.date(2025, 2, 17)) == "ngày 17 tháng 02 năm 2025"
    assert word.date_text(dt.date(2025, 11, 20)) == "ngày 20 tháng 11 năm 2025"


def test_a_committee_is_headed_with_its_own_unit_and_dated_from_its_place():
    # seed 000: "ỦY BAN NHÂN DÂN" over "XÃ THẠNH TÂN", "Thạnh Tân, ngày …"
    assert word.letterhead("Xã Thạnh Tân") == {
        "issuer_upper": "ỦY BAN NHÂN DÂN",
        "issuer": "XÃ THẠNH TÂN",
        "place": "Thạnh Tân",
    }
    assert word.letterhead("Phường Kiến Tường")["place"] == "Kiến Tường"
    assert word.letterhead("Thị xã Kiến Tường")["issuer"] == "THỊ XÃ KIẾN TƯỜNG"
    # a ward named by its number keeps its kind: "Phường 2, ngày …", never "2, ngày …"
    assert word.letterhead("Phường 2") == {
        "issuer_upper": "ỦY BAN NHÂN DÂN",
        "issuer": "PHƯỜNG 2",
        "place": "Phường 2",
    }
    assert word.letterhead("UBND tỉnh Tây Ninh")["issuer"] == "TỈNH TÂY NINH"


def test_the_shipped_template_passes_its_own_check():
    word.check_template(word.SHIPPED_TEMPLATE.read_bytes())


def _without(placeholder: str) -> bytes:
    """The shipped template with one placeholder's text removed from its XML."""
    source = io.BytesIO(word.SHIPPED_TEMPLATE.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(placeholder.encode(), b"")
            new.writestr(item, data)
    return out.getvalue()


def test_a_template_without_the_body_is_refused_naming_the_placeholder():
    with pytest.raises(ValidationError) as refused:
        word.check_template(_without("{{p body }}"))
    assert "{{ body }}" in refused.value.messages[0]


def test_a_template_without_the_number_is_refused_naming_it():
    with pytest.raises(ValidationError) as refused:
        word.check_template(_without("{{ header.number }}"))
    assert "header.number" in refused.value.messages[0]


def test_a_file_that_is_not_a_template_is_refused_with_the_error():
    with pytest.raises(ValidationError):
        word.check_template(b"not a word file")


def test_libreoffice_opens_the_report_and_its_first_page_is_kept_as_an_image(tmp_path):
    source = tmp_path / "bao-cao.docx"
    # an appendix table of 80 rows, over two pages: its header row is printed on each
    rows = [[f"Số liệu thứ {n}", f"{n * 1000:,}".replace(",", ".")] for n in range(1, 81)]
    appendix = [{"title": "Phụ lục 1: Số liệu", "columns": ["Chỉ số", "Giá trị"], "rows": rows}]
    source.write_bytes(word.render_report({**CONTENT, "appendix": appendix}))
    pdf = pdf_of(source)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert first_page_image(pdf, "bao-cao-trang-1").stat().st_size > 10_000
    # the text LibreOffice laid out: the title and the signature on the pages
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Trần Văn Bình" in text
    last = text.rstrip("\f").split("\f")[-1]  # the last page: the rest of the appendix table
    assert "Số liệu thứ 80" in last and "Số liệu thứ 1\n" not in last
    assert "Chỉ số" in last and "Giá trị" in last  # its header row, repeated


def test_a_template_reaching_for_python_internals_is_refused():
    hostile = word.SHIPPED_TEMPLATE.read_bytes()
    source, out = io.BytesIO(hostile), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(
                    b"{{ subtitle }}",
                    b"{{ subtitle }}{{ header.__class__.__mro__[1].__subclasses__() }}",
                )
            new.writestr(item, data)
    with pytest.raises(ValidationError) as refused:
        word.check_template(out.getvalue())
    assert "Mẫu báo cáo không tạo được báo cáo thử" in refused.value.messages[0]
