"""Every file that cannot be imported gives a clear Vietnamese message."""

import io
import unicodedata
import zipfile

import pytest

from cchc.importer.errors import PlanImportError
from cchc.importer.parse import parse_bytes, parse_file
from cchc.importer.tests.builders import scanned_pdf
from cchc.importer.vietnamese import TONE_MARKS


def error_of(data: bytes, name: str, **kwargs) -> PlanImportError:
    with pytest.raises(PlanImportError) as caught:
        parse_bytes(data, name, **kwargs)
    return caught.value


def test_an_empty_file_is_refused():
    error = error_of(b"", "plan.txt")
    assert error.code == "empty"
    assert error.message.startswith("Tệp rỗng")
    assert error_of(b"  \n\n ", "plan.txt").code == "empty"


def test_binary_garbage_is_an_unknown_format():
    garbage = bytes(range(256)) * 40
    error = error_of(garbage, "plan.txt")
    assert error.code == "unknown_format"
    assert "Không nhận ra định dạng tệp" in error.message


def test_a_docx_that_is_not_a_word_file():
    assert error_of(b"this is not a zip archive", "plan.docx").code == "bad_docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    error = error_of(buffer.getvalue(), "plan.docx")
    assert error.code == "bad_docx"
    assert "không phải là tệp Word hợp lệ" in error.message


def test_an_old_word_file_asks_to_save_as_docx():
    error = error_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "plan.doc")
    assert error.code == "legacy_doc"
    assert ".docx" in error.message


def test_a_libreoffice_file_asks_to_save_as_docx_or_pdf():
    # an .odt as LibreOffice writes it: "mimetype" first, stored, then the document's parts
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    error = error_of(buffer.getvalue(), "ke-hoach.odt")
    assert error.code == "other_document"
    assert error.message.startswith("Tệp OpenDocument (.odt, .ods) của LibreOffice")
    assert "Word (.docx)" in error.message and "PDF" in error.message


def test_a_rich_text_file_asks_to_save_as_docx_or_pdf():
    error = error_of(rb"{\rtf1\ansi\deff0 {\fonttbl{\f0 Times New Roman;}} KE HOACH}", "kh.rtf")
    assert error.code == "other_document"
    assert error.message.startswith("Tệp RTF (.rtf) chưa được hỗ trợ")


def test_a_file_over_the_size_limit():
    error = error_of(b"KE HOACH " * 200, "plan.txt", max_bytes=1000)
    assert error.code == "too_large"
    assert "Tệp quá lớn" in error.message


def test_a_pdf_without_a_text_layer_is_a_scan():
    error = error_of(scanned_pdf(), "scan.pdf")
    assert error.code == "scanned_pdf"
    assert error.message.startswith("Tệp PDF là bản quét, không có lớp chữ")


def test_a_broken_pdf():
    error = error_of(b"%PDF-1.4\n garbage without objects", "plan.pdf")
    assert error.code in ("bad_pdf", "scanned_pdf")


def test_text_with_no_plan_structure_is_refused():
    error = error_of("Danh sách đi chợ: rau, thịt, cá.\nGọi điện cho mẹ.".encode(), "notes.txt")
    assert error.code == "not_a_plan"
    assert "Không tìm thấy nội dung kế hoạch" in error.message


def test_a_plan_without_task_table_is_only_a_warning():
    text = "KẾ HOẠCH\nCải cách hành chính năm 2025\nI. CẢI CÁCH THỂ CHẾ\n- Rà soát văn bản.\n"
    result = parse_bytes(text.encode(), "plan.txt")
    assert result["tasks"] == []
    assert any("Không tìm thấy bảng nhiệm vụ" in w for w in result["warnings"])


def test_a_missing_file(tmp_path):
    with pytest.raises(PlanImportError) as caught:
        parse_file(tmp_path / "khong-co.docx")
    assert caught.value.code == "not_found"


def _cp1258(text: str) -> bytes:
    """Windows-1258 writes a letter with its vowel mark precomposed and the tone combining."""
    out = []
    for ch in text:
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in nfd if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_windows_1258_text_is_decoded():
    text = "KẾ HOẠCH\nCải cách hành chính năm 2025\nI. CẢI CÁCH THỂ CHẾ\n"
    result = parse_bytes(_cp1258(text), "plan.txt")
    assert result["plan"]["title"] == "Kế hoạch cải cách hành chính năm 2025"
