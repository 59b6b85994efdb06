"""The block reader (`columnar.read_dossiers`) gives what the row-by-row reference
(`reading.iter_dossiers`) gives: the same errors, the same stored dossiers, the same facts, on
generated files mixing valid rows, invalid ones and unusual spellings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import random

import polars as pl
import pytest

from cchc.dossiers import columnar, sheets
from cchc.dossiers.columnar import RecordBlock, SeenCodes, read_dossiers
from cchc.dossiers.models import Dossier, DossierFact, ImportBatch, Procedure
from cchc.dossiers.reading import iter_dossiers
from cchc.dossiers.saving import import_dossiers
from cchc.org.models import Unit

HEADER = (
    "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTraKetQua,"
    "TrangThaiHoSo,KenhThucHien,ToanTrinh,DuocThanhToanTrucTuyen,CoPhiLePhi,"
    "HoSoCoThanhPhanSoHoa,DuocSoHoa,CoKetQuaDienTu,SoLanBoSung,NgayYeuCauBoSung,NgayBoSung,"
    "CoPhieuXinLoi"
)
START = dt.datetime(2024, 1, 1, 7, 0)


def _moment(rng: random.Random, moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return rng.choice(
        [
            moment.strftime("%Y-%m-%d %H:%M:%S"),
            moment.strftime("%d/%m/%Y %H:%M"),
            moment.strftime("%Y-%m-%dT%H:%M"),
            moment.strftime("%Y-%m-%d"),
            moment.strftime("%d/%m/%Y"),
        ]
    )


# Cells that break a row, or that the reference reads although the block reader does not
# vouch for them; (column index, value).
ODD_CELLS = [
    (3, "31/02/2024"),
    (3, ""),
    (4, "2023-01-01 08:00"),  # before the reception
    (4, "2024-3-4"),
    (5, " 2024-06-01 08:00 "),
    (5, "2024-06-01  08:00"),
    (5, "2024-06-01 8:00"),
    (5, "2024-06-01 08:00:00.250"),
    (6, "1970-01-01"),
    (7, "11"),
    (7, "01"),
    (7, "0"),
    (7, "٣"),
    (8, "4"),
    (8, " 2 "),
    (9, "CÓ"),
    (9, "maybe"),
    (9, "\u00a0x"),
    (10, "x"),
    (10, "3"),
    (11, "Không"),
    (15, "2"),
    (15, "0001"),
    (15, "-1"),
    (16, "2024-12-31"),
    (17, "2020-01-01"),
    (0, ""),
    (0, "HS\x01BAD"),
    (0, "X" * 81),
    (1, "9.999"),
    (1, ""),
    (2, "khong-co"),
    (2, "000.31.35.H55"),
    (2, "xa-b"),
    (4, ""),
]


# The edges of the on-time rule: finished exactly at the appointment, with supplement time
# making it exact, unfinished with an appointment at the end of a day or a second before it,
# waiting for a supplement requested at the appointment.
EDGES = [
    "E-1,1.002,xa-a,2024-03-04 08:00,2024-03-08 17:00,2024-03-08 17:00,,10,2,,,,,,,0,,,",
    "E-2,1.002,xa-a,2024-03-04 08:00,2024-03-08 17:00,2024-03-09 17:00,,10,,,,,,,,1,"
    "2024-03-05 08:00,2024-03-06 08:00,",
    "E-3,1.002,xa-a,2024-03-04 08:00,2024-03-09 17:00:01,2024-03-10 17:00,,10,,,,,,,,1,"
    "2024-03-05 08:00,2024-03-06 08:00,",
    "E-4,1.002,xa-a,2024-03-04 08:00,08/03/2024,,,4,,,,,,,,,,,",
    "E-5,1.002,xa-a,2024-03-04 08:00,2024-03-08 23:59:58,,,4,,,,,,,,,,,",
    "E-6,1.002,xa-a,2024-03-04 08:00,2024-03-08 17:00,,,5,,,,,,,,1,2024-03-08 17:00,,",
    "E-7,1.002,xa-a,2024-03-04 08:00,2024-03-08 17:00,,,5,,,,,,,,1,2024-03-08 17:00:01,,",
    "E-8,1.001,xa-a,2024-03-29 16:00,,,,4,,,,,,,,,,,",
]


def generated_file(rng: random.Random, rows: int, *, prefix: str = "HS") -> str:
    lines = [HEADER, *EDGES]
    for i in range(rows):
        received = START + dt.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        due = received + dt.timedelta(days=rng.choice([0, 1, 3, 7]), hours=rng.randrange(0, 9))
        status = rng.choice(["", "2", "3", "4", "5", "9", "10"])
        ended = received + dt.timedelta(hours=rng.randrange(1, 300)) if rng.random() < 0.6 else None
        requested = supplied = None
        supplements = rng.choice(["", "0", "1", "2"])
        if supplements in ("1", "2") or rng.random() < 0.05:
            requested = received + dt.timedelta(hours=rng.randrange(1, 48))
            if rng.random() < 0.7:
                supplied = requested + dt.timedelta(hours=rng.randrange(0, 100))
        cells = [
            f"{prefix}-{rng.randrange(rows * 3) if rng.random() < 0.05 else i:06d}",
            rng.choice(["1.001", "1.002", "1.003", "9.998"]),
            rng.choice(["xa-a", "xa-a", "thanh-pho", "000.31.35.H55"]),
            _moment(rng, received),
            _moment(rng, due) if rng.random() < 0.9 else "",
            _moment(rng, ended),
            _moment(rng, ended + dt.timedelta(hours=2)) if ended and rng.random() < 0.5 else "",
            status,
            rng.choice(["", "1", "2", "3"]),
            rng.choice(["1", "0", "", "x", "có", "không", "true"]),
            rng.choice(["", "0", "1", "2"]),
            rng.choice(["1", "0", ""]),
            rng.choice(["1", "0"]),
            rng.choice(["1", "0"]),
            rng.choice(["1", "0", ""]),
            supplements,
            _moment(rng, requested),
            _moment(rng, supplied),
            rng.choice(["1", "0", ""]),
        ]
        if rng.random() < 0.12:
            column, value = rng.choice(ODD_CELLS)
            cells[column] = value
        line = ",".join(f'"{c}"' if rng.random() < 0.02 else c for c in cells)
        if rng.random() < 0.01:
            line = ",,,,"  # a blank row
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture
def setting(world, settings):
    settings.MAX_EMPTY_ROWS = 3
    Unit.objects.filter(code="xa-a").update(eid_code="000.31.35.H55")
    Procedure.objects.create(code="1.001", name="A", legal_time="3", time_unit="Ngày làm việc")
    Procedure.objects.create(code="1.002", name="B", has_fee=True, returns_document=True)
    Procedure.objects.create(code="1.003", name="C", legal_time="2", time_unit="Ngày")


def state() -> tuple[list, list]:
    skip = {"id", "batch", "procedure"}
    names = [f.attname for f in Dossier._meta.concrete_fields if f.name not in skip]
    dossiers = sorted(Dossier.objects.values_list("procedure__code", *names))
    facts = sorted(
        DossierFact.objects.values_list(
            "unit__code",
            "month",
            "procedure__code",
            "on_time_until",
            *(f.attname for f in DossierFact._meta.concrete_fields[5:]),
        )
    )
    return dossiers, facts


def run_import(read, path, **options):
    outcome = import_dossiers(read(str(path), filename=str(path)), **options)
    result = outcome.as_dict()
    result.update(skipped=outcome.skipped, count=outcome.error_count, saved=outcome.saved)
    return result


def wipe() -> None:
    Dossier.objects.all().delete()
    DossierFact.objects.all().delete()
    ImportBatch.objects.all().delete()
    Procedure.objects.filter(unclassified=True).delete()


def typed(value: str, rng: random.Random) -> object:
    """A CSV cell as an Excel export may hold it: a date cell, a number, or text."""
    if len(value) == 19 and value[4:5] == "-" and value[10] == " ":
        moment = dt.datetime.fromisoformat(value)
        return rng.choice([moment, moment.replace(hour=0, minute=0, second=0), moment.date()])
    if len(value) == 10 and value[4:5] == "-" and rng.random() < 0.5:
        return dt.date.fromisoformat(value)
    if value.isdigit() and len(value) < 4 and rng.random() < 0.5:
        return rng.choice([int(value), float(value)])
    if "\x01" in value:
        return value.replace("\x01", "")  # a sheet cannot hold it
    if value == "2" and rng.random() < 0.05:
        return rng.choice([dt.time(8, 30), dt.datetime(2024, 3, 4, 8, 30, 0, 250000), "2"])
    return value


def write_sheet(path, text: str, rng: random.Random) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH HỒ SƠ"])  # a title above the header
    for number, line in enumerate(text.splitlines()):
        cells = line.split(",")
        sheet.append(cells if number == 0 else [typed(cell, rng) for cell in cells])
    book.save(path)


def both(tmp_path, texts: list[str], *, suffix=".csv", **options) -> tuple[list, list]:
    """Import the files one after the other by each path; (results, states) per path."""
    results, states = [], []
    for read in (iter_dossiers, read_dossiers):
        wipe()
        outcomes = []
        for number, text in enumerate(texts):
            path = tmp_path / f"hoso-{number}{suffix}"
            if suffix == ".xlsx":
                write_sheet(path, text, random.Random(number))
            else:
                path.write_text(text, encoding="utf-8")
            outcomes.append(run_import(read, path, **options))
        results.append(outcomes)
        states.append(state())
    return results, states


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(columnar, "CHUNK_BYTES", 2048)  # many blocks, rows cut across them
    monkeypatch.setattr(sheets, "BLOCK_ROWS", 40)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_block_reader_keeps_the_valid_rows_as_the_reference_does(
    tmp_path, setting, small_blocks, seed
):
    rng = random.Random(seed)
    (reference, fast), (expected, got) = both(
        tmp_path, [generated_file(rng, 400)], skip_invalid=True
    )
    assert reference[0]["errors"]  # the file has invalid rows …
    assert reference[0]["created"] > 200  # … and many valid ones
    assert fast == reference
    assert got == expected


def test_the_block_reader_refuses_a_file_with_the_same_errors(tmp_path, setting, small_blocks):
    rng = random.Random(4)
    (reference, fast), (expected, got) = both(tmp_path, [generated_file(rng, 300)], max_errors=7)
    assert reference[0]["saved"] is False and len(reference[0]["errors"]) == 7
    assert fast == reference
    assert got == expected == ([], [])


def test_a_second_file_updates_the_same_dossiers_by_both_paths(tmp_path, setting, small_blocks):
    rng = random.Random(5)
    first, second = generated_file(rng, 300), generated_file(rng, 300)
    (reference, fast), (expected, got) = both(tmp_path, [first, second], skip_invalid=True)
    assert reference[1]["updated"] and reference[1]["unchanged"] == len(EDGES)  # the same
    assert fast == reference
    assert got == expected


@pytest.mark.parametrize("seed", [7, 8])
def test_an_excel_sheet_with_date_cells_is_read_as_the_reference_reads_it(
    tmp_path, setting, small_blocks, seed
):
    rng = random.Random(seed)
    text = generated_file(rng, 300)
    (reference, fast), (expected, got) = both(tmp_path, [text], suffix=".xlsx", skip_invalid=True)
    assert reference[0]["errors"] and reference[0]["created"] > 100
    assert fast == reference
    assert got == expected


def test_most_rows_of_a_clean_file_are_read_in_blocks(tmp_path, setting):
    rng = random.Random(6)
    lines = generated_file(rng, 300).splitlines()
    path = tmp_path / "hoso.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_dossiers(str(path), filename=str(path)))
    in_blocks = sum(item.frame.height for item in items if isinstance(item, RecordBlock))
    assert in_blocks > 200


def test_the_codes_read_are_found_again_with_their_first_row_from_a_few_runs(monkeypatch):
    monkeypatch.setattr(columnar, "RUN_ROWS", 1000)  # a merge copies at most 1,000 codes
    rng = random.Random(9)
    codes = [f"HS-{number:07d}" for number in rng.sample(range(10**6), 6000)]
    seen, held, start = SeenCodes(), {}, 0
    while start < len(codes):  # blocks of uneven sizes, as the valid rows of a block are
        block = codes[start : start + rng.randrange(1, 300)]
        firsts = list(range(start + 2, start + 2 + len(block)))  # rows under the header
        seen.add(pl.DataFrame({"key": block, "first": firsts}))
        held.update(zip(block, firsts, strict=True))
        start += len(block)
        sizes = [run.height for run in seen.runs]
        assert max(sizes) <= 1000
        assert all(
            older >= 2 * newer or older + newer > 1000 for older, newer in itertools.pairwise(sizes)
        )
    asked = rng.sample(codes, 500) + [f"HS-{number}" for number in range(50)] + ["", "ZZ"]
    found = dict(seen.find(pl.Series(asked)).iter_rows())
    assert found == {code: held[code] for code in asked if code in held}
    assert dict(seen.rows()) == held


def changed(text: str, rng: random.Random) -> str:
    """The same file a month later: a quarter of its rows with another status, new rows."""
    lines = text.splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        if len(cells) == 19 and rng.random() < 0.25:
            cells[7] = rng.choice(["4", "9", "10"])
        out.append(",".join(cells))
    out += generated_file(rng, 100, prefix="HN").splitlines()[1 + len(EDGES) :]
    return "\n".join(out) + "\n"


def test_a_fresh_import_written_once_then_the_same_file_changed_by_both_paths(
    tmp_path, setting, small_blocks, monkeypatch
):
    """The first import writes its new dossiers once (no stage); the second, the same file
    with changes and new rows, replaces the changed ones by the staged way. Both readers give
    the same outcomes, dossiers and facts, and the facts are those of the stored dossiers."""
    from cchc.dossiers import facts, staging

    phases: list[str] = []
    monkeypatch.setattr(staging, "between_batches", lambda phase, batch_id: phases.append(phase))
    rng = random.Random(9)
    first = generated_file(rng, 300)
    (reference, fast), (expected, got) = both(
        tmp_path, [first, changed(first, rng)], skip_invalid=True
    )
    assert "written" in phases and "applied" in phases
    assert reference[0]["created"] > 200 and reference[0]["updated"] == 0
    assert reference[1]["updated"] > 30 and reference[1]["created"] > 50
    assert fast == reference
    assert got == expected
    facts.rebuild_all()
    assert state() == got  # the published facts equal a rebuild from the dossiers


# --- spellings of a CSV file the contract allows (decision 0144) ---------------------------
# Vietnamese human headers as exports write them; "Có phí, lệ phí" holds a comma, so a CSV
# writer quotes it
VIETNAMESE_HEADER = [
    "Mã hồ sơ", "MÃ TTHC", "Mã đơn vị tiếp nhận", "Ngày tiếp nhận", "ngày hẹn  trả",
    "Ngày kết thúc xử lý", "Ngay tra ket qua", "Trạng thái hồ sơ", "Kênh thực hiện",
    "Toàn trình", "Được thanh toán trực tuyến", "Có phí, lệ phí", "Hồ sơ có thành phần số hóa",
    "Được số hoá", "Có kết quả điện tử", "Số lần bổ sung", "Ngày yêu cầu bổ sung",
    "NGÀY BỔ SUNG", "Có phiếu xin lỗi",
]  # fmt: skip


def rewritten(rows: list[list[str]], **options) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", **options).writerows(rows)
    return out.getvalue()


def rows_in_blocks(path) -> int:
    items = read_dossiers(str(path), filename=str(path))
    return sum(item.frame.height for item in items if isinstance(item, RecordBlock))


@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
def test_a_vietnamese_header_and_cells_in_quotes_are_read_in_blocks_as_the_reference_reads_them(
    tmp_path, setting, small_blocks, quoting
):
    """A header cell in quotes (the alias "Có phí, lệ phí") or every cell in quotes (a writer
    quoting all) sent the whole file to the reference."""
    rng = random.Random(11)
    rows = list(csv.reader(generated_file(rng, 300).splitlines()))
    text = rewritten([VIETNAMESE_HEADER, *rows[1:]], quoting=quoting)
    (reference, fast), (expected, got) = both(tmp_path, [text], skip_invalid=True)
    assert reference[0]["errors"] and reference[0]["created"] > 200
    assert fast == reference
    assert got == expected
    assert rows_in_blocks(tmp_path / "hoso-0.csv") > 200


NOTES = ["", "đủ", "Bổ sung\nđã nhận", "hai dòng\r\nCRLF", '"trích" dẫn\n\nba dòng', "a,\nb"]


@pytest.mark.parametrize("seed", [12, 13])
def test_rows_with_a_line_break_inside_a_quoted_cell_are_read_in_blocks_as_the_reference_reads_them(
    tmp_path, setting, small_blocks, seed
):
    """A note typed on two lines, in a column the contract does not read, sent the rest of
    the file to the reference; blocks of 2,048 bytes are cut inside such notes too. A line
    break in a column it reads is an error, named on the row where the reference names it."""
    rng = random.Random(seed)
    rows = list(csv.reader(generated_file(rng, 300).splitlines()))
    out = [[*rows[0], "Ghi chú"]]
    for row in rows[1:]:
        if len(row) == 19 and rng.random() < 0.03:
            row[rng.choice([0, 3, 9])] += "\n2"
        out.append([*row, rng.choice(NOTES)])
    title = [["DANH SÁCH HỒ SƠ\nTHÁNG 3"]]  # a title on two lines above the header
    (reference, fast), (expected, got) = both(tmp_path, [rewritten(title + out)], skip_invalid=True)
    assert any("\n" in error["value"] for error in reference[0]["errors"])
    assert reference[0]["created"] > 200
    assert fast == reference
    assert got == expected
    assert rows_in_blocks(tmp_path / "hoso-0.csv") > 200


def _exported(cell: str, rng: random.Random) -> str:
    """A date cell as other exports write it: one-digit day, month and hour, or milliseconds."""
    for form in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            moment = dt.datetime.strptime(cell, form)
        except ValueError:
            continue
        if form.startswith("%Y"):
            return rng.choice([cell + ".250", f"{cell[:10]} {moment.hour}:{moment:%M:%S}"])
        clock = f" {moment.hour}:{moment:%M}" if "%H" in form else ""
        return f"{moment.day}/{moment.month}/{moment.year}{clock}"
    return cell


def test_one_digit_days_and_hours_and_milliseconds_are_read_in_blocks_as_the_reference_reads_them(
    tmp_path, setting, small_blocks
):
    """`4/3/2024 8:30` and `2024-03-04 08:30:00.250`, which the reference reads, went to it row
    by row (about a tenth of the blocks' speed)."""
    rng = random.Random(14)
    rows = list(csv.reader(generated_file(rng, 300).splitlines()))
    out = [rows[0], *([_exported(cell, rng) for cell in row] for row in rows[1:])]
    text = rewritten(out)
    assert "/3/2024 " in text or "/1/2024 " in text  # one-digit months written
    (reference, fast), (expected, got) = both(tmp_path, [text], skip_invalid=True)
    assert reference[0]["created"] > 200
    assert fast == reference
    assert got == expected
    assert rows_in_blocks(tmp_path / "hoso-0.csv") > 200
