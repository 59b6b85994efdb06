"""An Excel sheet read by calamine a slice of rows at a time (`slices.py`) gives what the
row-by-row reference gives: the same errors on the same rows, the same dossiers and facts —
with rows, gaps and the end of the table falling across slices, and where the sheet cannot be
cut for sure, the rest read by the reference."""

from __future__ import annotations

import io
import random
import re
import zipfile

import pytest
from openpyxl import Workbook

from cchc.dossiers import sheets, slices
from cchc.dossiers.columnar import RecordBlock, read_dossiers
from cchc.dossiers.reading import iter_dossiers
from cchc.dossiers.records import DossierFileError
from cchc.dossiers.saving import import_dossiers
from cchc.dossiers.tests.test_fast_path import (  # noqa: F401 - `setting`: the fixture
    generated_file,
    setting,
    state,
    typed,
    wipe,
    write_sheet,
)

SLICE = 4096
pytestmark = pytest.mark.usefixtures("setting")


@pytest.fixture
def thin_slices(monkeypatch) -> list[int]:
    """Slices of a few rows, read in small pieces; the sizes of the sheets given to calamine."""
    monkeypatch.setattr(slices, "SLICE_BYTES", SLICE)
    monkeypatch.setattr(slices, "_READ", 1000)
    monkeypatch.setattr(sheets, "BLOCK_ROWS", 64)
    sizes: list[int] = []
    real = slices._workbook

    def counted(others, part, xml):
        sizes.append(len(xml))
        return real(others, part, xml)

    monkeypatch.setattr(slices, "_workbook", counted)
    return sizes


def compare(path, *, sheet: str | None = None, **options) -> tuple[dict, dict]:
    """The file imported by the reference, then by the block reader: (reference, fast), each
    the import's outcome and the stored dossiers and facts."""
    runs = []
    for read in (iter_dossiers, read_dossiers):
        wipe()
        outcome = import_dossiers(read(str(path), filename=str(path), sheet=sheet), **options)
        runs.append({"outcome": outcome.as_dict(), "skipped": outcome.skipped, "state": state()})
    return runs[0], runs[1]


def test_a_sheet_of_many_slices_gives_the_reference_dossiers_and_errors(tmp_path, thin_slices):
    path = tmp_path / "hoso.xlsx"
    write_sheet(path, generated_file(random.Random(11), 1500), random.Random(11))
    reference, fast = compare(path, skip_invalid=True)
    assert reference["outcome"]["errors"] and reference["outcome"]["created"] > 700
    assert fast == reference
    assert len(thin_slices) > 50  # calamine never held more than a slice of the sheet
    assert max(thin_slices) < SLICE + 2000


def test_most_rows_of_a_sliced_sheet_are_read_in_blocks(tmp_path, thin_slices):
    path = tmp_path / "hoso.xlsx"
    write_sheet(path, generated_file(random.Random(12), 600), random.Random(12))
    items = list(read_dossiers(str(path), filename=str(path)))
    assert sum(len(item) for item in items if isinstance(item, RecordBlock)) > 300


def _sheet_with_gaps(path, rng: random.Random) -> None:
    """A title, the header on row 3 from column C, rows with one or two empty rows between
    them, then three empty rows (MAX_EMPTY_ROWS: the end of the table) and rows after it."""
    lines = generated_file(rng, 400).splitlines()
    book = Workbook()
    sheet = book.active
    sheet.cell(row=1, column=1, value="DANH SÁCH HỒ SƠ")
    row = 3
    for number, line in enumerate(lines):
        cells = line.split(",")
        for column, cell in enumerate(cells, start=3):
            sheet.cell(row=row, column=column, value=cell if number == 0 else typed(cell, rng))
        row += 1 + (rng.random() < 0.2) + (rng.random() < 0.1)
        if number == 350:
            row += 3
    book.save(path)


def test_empty_rows_between_slices_and_the_end_of_the_table_as_the_reference(tmp_path, thin_slices):
    path = tmp_path / "hoso.xlsx"
    _sheet_with_gaps(path, random.Random(13))
    reference, fast = compare(path, skip_invalid=True)
    assert 200 < reference["outcome"]["created"] < 350  # the rows after the end are not read
    assert fast == reference


def _rewritten(path, change) -> None:
    """The workbook at `path` with its first sheet's XML changed by `change`."""
    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    name = "xl/worksheets/sheet1.xml"
    parts[name] = change(parts[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    path.write_bytes(out.getvalue())


def _after_row(xml: bytes, number: int, change) -> bytes:
    at = xml.index(b'<row r="%d"' % number)
    return xml[:at] + change(xml[at:])


@pytest.mark.parametrize(
    "change",
    [
        # rows without their number: calamine would place them from the slice's top
        lambda xml: _after_row(xml, 300, lambda rest: re.sub(rb'<row r="\d+"', b"<row", rest)),
        # a comment where a "</row>" stands that ends no row
        lambda xml: _after_row(xml, 300, lambda rest: b"<!-- </row> -->" + rest),
    ],
    ids=["rows-without-numbers", "a-comment"],
)
def test_where_a_sheet_cannot_be_cut_the_reference_reads_the_rest(tmp_path, thin_slices, change):
    path = tmp_path / "hoso.xlsx"
    write_sheet(path, generated_file(random.Random(14), 500), random.Random(14))
    _rewritten(path, change)
    reference, fast = compare(path, skip_invalid=True)
    assert reference["outcome"]["created"] > 300
    assert fast == reference
    assert len(thin_slices) > 10  # the first rows were read in slices


def test_a_named_sheet_among_several_is_the_one_read(tmp_path, thin_slices):
    rng = random.Random(15)
    book = Workbook()
    first = book.active
    first.title = "Ghi chú"
    first.append(["MaHoSo", "MaTTHC", "MaDonVi", "NgayTiepNhan"])
    first.append(["KHAC-1", "1.001", "xa-a", "2024-01-02"])
    second = book.create_sheet("Hồ sơ")
    for number, line in enumerate(generated_file(rng, 300).splitlines()):
        cells = line.split(",")
        second.append(cells if number == 0 else [typed(cell, rng) for cell in cells])
    path = tmp_path / "hoso.xlsx"
    book.save(path)
    reference, fast = compare(path, sheet="Hồ sơ", skip_invalid=True)
    assert reference["outcome"]["created"] > 200
    codes = [dossier[1] for dossier in reference["state"][0]]
    assert "KHAC-1" not in codes
    assert fast == reference


def _outcome_or_error(read, path) -> tuple:
    wipe()
    try:
        outcome = import_dossiers(read(str(path), filename=str(path)), skip_invalid=True)
    except DossierFileError as exc:
        return ("refused", str(exc), state())
    return ("read", outcome.as_dict(), state())


def test_a_sheet_damaged_past_its_first_slices_is_refused_as_the_reference_refuses_it(
    tmp_path, thin_slices
):
    path = tmp_path / "hoso.xlsx"
    write_sheet(path, generated_file(random.Random(16), 600), random.Random(16))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("xl/worksheets/sheet1.xml")
    start = member.header_offset + 30 + len(member.filename.encode()) + len(member.extra)
    third = start + member.compress_size // 3
    data[third : third + 64] = b"\xff" * 64  # the deflate stream broken a third in
    path.write_bytes(bytes(data))
    reference = _outcome_or_error(iter_dossiers, path)
    fast = _outcome_or_error(read_dossiers, path)
    assert reference[0] == "refused" and "không đọc được" in reference[1].lower()
    assert fast == reference
    assert len(thin_slices) > 10  # the first rows were read in slices


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t[^>]*>(.*?)</t></is></c>', re.S)
_SST_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(path) -> int:
    """openpyxl's workbook rewritten as Excel and LibreOffice write one: every text cell an
    index into the shared strings table. Returns the number of items."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    items: list[bytes] = []
    found: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = found.setdefault(match.group(3), len(items))
        if index == len(items):
            items.append(match.group(3))
        return b"<c " + match.group(1) + b't="s"' + match.group(2) + b"><v>%d</v></c>" % index

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = _INLINE.sub(shared, parts[sheet])
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
        b'uniqueCount="%d">'
        % (len(items), len(items))
        + b"".join(b'<si><t xml:space="preserve">' + item + b"</t></si>" for item in items)
        + b"</sst>"
    )
    types = b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + _SST_TYPE + b'"/>'
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", types + b"</Types>"
    )
    relation = b'<Relationship Id="rIdSST" Type="' + _SST_REL + b'" Target="sharedStrings.xml"/>'
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", relation + b"</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return len(items)


def test_the_header_of_a_sheet_is_found_without_reading_every_shared_string(tmp_path, monkeypatch):
    """Excel and LibreOffice keep every text in the shared strings table, each dossier's code
    too: openpyxl read the whole table to find the header (decision 0145). The rows the block
    reader gives are the reference's, which reads the table as far as its rows need."""
    from openpyxl.cell.text import Text

    rng = random.Random(21)
    path = tmp_path / "hoso.xlsx"
    write_sheet(path, generated_file(rng, 600), rng)
    assert with_shared_strings(path) > 600
    read: list[int] = []
    original = Text.from_tree
    monkeypatch.setattr(
        Text, "from_tree", classmethod(lambda cls, node: read.append(1) or original(node))
    )
    items = list(read_dossiers(str(path), filename=str(path)))
    assert 0 < len(read) < 100  # the title's and the header's texts, and a few more
    fast = [
        record
        for item in items
        for record in (item.records() if isinstance(item, RecordBlock) else [item])
    ]
    reference = list(iter_dossiers(str(path), filename=str(path)))

    def in_order(found: list) -> list:  # a block's slow rows come before its fast ones
        return sorted(found, key=lambda item: (item.row, repr(item)))

    assert in_order(fast) == in_order(reference)
    assert len(read) > 600  # the reference read the table as far as its rows needed
