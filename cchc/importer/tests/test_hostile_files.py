"""Small Word files built to tie the server up or to crash the parser get a Vietnamese refusal.

The files are made here, by small generators: a part that expands far beyond its zipped size,
entities that would expand to gigabytes ("billion laughs"), a part cut in the middle, and a
document of far more paragraphs than any plan. Each test proves the limit acted before the
expensive work (the Word parser is never called, or reading stopped at the limit) rather than
timing anything.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from cchc.importer import readers
from cchc.importer.errors import PlanImportError
from cchc.importer.models import PlanImport
from cchc.importer.parse import parse_bytes

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx(document_xml: str | bytes, **extra: bytes) -> bytes:
    """A minimal Word package around `document_xml` (plus any extra members)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document_xml)
        for name, data in extra.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


def body(*paragraphs: str) -> str:
    runs = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return f"{head}<w:document {_NS}><w:body>{runs}</w:body></w:document>"


def billion_laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<!DOCTYPE w:document [{''.join(entities)}]>"
        f"<w:document {_NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )


@pytest.fixture
def parser_never_called(monkeypatch):
    """Fails the test if the Word parser is reached: the refusal must come before it."""
    import docx as python_docx

    def refuse(*args, **kwargs):
        raise AssertionError("the Word parser was called")

    monkeypatch.setattr(python_docx, "Document", refuse)


def error_of(data: bytes, name: str = "ke-hoach.docx") -> PlanImportError:
    with pytest.raises(PlanImportError) as caught:
        parse_bytes(data, name)
    return caught.value


def test_a_word_file_that_expands_beyond_the_limit_is_refused_before_parsing(
    settings, parser_never_called
):
    settings.MAX_UNZIPPED_MB = 1
    # 2 MB of spaces zip to a few kilobytes: the archive is tiny, the part is not
    padded = body("Kế hoạch").replace("<w:body>", "<w:body>" + " " * (2 * 1024 * 1024))
    data = docx(padded)
    assert len(data) < 20_000
    error = error_of(data)
    assert error.code == "too_expanded"
    assert "giải nén" in error.message and "1 MB" in error.message


def test_images_that_expand_beyond_the_limit_count_too(settings, parser_never_called):
    settings.MAX_UNZIPPED_MB = 1
    data = docx(body("Kế hoạch"), word__media__image1__png=b"\0" * (2 * 1024 * 1024))
    assert error_of(data).code == "too_expanded"


def test_entities_in_a_word_file_are_refused_before_parsing(parser_never_called):
    error = error_of(docx(billion_laughs()))
    assert error.code == "unsafe_xml"
    assert "khai báo thực thể" in error.message


def test_a_word_file_cut_in_the_middle_of_its_text_is_a_broken_file():
    whole = body("I. MỤC ĐÍCH", "1. Nâng cao chất lượng phục vụ")
    error = error_of(docx(whole[: len(whole) // 2]))
    assert error.code == "bad_docx"
    assert "không phải là tệp Word hợp lệ" in error.message


def test_reading_stops_at_the_paragraph_limit(settings, monkeypatch):
    settings.MAX_DOCUMENT_BLOCKS = 50
    read: list[int] = []
    original = readers._DocxReader.paragraph

    def counting(self, p):
        read.append(1)
        return original(self, p)

    monkeypatch.setattr(readers._DocxReader, "paragraph", counting)
    error = error_of(docx(body(*(f"Dòng {n}" for n in range(5000)))))
    assert error.code == "too_long"
    assert "50" in error.message
    assert len(read) <= 51  # the other 4,949 paragraphs were never read


def test_the_upload_page_shows_the_message_for_a_billion_laughs_file(world, login):
    response = login(world.people.focal).post(
        reverse("importer:upload"),
        {"unit": world.commune.pk, "file": SimpleUploadedFile("kh.docx", docx(billion_laughs()))},
    )
    assert response.status_code == 400  # the page again with its reason (decision 0175)
    assert "khai báo thực thể" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_the_import_command_names_a_truncated_word_file(tmp_path, world):
    whole = body("I. MỤC ĐÍCH", "1. Nâng cao chất lượng phục vụ")
    path = tmp_path / "cut.docx"
    path.write_bytes(docx(whole[: len(whole) // 2]))
    with pytest.raises(CommandError, match="không phải là tệp Word hợp lệ"):
        call_command("import_plan", str(path), "--unit", world.commune.code)


def test_a_word_file_whose_compressed_text_is_damaged_is_a_broken_file():
    whole = docx(body(*(f"Nhiệm vụ {n}" for n in range(200))))
    start = whole.index(b"word/document.xml") + len(b"word/document.xml")
    damaged = whole[:start] + b"\xff" * 40 + whole[start + 40 :]
    assert error_of(damaged).code == "bad_docx"
