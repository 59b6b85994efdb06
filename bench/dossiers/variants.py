"""The same dossiers spelled each way the contract allows, to see which files the block reader
reads in blocks and which it hands, row by row, to the reference reader.

    .venv/bin/python bench/dossiers/variants.py [--source /work/data/1m] [--out /work/data/variants]
        [--rows 200000] [--only NAME,NAME]

From the first `--rows` rows of `SOURCE/dossiers.csv` (`generate.py`'s file: `,`, CRLF, the
canonical headers, 90 % of dates `YYYY-MM-DD HH:MM:SS` and 10 % `dd/mm/yyyy HH:MM:SS`, 95 % of
booleans `1`/`0` and 5 % `x`/empty), each variant changes one thing of the spelling (see
VARIANTS), except `mixed`, which changes several as a one-stop system's export does. Each
variant is a folder `OUT/NAME/` holding:

- `variant.csv` or `variant.xlsx`, the file to import (`importing.py --dir OUT/NAME --file
  variant.csv`);
- `dossiers.csv`, the same dossiers in the baseline's canonical spelling (a link to the
  baseline's own file where the values are the same; written anew where the variant changes
  values: a date written to the minute or the day, rows left out as invalid), which
  `importing.py` gives DuckDB and `bench/scale/scale.py batch --dir OUT/NAME` compares the
  stored indicators with;
- links to `SOURCE/units.csv` and `SOURCE/procedures.csv`.

The LibreOffice variant needs `soffice` with Calc (`apt-get install libreoffice-calc-nogui`).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generate import DOSSIER_COLUMNS  # this folder: run as a script

COLUMNS = DOSSIER_COLUMNS  # the contract's columns, in generate.py's order
DATES = {"NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTraKetQua", "NgayYeuCauBoSung",
         "NgayBoSung"}  # fmt: skip
FLAGS = {"ToanTrinh", "CoPhiLePhi", "HoSoCoThanhPhanSoHoa", "DuocSoHoa", "CoKetQuaDienTu",
         "CoPhieuXinLoi"}  # fmt: skip
# Vietnamese human headers as people write them: aliases, capitals, doubled spaces, with and
# without diacritics, "hoá" and "hóa"
VIETNAMESE = {
    "MaHoSo": "Mã hồ sơ",
    "MaTTHC": "MÃ TTHC",
    "MaDonVi": "Mã đơn vị tiếp nhận",
    "NgayTiepNhan": "Ngày tiếp nhận",
    "NgayHenTra": "ngày hẹn  trả",
    "NgayKetThucXuLy": "Ngày kết thúc xử lý",
    "NgayTraKetQua": "Ngay tra ket qua",
    "TrangThaiHoSo": "Trạng thái hồ sơ",
    "KenhThucHien": "Kênh thực hiện",
    "ToanTrinh": "Toàn trình",
    "DuocThanhToanTrucTuyen": "Được thanh toán trực tuyến",
    "CoPhiLePhi": "Có phí, lệ phí",
    "HoSoCoThanhPhanSoHoa": "Hồ sơ có thành phần số hóa",
    "DuocSoHoa": "Được số hoá",
    "CoKetQuaDienTu": "Có kết quả điện tử",
    "SoLanBoSung": "Số lần bổ sung",
    "NgayYeuCauBoSung": "Ngày yêu cầu bổ sung",
    "NgayBoSung": "NGÀY BỔ SUNG",
    "CoPhieuXinLoi": "Có phiếu xin lỗi",
}
# what an invalid row of the `invalid` variant holds, in turn: (column, value)
BROKEN = [
    ("NgayTiepNhan", "31/02/2024"),
    ("TrangThaiHoSo", "11"),
    ("KenhThucHien", "4"),
    ("CoPhiLePhi", "maybe"),
    ("NgayHenTra", "2023-01-01 08:00:00"),  # before the reception
    ("MaDonVi", ""),
]

Moment = Callable[[dt.datetime, str], str]  # (value, column) -> text


def iso(moment: dt.datetime, _column: str) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class Variant:
    name: str
    what: str
    kind: str = "csv"  # csv | xlsx-source | xlsx-textdates | xlsx-libreoffice
    delimiter: str = ","
    newline: str = "\r\n"
    bom: bool = False
    vietnamese: bool = False
    quote_all: bool = False
    moment: Moment | None = None  # None: the source's spelling
    flag: tuple[str, str] | None = None  # (true, false); None: the source's spelling
    invalid_every: int = 0  # one row in this many made invalid
    # columns the contract does not read, as exports carry them: a row number first, the
    # applicant's name and address (commas, so quoted) and, one row in `notes_every`, a note
    # written on two lines (a line break inside a quoted cell)
    extra: bool = False
    notes_every: int = 0
    # the value the contract reads from the spelling (a date written to the minute loses its
    # seconds); the identity where the values are the source's
    value: Callable[[dt.datetime, str], dt.datetime] | None = None


def _minutes(moment: dt.datetime, _column: str) -> dt.datetime:
    return moment.replace(second=0)


def _day(moment: dt.datetime, column: str) -> dt.datetime:
    """A date written without its time: the day's start, or its end for an appointment."""
    if column == "NgayHenTra":
        return moment.replace(hour=23, minute=59, second=59)
    return moment.replace(hour=0, minute=0, second=0)


def spelled_as(pattern: str) -> Moment:
    return lambda moment, _column: moment.strftime(pattern)


MINUTES = {"value": _minutes}
DAY = {"value": _day}
VARIANTS = [
    Variant("baseline", "the first rows of generate.py's file as they are"),
    Variant("lf", "lines ending in LF (not CRLF)", newline="\n"),
    Variant("bom", "a UTF-8 BOM", bom=True),
    Variant("semicolon", "`;` separated", delimiter=";"),
    Variant("quoted", "every cell in quotes", quote_all=True),
    Variant("vn-headers", "Vietnamese human headers (case, spacing, diacritics)", vietnamese=True),
    Variant("iso-t", "dates YYYY-MM-DDTHH:MM:SS", moment=spelled_as("%Y-%m-%dT%H:%M:%S")),
    Variant(
        "iso-minutes", "dates YYYY-MM-DD HH:MM", moment=spelled_as("%Y-%m-%d %H:%M"), **MINUTES
    ),
    Variant(
        "iso-t-minutes", "dates YYYY-MM-DDTHH:MM", moment=spelled_as("%Y-%m-%dT%H:%M"), **MINUTES
    ),
    Variant("iso-day", "dates YYYY-MM-DD", moment=spelled_as("%Y-%m-%d"), **DAY),
    Variant("vn-dates", "dates dd/mm/yyyy HH:MM:SS", moment=spelled_as("%d/%m/%Y %H:%M:%S")),
    Variant("vn-minutes", "dates dd/mm/yyyy HH:MM", moment=spelled_as("%d/%m/%Y %H:%M"), **MINUTES),
    Variant("vn-day", "dates dd/mm/yyyy", moment=spelled_as("%d/%m/%Y"), **DAY),
    Variant("bool-truefalse", "booleans true/false", flag=("true", "false")),
    Variant("bool-TRUEFALSE", "booleans TRUE/FALSE (as Excel writes them)", flag=("TRUE", "FALSE")),
    Variant("bool-cokhong", "booleans có/không", flag=("có", "không")),
    Variant("bool-CoKhong", "booleans Có/Không", flag=("Có", "Không")),
    Variant("bool-x", "booleans x/empty", flag=("x", "")),
    Variant("extra-columns", "more columns: STT, applicant, address (quoted)", extra=True),
    Variant(
        "multiline",
        "as extra-columns, a note on two lines in one row of 1,000",
        extra=True,
        notes_every=1000,
    ),
    Variant("invalid", "1 % of rows invalid (with and without --skip-invalid)", invalid_every=100),
    Variant(
        "mixed",
        "a one-stop export: Vietnamese headers, `;`, BOM, dd/mm/yyyy HH:MM, có/không",
        delimiter=";",
        bom=True,
        vietnamese=True,
        moment=spelled_as("%d/%m/%Y %H:%M"),
        flag=("có", "không"),
        **MINUTES,
    ),
    Variant(
        "xlsx", "generate.py's sheet (openpyxl: date cells, inline strings)", kind="xlsx-source"
    ),
    Variant("xlsx-textdates", "the same sheet with dates as text cells", kind="xlsx-textdates"),
    Variant(
        "xlsx-libreoffice",
        "the CSV saved as .xlsx by LibreOffice Calc (shared strings)",
        kind="xlsx-libreoffice",
    ),
]


def parse_moment(text: str) -> dt.datetime | None:
    if not text:
        return None
    if text[2:3] == "/":
        return dt.datetime.strptime(text, "%d/%m/%Y %H:%M:%S")
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


def source_rows(source: Path, rows: int) -> list[list[str]]:
    with open(source / "dossiers.csv", newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        if next(reader) != COLUMNS:
            raise SystemExit("the source's header is not generate.py's")
        out = []
        for row in reader:
            out.append(row)
            if len(out) >= rows:
                break
    return out


def spelled(variant: Variant, row: list[str], number: int) -> tuple[list[str], list[str] | None]:
    """(the row as the variant writes it, the row in canonical spelling or None when invalid)."""
    out, canonical = [], []
    for name, cell in zip(COLUMNS, row, strict=True):
        text, plain = cell, cell
        if name in DATES and cell:
            moment = parse_moment(cell)
            assert moment is not None
            if variant.moment is not None:
                text = variant.moment(moment, name)
            plain = iso(variant.value(moment, name) if variant.value else moment, name)
        elif name in FLAGS:
            on = cell in ("1", "x")
            if variant.flag is not None:
                text = variant.flag[0] if on else variant.flag[1]
            plain = "1" if on else "0"
        out.append(text)
        canonical.append(plain)
    if variant.invalid_every and number % variant.invalid_every == variant.invalid_every // 2:
        column, value = BROKEN[(number // variant.invalid_every) % len(BROKEN)]
        out[COLUMNS.index(column)] = value
        return out, None
    return out, canonical


_NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng, Cường", "Phạm Thị Dung"]


def _with_extra(variant: Variant, number: int, row: list[str]) -> list[str]:
    note = ""
    if variant.notes_every and number % variant.notes_every == 7:
        note = "Bổ sung giấy tờ\nđã nhận đủ"
    elif number % 3 == 0:
        note = 'Hồ sơ "ưu tiên"'
    address = f"Số {number % 97}, thôn {number % 13}, xã {number % 7}"
    return [str(number + 1), *row, _NAMES[number % len(_NAMES)], address, note]


def write_csv(path: Path, variant: Variant, header: list[str], rows) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig" if variant.bom else "utf-8") as handle:
        writer = csv.writer(
            handle,
            delimiter=variant.delimiter,
            lineterminator=variant.newline,
            quoting=csv.QUOTE_ALL if variant.quote_all else csv.QUOTE_MINIMAL,
        )
        writer.writerow(header)
        writer.writerows(rows)


def write_textdates_xlsx(path: Path, rows) -> None:
    """As generate.py's sheet (openpyxl, write-only: inline strings, small numbers as numbers),
    but every date a text cell."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("HoSo")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([int(v) if v.isdigit() and len(v) < 6 else v for v in row])
    book.save(path)


def write_libreoffice_xlsx(path: Path, csv_path: Path) -> None:
    """The CSV opened in LibreOffice Calc (English (UK): dd/mm/yyyy dates read as dates) and
    saved as .xlsx; the three code columns kept as text (Calc would read "1.000010" as a
    number, the procedure code 1.00001)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found")
    # separator 44 (,), quote 34 ("), UTF-8 (76), from line 1, columns 1–3 as text (2),
    # language 2057 (en-GB)
    options = "CSV:44,34,76,1,1/2/2/2/3/2,2057"
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             f"--infilter={options}", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
             "--outdir", work, str(csv_path)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        shutil.move(Path(work) / (csv_path.stem + ".xlsx"), path)


def _link(target: Path, link: Path) -> None:
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target.resolve())


def make(variant: Variant, rows: list[list[str]], source: Path, out: Path) -> str:
    folder = out / variant.name
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("units.csv", "procedures.csv"):
        _link(source / name, folder / name)
    written, canonical = [], []
    for number, row in enumerate(rows):
        text, plain = spelled(variant, row, number)
        written.append(text)
        if plain is not None:
            canonical.append(plain)
    header = [VIETNAMESE[c] for c in COLUMNS] if variant.vietnamese else COLUMNS
    if variant.extra:
        header = ["STT", *header, "Chủ hồ sơ", "Địa chỉ", "Ghi chú"]
        written = [_with_extra(variant, number, row) for number, row in enumerate(written)]
    if variant.kind == "csv":
        write_csv(folder / "variant.csv", variant, header, written)
        name = "variant.csv"
    elif variant.kind == "xlsx-source":  # generate.py --xlsx N with N = --rows
        _link(source / "dossiers.xlsx", folder / "variant.xlsx")
        name = "variant.xlsx"
    elif variant.kind == "xlsx-textdates":
        write_textdates_xlsx(folder / "variant.xlsx", written)
        name = "variant.xlsx"
    else:
        base = out / "baseline" / "variant.csv"
        write_libreoffice_xlsx(folder / "variant.xlsx", base)
        name = "variant.xlsx"
    baseline = out / "baseline" / "dossiers.csv"
    if variant.name == "baseline":
        _link(folder / "variant.csv", baseline)  # the source's own spelling
    elif variant.value is None and not variant.invalid_every:
        _link(baseline, folder / "dossiers.csv")
    else:
        write_csv(folder / "dossiers.csv", Variant("canonical", ""), COLUMNS, canonical)
    return name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default="/work/data/1m")
    parser.add_argument("--out", default="/work/data/variants")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--only", default="", help="comma-separated names (baseline first)")
    args = parser.parse_args()
    source, out = Path(args.source), Path(args.out)
    wanted = set(filter(None, args.only.split(",")))
    rows = source_rows(source, args.rows)
    for variant in VARIANTS:
        if wanted and variant.name not in wanted:
            continue
        started = time.perf_counter()
        name = make(variant, rows, source, out)
        size = os.path.getsize(out / variant.name / name)
        seconds = time.perf_counter() - started
        print(
            f"{variant.name:<18} {name:<13} {size / 1e6:6.1f} MB {seconds:5.1f} s  {variant.what}"
        )


if __name__ == "__main__":
    main()
