"""Small dossier files built to tie the server up or crash the reader get a Vietnamese refusal.

Generated here: a CSV with 100,000 columns, Excel sheets written as XML by hand (a run of
100,000 empty rows, a cell at a column Excel cannot have, entities), and a workbook whose
shared strings unzip far beyond their zipped size. Each test proves the limit acted early —
rows read are counted, or the workbook loader is never called — instead of timing anything.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cchc.dossiers import reading
from cchc.dossiers.models import DossierUpload
from cchc.dossiers.reading import DossierFileError

HEADER = ["Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả"]
ROW = ["HS-1", "1.001", "xa-a", "04/03/2024 08:00", "08/03/2024 17:00"]
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _cells(number: int, values: list[str], columns: str = "ABCDE") -> str:
    cells = "".join(
        f'<c r="{col}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for col, value in zip(columns, values, strict=False)
    )
    return f'<row r="{number}">{cells}</row>'


def xlsx(sheet_rows: str, *, prolog: str = "", **replace: bytes) -> bytes:
    """A workbook made by openpyxl whose first sheet's XML is replaced by `sheet_rows`."""
    book = Workbook()
    book.active.append(HEADER)
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{_MAIN}">'
        f"<sheetData>{sheet_rows}</sheetData></worksheet>"
    ).encode()
    parts = {
        "xl/worksheets/sheet1.xml": sheet,
        **{k.replace("__", "/"): v for k, v in replace.items()},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            dest.writestr(info.filename, parts.pop(info.filename, None) or source.read(info))
        for name, data in parts.items():
            dest.writestr(name, data)
    return out.getvalue()


def error_of(data: bytes, name: str) -> str:
    with pytest.raises(DossierFileError) as caught:
        reading.preview(io.BytesIO(data), filename=name)
    return caught.value.message


def test_a_csv_with_100000_columns_is_refused_at_its_header():
    header = ",".join([*HEADER, *(f"Cột {n}" for n in range(100_000))])
    data = (header + "\n" + ",".join(ROW) + "\n").encode()
    assert len(data) < 1_500_000
    message = error_of(data, "hoso.csv")
    assert "100.005 cột" in message and "200" in message


def test_wide_data_rows_are_cut_to_the_limit(settings):
    settings.MAX_COLUMNS = 20
    wide = ",".join([*ROW, *(["x"] * 5000)])
    result = reading.preview(io.BytesIO(f"{','.join(HEADER)}\n{wide}\n".encode()), filename="a.csv")
    assert result.sample[0][1][:5] == ROW
    assert len(result.sample[0][1]) == 20  # the preview never renders the other 4,985 cells


def test_a_run_of_empty_excel_rows_ends_the_table_without_reading_the_rest(settings):
    settings.MAX_EMPTY_ROWS = 1000
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(3, 100_003))
    data = xlsx(_cells(1, HEADER) + _cells(2, ROW) + empty + _cells(100_003, ROW))
    table = reading.open_table(io.BytesIO(data), filename="hoso.xlsx")
    rows = list(table.rows)
    table.close()
    assert table.rows_read <= 2 + 1000 + 1  # header, one row, the empty run: then it stopped
    assert [row[0] for _n, row in rows if row] == ["HS-1"]


def test_opening_a_sheet_without_dimensions_does_not_parse_it_to_its_end():
    # openpyxl looks for <dimension> and, when a sheet has none, parsed all of it to find
    # nothing: 3 million empty rows cost a minute before the first row. The sheet below ends in
    # broken XML after the empty run: reaching its end at all would be an error.
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(3, 20_003))
    data = xlsx(_cells(1, HEADER) + _cells(2, ROW) + empty + "<row r=")
    table = reading.open_table(io.BytesIO(data), filename="hoso.xlsx")
    rows = [row for _n, row in table.rows if row]
    table.close()
    assert rows == [ROW]


def test_a_preview_of_a_sheet_with_only_empty_rows_stops_at_the_run():
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(2, 50_002))
    table = reading.open_table(io.BytesIO(xlsx(_cells(1, HEADER) + empty)), filename="a.xlsx")
    rows = list(table.rows)
    table.close()
    assert all(not any(row) for _n, row in rows)
    assert table.rows_read <= 1 + 1000  # the other 49,000 empty rows were never read


def test_an_excel_cell_at_an_impossible_column_is_a_named_error():
    data = xlsx(_cells(1, HEADER) + '<row r="2"><c r="XFZZ2"><v>1</v></c></row>')
    message = error_of(data, "hoso.xlsx")
    assert "Tệp Excel" in message and "không đọc được" in message


def test_entities_in_an_excel_sheet_are_refused():
    entities = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    data = xlsx(_cells(1, HEADER) + _cells(2, ["&b;", *ROW[1:]]), prolog=entities)
    assert "thực thể" in error_of(data, "hoso.xlsx")


def test_entities_hidden_after_a_long_prolog_are_refused_by_the_parser():
    # past the 64 KB of each sheet the reader looks at itself: defusedxml, which openpyxl uses
    # when it is installed (a dependency for this reason, decision 0034), refuses them
    import openpyxl

    assert openpyxl.DEFUSEDXML is True
    entities = " " * 70_000 + '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    data = xlsx(_cells(1, HEADER) + _cells(2, ["&a;", *ROW[1:]]), prolog=entities)
    assert "thực thể" in error_of(data, "hoso.xlsx")


def test_shared_strings_that_unzip_beyond_the_limit_are_refused_before_loading(
    settings, monkeypatch
):
    settings.MAX_UNZIPPED_MB = 1
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was loaded")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    padding = (
        b'<?xml version="1.0"?><sst xmlns="'
        + _MAIN.encode()
        + b'">'
        + b" " * (2 * 1024 * 1024)
        + b"</sst>"
    )
    data = xlsx(_cells(1, HEADER), xl__sharedStrings__xml=padding)
    assert len(data) < 100_000
    message = error_of(data, "hoso.xlsx")
    assert "giải nén" in message and "1 MB" in message


def test_a_part_named_like_a_sheet_but_declared_otherwise_counts_too(settings, monkeypatch):
    # openpyxl finds the shared strings by content type, whatever the part is called
    settings.MAX_UNZIPPED_MB = 1
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("loaded"))
    book = io.BytesIO(xlsx(_cells(1, HEADER)))
    with zipfile.ZipFile(book) as archive:
        types = archive.read("[Content_Types].xml").decode()
    strings = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    types = types.replace(
        "</Types>",
        f'<Override PartName="/xl/worksheets/sheet9.xml" ContentType="{strings}"/></Types>',
    )
    padding = b"<sst>" + b" " * (2 * 1024 * 1024) + b"</sst>"
    data = xlsx(
        _cells(1, HEADER),
        xl__worksheets__sheet9__xml=padding,
        **{"[Content_Types].xml": types.encode()},
    )
    assert "giải nén" in error_of(data, "hoso.xlsx")


def upload_and_preview(client, name: str, data: bytes):
    client.post(
        reverse("dossiers:import", args=["xa-a"]),
        {"kind": "dossiers", "file": SimpleUploadedFile(name, data), "sheet": ""},
    )
    item = DossierUpload.objects.get()
    return client.get(reverse("dossiers:upload", args=[item.pk]), follow=True)


def test_the_import_page_refuses_a_too_wide_file_with_a_short_page(login, world, settings):
    settings.MAX_COLUMNS = 50
    header = ",".join([*HEADER, *(f"Cột {n}" for n in range(500))])
    response = upload_and_preview(
        login(world.people.focal), "rong.csv", f"{header}\n{','.join(ROW)}\n".encode()
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "505 cột" in text and "Cột 499" not in text


def test_the_import_page_names_an_excel_file_with_an_impossible_column(login, world):
    data = xlsx(_cells(1, HEADER) + '<row r="2"><c r="XFZZ2"><v>1</v></c></row>')
    response = upload_and_preview(login(world.people.focal), "hoso.xlsx", data)
    assert response.status_code == 200
    assert "không đọc được" in response.content.decode()


def test_an_excel_file_whose_compressed_sheet_is_damaged_is_a_named_error():
    rows = "".join(_cells(n, ROW) for n in range(2, 300))
    whole = xlsx(_cells(1, HEADER) + rows)
    name = b"xl/worksheets/sheet1.xml"
    start = whole.index(name) + len(name)
    damaged = whole[:start] + b"\xff" * 40 + whole[start + 40 :]
    assert "tệp excel" in error_of(damaged, "hoso.xlsx").lower()
