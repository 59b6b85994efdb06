"""Write the input files of the dossier benchmark: a unit tree, a procedure catalogue and a
year (2024) of dossiers, in the contract's columns (specs/dossiers-and-indicators.md).

    .venv/bin/python bench/dossiers/generate.py [N] [--out DIR] [--seed 7]

Files written to DIR (default /tmp/cchc-dossier-bench): units.csv (code, parent, kind, name),
procedures.csv (for `cchc import-procedures`), dossiers.csv (N rows, for `cchc
import-dossiers`). Deterministic for a given N and seed; rows are streamed, not held.

Shape: 1 province → 10 districts → 30 communes each (311 units); communes receive most
dossiers, districts and the province some of their own. 300 procedures with mixed flags.
Dossiers mix channels, statuses (refused at intake, open, waiting for a supplement,
finished on time / late / without end date, withdrawn), one or two supplement requests, fees
paid online or not, digitised components, electronic results and apology letters. A share of
dates are written dd/mm/yyyy and of booleans as "x"/empty, which the contract allows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import time
from pathlib import Path

DISTRICTS, COMMUNES, PROCEDURES = 10, 30, 300
YEAR = 2024
DOSSIER_COLUMNS = [
    "MaHoSo",
    "MaTTHC",
    "MaDonVi",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "NgayTraKetQua",
    "TrangThaiHoSo",
    "KenhThucHien",
    "ToanTrinh",
    "DuocThanhToanTrucTuyen",
    "CoPhiLePhi",
    "HoSoCoThanhPhanSoHoa",
    "DuocSoHoa",
    "CoKetQuaDienTu",
    "SoLanBoSung",
    "NgayYeuCauBoSung",
    "NgayBoSung",
    "CoPhieuXinLoi",
]
YEAR_START = dt.datetime(YEAR, 1, 1)
YEAR_SECONDS = int((dt.datetime(YEAR + 1, 1, 1) - YEAR_START).total_seconds())


def units() -> list[tuple[str, str, str, str]]:
    """(code, parent code, kind, name), parents first."""
    rows = [("bd-tinh", "", "province", "Tỉnh Bench")]
    for d in range(DISTRICTS):
        rows.append((f"bd-h{d}", "bd-tinh", "district", f"Huyện {d + 1}"))
        for c in range(COMMUNES):
            rows.append((f"bd-x{d}-{c}", f"bd-h{d}", "commune", f"Xã {d + 1}.{c + 1}"))
    return rows


def procedures(rng: random.Random) -> list[dict[str, str]]:
    fields = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Kinh doanh", "Bảo trợ xã hội"]
    rows = []
    for i in range(PROCEDURES):
        fee = rng.random() < 0.45
        rows.append(
            {
                "MaTTHC": f"1.{i + 1:06d}",
                "TenTTHC": f"Thủ tục số {i + 1}",
                "LinhVuc": fields[i % len(fields)],
                "CapThucHien": "Cấp xã" if i % 3 else "Cấp huyện",
                "DuDieuKienToanTrinh": "1" if rng.random() < 0.55 else "0",
                "CoPhiLePhi": "1" if fee else "0",
                "TichHopThanhToan": "1" if fee and rng.random() < 0.7 else "0",
                "TraKetQuaGiayTo": "1" if rng.random() < 0.6 else "",
                "ThoiGianGiaiQuyet": str(rng.choice([1, 3, 5, 7, 10, 15, 20])),
                "DonViTinh": "Ngày làm việc",
            }
        )
    return rows


def _fmt(moment: dt.datetime, rng: random.Random) -> str:
    if rng.random() < 0.1:
        return moment.strftime("%d/%m/%Y %H:%M:%S")
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _flag(on: bool, rng: random.Random) -> str:
    if rng.random() < 0.05:
        return "x" if on else ""
    return "1" if on else "0"


def dossier_rows(n: int, rng: random.Random, catalogue: list[dict[str, str]], unit_rows):
    receivers = [code for code, _parent, kind, _name in unit_rows if kind == "commune"]
    upper = [code for code, _parent, kind, _name in unit_rows if kind != "commune"]
    codes = [p["MaTTHC"] for p in catalogue]
    fee_of = {p["MaTTHC"]: p["CoPhiLePhi"] == "1" for p in catalogue}
    eligible = {p["MaTTHC"]: p["DuDieuKienToanTrinh"] == "1" for p in catalogue}
    weights = [1 / (i + 1) ** 0.8 for i in range(len(codes))]  # a few procedures dominate
    picks = rng.choices(codes, weights=weights, k=min(n, 200_000))
    day = dt.timedelta(days=1)
    for i in range(n):
        r = rng.random
        unit = rng.choice(upper) if r() < 0.04 else rng.choice(receivers)
        procedure = picks[i % len(picks)]
        # received 07:00–23:59 some day of 2024 (late evenings test the day/month edges)
        received = YEAR_START + dt.timedelta(seconds=rng.randrange(YEAR_SECONDS))
        if received.hour < 7:
            received = received.replace(hour=received.hour + 7)
        due = (received + day * rng.choice([0, 1, 3, 5, 7, 10, 15, 20])).replace(
            hour=17, minute=0, second=0
        )
        if due < received:
            due = received.replace(hour=23, minute=59, second=59)
        status = rng.choices(
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], weights=[2, 3, 2, 6, 3, 1, 2, 1, 20, 60]
        )[0]
        supplements = rng.choices([0, 1, 2], weights=[85, 12, 3])[0]
        requested = supplied = None
        if supplements or (status == 5):
            requested = received + dt.timedelta(hours=rng.randrange(1, 72))
            if status != 5 and r() < 0.8:
                supplied = requested + dt.timedelta(hours=rng.randrange(1, 240))
            supplements = max(supplements, 1)
        finished = status in (7, 8, 9, 10)
        ended = returned = None
        if finished or r() < 0.02:  # a few "open" statuses carry an end date anyway
            span = (due - received) + (supplied - requested if supplied else dt.timedelta(0))
            late = r() < 0.12
            shift = dt.timedelta(seconds=rng.randrange(1, 10 * 86400))
            end = received + span + shift if late else received + span * r()
            which = r()
            if which < 0.85:
                ended = end
                returned = end + dt.timedelta(hours=rng.randrange(0, 48)) if r() < 0.7 else None
            elif which < 0.95:
                returned = end
            # else: finished without any date (late by the contract)
        channel = rng.choices(["1", "", "2", "3"], weights=[35, 5, 55, 5])[0]
        online = channel == "2"
        full_online = online and eligible[procedure] and r() < 0.7
        has_fee = fee_of[procedure] and r() < 0.95
        paid = rng.choice(["1", "2"]) if has_fee and online and r() < 0.6 else rng.choice(["", "0"])
        e_result = r() < 0.5
        yield [
            f"BD-{i:08d}",
            procedure,
            unit,
            _fmt(received, rng),
            _fmt(due, rng),
            _fmt(ended, rng) if ended else "",
            _fmt(returned, rng) if returned else "",
            str(status),
            channel,
            _flag(full_online, rng),
            paid,
            _flag(has_fee, rng),
            _flag(r() < 0.6, rng),
            _flag(r() < 0.3, rng),
            _flag(e_result, rng),
            str(supplements),
            _fmt(requested, rng) if requested else "",
            _fmt(supplied, rng) if supplied else "",
            _flag(r() < 0.5, rng),
        ]


def write_xlsx(out: Path, n: int) -> None:
    """The first n dossiers as an Excel sheet, as one-stop systems export them: dates as date
    cells, numbers as numbers, the rest as text (openpyxl, streamed)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("HoSo")
    with open(out / "dossiers.csv", newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        sheet.append(next(reader))
        for number, row in enumerate(reader):
            if number >= n:
                break
            cells: list[object] = []
            for value in row:
                if len(value) >= 10 and value[4:5] == "-":
                    cells.append(dt.datetime.fromisoformat(value))
                elif value.isdigit() and len(value) < 6:
                    cells.append(int(value))
                else:
                    cells.append(value)
            sheet.append(cells)
    book.save(out / "dossiers.xlsx")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--out", default="/tmp/cchc-dossier-bench")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--xlsx", type=int, default=0, help="also write dossiers.xlsx with the first N rows"
    )
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    unit_rows = units()
    with open(out / "units.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "parent", "kind", "name"])
        writer.writerows(unit_rows)
    catalogue = procedures(rng)
    with open(out / "procedures.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(catalogue[0]))
        writer.writeheader()
        writer.writerows(catalogue)
    with open(out / "dossiers.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(DOSSIER_COLUMNS)
        writer.writerows(dossier_rows(args.n, rng, catalogue, unit_rows))
    if args.xlsx:
        write_xlsx(out, args.xlsx)
    seconds = time.perf_counter() - started
    print(f"{len(unit_rows)} units, {len(catalogue)} procedures, {args.n} dossiers → {out}")
    print(f"{seconds:.1f} s ({args.n / seconds:,.0f} rows/s)")


if __name__ == "__main__":
    main()
