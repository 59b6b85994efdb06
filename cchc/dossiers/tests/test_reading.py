"""Reading dossier files as one-stop systems and people export them, and refusing bad ones."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from cchc.dossiers.reading import (
    DossierFileError,
    iter_dossiers,
    parse_dossier_dicts,
    preview,
    read_procedures,
)
from cchc.dossiers.records import DossierRecord, RowError

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def csv_file(text: str, *, bom: bool = False) -> io.BytesIO:
    data = text.encode("utf-8")
    return io.BytesIO((b"\xef\xbb\xbf" if bom else b"") + data)


def read(source, **options) -> list[DossierRecord | RowError]:
    return list(iter_dossiers(source, filename=options.pop("filename", "hoso.csv"), **options))


def test_vietnamese_headers_with_a_bom_and_semicolons_are_the_canonical_columns():
    items = read(
        csv_file(
            "Mã hồ sơ;MÃ TTHC;Mã  đơn vị;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả;Kênh;"
            "Có phí, lệ phí;Phiếu xin lỗi\n"
            "000.00.01.H53-240304-0001;1.001193;xa-a;04/03/2024 08:30;08/03/2024 17:00;"
            "07/03/2024 10:15:30;2;có;x\n",
            bom=True,
        )
    )
    [record] = items
    assert isinstance(record, DossierRecord)
    assert record.code == "000.00.01.H53-240304-0001"
    assert (record.procedure_code, record.unit_code) == ("1.001193", "xa-a")
    assert record.received == dt.datetime(2024, 3, 4, 8, 30, tzinfo=VN)
    assert record.due == dt.datetime(2024, 3, 8, 17, 0, tzinfo=VN)
    assert record.returned == dt.datetime(2024, 3, 7, 10, 15, 30, tzinfo=VN)
    assert (record.channel, record.has_fee, record.apology) == (2, True, True)
    assert record.row == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-04", dt.datetime(2024, 3, 4, tzinfo=VN)),
        ("2024-03-04 08:30", dt.datetime(2024, 3, 4, 8, 30, tzinfo=VN)),
        ("2024-03-04 08:30:15", dt.datetime(2024, 3, 4, 8, 30, 15, tzinfo=VN)),
        ("2024-03-04T08:30:15", dt.datetime(2024, 3, 4, 8, 30, 15, tzinfo=VN)),
        ("04/03/2024", dt.datetime(2024, 3, 4, tzinfo=VN)),
        ("04/03/2024 08:30", dt.datetime(2024, 3, 4, 8, 30, tzinfo=VN)),
        ("4/3/2024 8:05:09", dt.datetime(2024, 3, 4, 8, 5, 9, tzinfo=VN)),
    ],
)
def test_every_date_form_of_the_contract_is_local_time(text, expected):
    [record] = parse_dossier_dicts([_row(NgayTiepNhan=text)])[0]
    assert record.received == expected


@pytest.mark.parametrize("text", ["31/02/2024", "2024-13-01", "04-03-2024", "hôm qua", "04/03/24"])
def test_a_wrong_date_is_reported_by_row_and_column(text):
    records, errors = parse_dossier_dicts([_row(), _row("HS-2", NgayTiepNhan=text)])
    assert [r.code for r in records] == ["HS-1"]
    [error] = errors
    assert (error.row, error.column, error.value) == (2, "NgayTiepNhan", text)
    assert "ngày" in error.message.lower()


def test_an_appointment_before_the_reception_is_refused():
    _records, errors = parse_dossier_dicts(
        [_row(NgayTiepNhan="2024-03-05 08:00", NgayHenTra="2024-03-04 17:00")]
    )
    assert [(e.column, e.message) for e in errors] == [
        ("NgayHenTra", "Ngày hẹn trả trước ngày tiếp nhận.")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", True),
        ("0", False),
        ("true", True),
        ("FALSE", False),
        ("Có", True),
        ("không", False),
        ("x", True),
        ("X", True),
        ("", False),
    ],
)
def test_booleans_in_every_accepted_spelling(text, expected):
    [record] = parse_dossier_dicts([_row(CoPhieuXinLoi=text)])[0]
    assert record.apology is expected


def test_bad_cells_name_their_column_and_keep_the_row_out():
    _records, errors = parse_dossier_dicts(
        [_row(CoPhiLePhi="maybe", KenhThucHien="5", TrangThaiHoSo="11", SoLanBoSung="-1")]
    )
    assert sorted(e.column for e in errors) == [
        "CoPhiLePhi",
        "KenhThucHien",
        "SoLanBoSung",
        "TrangThaiHoSo",
    ]


def test_an_electronic_result_link_counts_as_an_electronic_result():
    [record] = parse_dossier_dicts([_row(DuongDanTepTinKetQua="https://ketqua/1.pdf")])[0]
    assert record.e_result is True


def test_a_code_twice_in_one_file_is_an_error_on_its_second_row():
    items = read(
        csv_file(
            "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra\n"
            "HS-1,1.001,xa-a,2024-03-04,2024-03-08\n"
            "HS-2,1.001,xa-a,2024-03-04,2024-03-08\n"
            "HS-1,1.001,xa-a,2024-03-05,2024-03-09\n"
        )
    )
    errors = [i for i in items if isinstance(i, RowError)]
    assert [(e.row, e.column, e.value) for e in errors] == [(4, "MaHoSo", "HS-1")]
    assert "dòng 2" in errors[0].message


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_file():
    items = read(
        csv_file(
            "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra\n"
            "HS-1,1.001,xa-a,2024-03-04,2024-03-08\n"
            ",,,,\n"
            "HS-2,1.001,xa-a,31/02/2024,2024-03-08\n"
        )
    )
    assert [(type(i).__name__, i.row) for i in items] == [("DossierRecord", 2), ("RowError", 4)]


def _workbook(rows: list[list[object]], merges: list[str] = ()) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_an_excel_export_with_a_title_and_a_merged_two_level_header_is_read():
    received = dt.datetime(2024, 3, 4, 8, 30)
    buffer = _workbook(
        [
            ["DANH SÁCH HỒ SƠ TIẾP NHẬN THÁNG 3/2024", None, None, None, None, None],
            ["Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày", None, None],
            [None, None, None, "Tiếp nhận", "Hẹn trả", "Trả kết quả"],
            ["HS-1", "1.001193", "xa-a", received, "08/03/2024 17:00", None],
            ["HS-2", 1.001, "xa-a", received, dt.datetime(2024, 3, 5, 17), received],
        ],
        merges=["A1:F1", "D2:F2", "A2:A3", "B2:B3", "C2:C3"],
    )
    items = read(buffer, filename="hoso.xlsx")
    assert all(isinstance(i, DossierRecord) for i in items), items
    first, second = items
    assert first.row == 4 and first.received == received.replace(tzinfo=VN)
    assert first.due == dt.datetime(2024, 3, 8, 17, tzinfo=VN)
    assert second.procedure_code == "1.001"
    assert second.returned == received.replace(tzinfo=VN)


def test_a_missing_required_column_names_it():
    with pytest.raises(DossierFileError) as caught:
        read(csv_file("MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra\nHS-1,1.001,2024-03-04,2024-03-08\n"))
    assert "MaDonVi" in caught.value.message


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"", "hoso.csv", "rỗng"),
        (b"\x00\x01\x02\xff\xfe" * 200, "hoso.csv", "nhị phân"),
        (b"MaHoSo,MaTTHC\n", "hoso.xlsx", "không phải tệp Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "hoso.xls", ".xls"),
        (b"PK\x03\x04garbage" * 10, "hoso.xlsx", "Không đọc được tệp Excel"),
        ("Mã TTHC,Ngày\n".encode("cp1252"), "hoso.csv", "UTF-8"),
        (b"ten,tuoi\nAn,30\n", "hoso.csv", "tiêu đề"),
    ],
)
def test_unreadable_files_get_a_vietnamese_message(content, name, words):
    with pytest.raises(DossierFileError) as caught:
        read(io.BytesIO(content), filename=name)
    assert words in caught.value.message


def test_the_preview_shows_the_detected_columns_and_lets_a_wrong_guess_be_corrected():
    text = "Số HS,Thủ tục,Đơn vị,Ngày tiếp nhận,Hạn\nHS-1,1.001,xa-a,2024-03-04,2024-03-08\n"
    seen = preview(csv_file(text), filename="a.csv")
    assert seen.header.mapping == {"MaDonVi": 2, "NgayTiepNhan": 3}
    assert seen.header.missing(["MaHoSo", "MaTTHC", "NgayHenTra"]) == [
        "MaHoSo",
        "MaTTHC",
        "NgayHenTra",
    ]
    assert seen.sample == [(2, ["HS-1", "1.001", "xa-a", "2024-03-04", "2024-03-08"])]

    mapping = {"MaHoSo": 0, "MaTTHC": 1, "NgayHenTra": 4}
    [record] = read(csv_file(text), mapping=mapping)
    assert (record.code, record.procedure_code, record.due.day) == ("HS-1", "1.001", 8)


def test_the_procedure_catalogue_reads_its_flags():
    records, errors, _header = read_procedures(
        csv_file(
            "Mã TTHC,Tên thủ tục,Lĩnh vực,Đủ điều kiện toàn trình,Có phí lệ phí,"
            "Tích hợp thanh toán,Kết quả là giấy tờ,Thời gian giải quyết,Đơn vị tính\n"
            "1.001193,Đăng ký khai sinh,Hộ tịch,1,0,0,1,1,Ngày làm việc\n"
            "2.000815,Chứng thực bản sao,Chứng thực,0,1,1,1,1,Ngày làm việc\n"
            ",Không có mã,,,,,,,\n"
        ),
        filename="tthc.csv",
    )
    assert [(r.code, r.full_online_eligible, r.has_fee, r.payment_integrated) for r in records] == [
        ("1.001193", True, False, False),
        ("2.000815", False, True, True),
    ]
    assert records[0].field == "Hộ tịch" and records[0].returns_document
    assert [(e.row, e.column) for e in errors] == [(4, "MaTTHC")]


def _row(code: str = "HS-1", **fields) -> dict[str, object]:
    data: dict[str, object] = {
        "MaHoSo": code,
        "MaTTHC": "1.001",
        "MaDonVi": "xa-a",
        "NgayTiepNhan": "2024-03-04 08:00",
        "NgayHenTra": "2024-03-08 17:00",
    }
    data.update(fields)
    return data
