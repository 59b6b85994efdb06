"""The engine against an independent, literal reading of the contract's definitions.

Random dossiers (every status, channel, supplement case, unfinished ones around the window
ends, times near midnight) are written to a CSV, imported through `cchc import-dossiers`, and
each indicator of `cchc indicators` is compared with a straightforward computation over the
CSV rows written here from `specs/dossiers-and-indicators.md` — not from the engine's code.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# code, eligible for full-online, fee-charging, payment integrated, returns a document
CATALOGUE = [
    ("1.001", True, False, False, True),
    ("1.002", True, True, True, True),
    ("1.003", False, True, False, True),
    ("1.004", False, False, False, False),
    ("1.005", True, True, True, False),
    ("1.006", False, True, True, True),
]
UNITS = ["xa-a", "xa-b"]
# CapThucHien of the catalogue (none: every level); the levels within each unit's competence,
# its own and those of the units below it (the fixture's district holds a commune and a ward)
LEVELS = {"1.002": "Cấp xã", "1.003": "Cấp tỉnh", "1.005": "Cấp huyện; Cấp xã", "1.006": "Cấp Tỉnh"}
UNIT_LEVELS = {"xa-a": {"Cấp xã"}, "xa-b": {"Cấp xã"}, "thanh-pho": {"Cấp huyện", "Cấp xã"}}


def _moment(rng: random.Random, start: dt.datetime, hours: float) -> dt.datetime:
    return (start + dt.timedelta(hours=rng.uniform(0, hours))).replace(microsecond=0)


def _dossiers(count: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        received = dt.datetime(2024, 1, 1, tzinfo=VN) + dt.timedelta(
            minutes=rng.randrange(366 * 24 * 60)
        )
        if rng.random() < 0.1:  # near midnight at a month's end
            day = rng.choice([dt.date(2024, 3, 31), dt.date(2024, 4, 30), dt.date(2024, 5, 14)])
            received = dt.datetime.combine(day, dt.time(23, rng.randrange(60)), VN)
        due = _moment(rng, received + dt.timedelta(hours=4), 24 * 20)
        status = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 9, None])
        finished = status in {7, 8, 9, 10} or rng.random() < 0.05
        ended = returned = None
        if finished and rng.random() < 0.92:
            ended = _moment(rng, received, 24 * 25)
            if rng.random() < 0.3:
                returned, ended = ended, None
        supplements = rng.choice([0, 0, 0, 0, 1, 1, 2])
        requested = supplied = None
        if supplements:
            requested = _moment(rng, received, 24 * 5)
            if rng.random() < 0.7:
                supplied = _moment(rng, requested, 24 * 6)
        procedure = rng.choice(CATALOGUE)[0] if rng.random() > 0.03 else "9.999"
        rows.append(
            {
                "MaHoSo": f"HS-{seed}-{n}",
                "MaTTHC": procedure,
                "MaDonVi": rng.choice(UNITS),
                "NgayTiepNhan": received,
                "NgayHenTra": due,
                "NgayKetThucXuLy": ended,
                "NgayTraKetQua": returned,
                "TrangThaiHoSo": status,
                "KenhThucHien": rng.choice([None, 1, 2, 2, 3]),
                "ToanTrinh": rng.random() < 0.4,
                "DuocThanhToanTrucTuyen": rng.choice([None, 0, 1, 2]),
                "CoPhiLePhi": rng.random() < 0.5,
                "HoSoCoThanhPhanSoHoa": rng.random() < 0.6,
                "DuocSoHoa": rng.random() < 0.3,
                "CoKetQuaDienTu": rng.random() < 0.5,
                "SoLanBoSung": supplements,
                "NgayYeuCauBoSung": requested,
                "NgayBoSung": supplied,
                "CoPhieuXinLoi": rng.random() < 0.5,
            }
        )
    return rows


def _cell(value: object, style: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return (
            ["1", "true", "có", "x"][style % 4] if value else ["0", "false", "không", ""][style % 4]
        )
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S" if style % 2 else "%Y-%m-%dT%H:%M:%S")
    return str(value)


def _write_csv(path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(list(rows[0]))
        for n, row in enumerate(rows):
            writer.writerow([_cell(value, n) for value in row.values()])


def half_up(numerator: int, denominator: int) -> float:
    """numerator ÷ denominator to two decimals, halves rounded up (as officials do)."""
    return (numerator * 100 * 2 + denominator) // (2 * denominator) / 100


# --- the reference: the contract's definitions, read literally ------------------------------
def reference(
    rows, unit: str, units: set[str], start: dt.date, end: dt.date
) -> dict[str, tuple[int, int]]:
    low = dt.datetime.combine(start, dt.time(0, 0), VN)
    high = dt.datetime.combine(end, dt.time(23, 59, 59), VN)
    procedures = {code: (full, fee, paid, doc) for code, full, fee, paid, doc in CATALOGUE}
    population = [
        r
        for r in rows
        if r["MaDonVi"] in units and low <= r["NgayTiepNhan"] <= high and r["TrangThaiHoSo"] != 3
    ]

    def attributes(row):
        return procedures.get(row["MaTTHC"], (False, False, False, False))

    def on_time(row) -> bool:
        finished = row["TrangThaiHoSo"] in {7, 8, 9, 10} or row["NgayKetThucXuLy"] is not None
        waiting = row["NgayYeuCauBoSung"] is not None and row["NgayBoSung"] is None
        if finished:
            end_moment = row["NgayKetThucXuLy"] or row["NgayTraKetQua"]
            if end_moment is None:
                return False
        elif waiting:
            end_moment = row["NgayYeuCauBoSung"]
        else:
            end_moment = high
        pause = dt.timedelta(0)
        if row["NgayYeuCauBoSung"] is not None and row["NgayBoSung"] is not None:
            pause = row["NgayBoSung"] - row["NgayYeuCauBoSung"]
        return row["SoLanBoSung"] <= 1 and end_moment - pause <= row["NgayHenTra"]

    def finished(row) -> bool:
        return row["TrangThaiHoSo"] in {7, 8, 9, 10} or row["NgayKetThucXuLy"] is not None

    # version 2: dossiers received before the window, not refused, still being handled in it
    carried = [
        r
        for r in rows
        if r["MaDonVi"] in units
        and r["NgayTiepNhan"] < low
        and r["TrangThaiHoSo"] != 3
        and (
            not finished(r)
            or (
                (r["NgayKetThucXuLy"] or r["NgayTraKetQua"]) is not None
                and (r["NgayKetThucXuLy"] or r["NgayTraKetQua"]) >= low
            )
        )
    ]
    late = [r for r in population if not on_time(r)]
    eligible = [r for r in population if attributes(r)[0]]
    fee_dossiers = [r for r in population if r["CoPhiLePhi"]]
    documents = [r for r in population if attributes(r)[3]]

    def competent(code: str) -> bool:
        named = {part.strip().capitalize() for part in LEVELS.get(code, "").split(";")} - {""}
        return not named or bool(named & UNIT_LEVELS[unit])

    fee_procedures = [code for code, _f, fee, _p, _d in CATALOGUE if fee and competent(code)]
    fee_used = {r["MaTTHC"] for r in population if attributes(r)[1]}
    fee_paid = {
        r["MaTTHC"]
        for r in population
        if attributes(r)[1] and r["DuocThanhToanTrucTuyen"] in (1, 2)
    }
    size = len(population)
    return {
        "dossiers_received": (size, size),
        "on_time_rate": (size - len(late), size),
        "processing_progress_rate": (
            size - len(late) + sum(1 for r in carried if on_time(r)),
            size + len(carried),
        ),
        "late_apology_rate": (sum(1 for r in late if r["CoPhieuXinLoi"]), len(late)),
        "online_submission_rate": (sum(1 for r in population if r["KenhThucHien"] == 2), size),
        "full_online_rate": (sum(1 for r in eligible if r["ToanTrinh"]), len(eligible)),
        "online_payment_rate": (
            sum(1 for r in fee_dossiers if r["DuocThanhToanTrucTuyen"] in (1, 2)),
            len(fee_dossiers),
        ),
        "payment_procedures_rate": (
            sum(1 for code, _f, fee, paid, _d in CATALOGUE if fee and paid and competent(code)),
            len(fee_procedures),
        ),
        "payment_used_procedures_rate": (len(fee_paid), len(fee_used)),
        "e_result_rate": (sum(1 for r in documents if r["CoKetQuaDienTu"]), len(documents)),
        "digitisation_rate": (
            sum(
                1
                for r in population
                if r["HoSoCoThanhPhanSoHoa"] and (not attributes(r)[3] or r["CoKetQuaDienTu"])
            ),
            size,
        ),
        "reuse_rate": (sum(1 for r in population if r["DuocSoHoa"]), size),
    }


def _indicators(unit: str, start: dt.date, end: dt.date) -> dict:
    out = StringIO()
    call_command(
        "indicators",
        "--unit",
        unit,
        "--from",
        start.isoformat(),
        "--to",
        end.isoformat(),
        "--by",
        "month",
        "--format",
        "json",
        stdout=out,
    )
    return json.loads(out.getvalue())


WINDOWS = [
    (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),  # a year
    (dt.date(2024, 4, 1), dt.date(2024, 6, 30)),  # a quarter
    (dt.date(2023, 12, 15), dt.date(2024, 3, 14)),  # a Q1 report window
    (dt.date(2024, 3, 15), dt.date(2024, 5, 14)),  # cuts two months
    (dt.date(2024, 2, 10), dt.date(2024, 2, 20)),  # inside one month
    (dt.date(2024, 5, 14), dt.date(2024, 5, 14)),  # a single day
]


@pytest.fixture
def imported(tmp_path, world):
    catalogue = tmp_path / "tthc.csv"
    with catalogue.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        columns = (
            "MaTTHC TenTTHC DuDieuKienToanTrinh CoPhiLePhi TichHopThanhToan TraKetQuaGiayTo "
            "CapThucHien"
        )
        writer.writerow(columns.split())
        for code, *flags in CATALOGUE:
            level = LEVELS.get(code, "")
            writer.writerow([code, f"Thủ tục {code}", *(int(f) for f in flags), level])
    call_command("import_procedures", str(catalogue), stdout=StringIO(), stderr=StringIO())
    rows = _dossiers(900, seed=20240)
    path = tmp_path / "hoso.csv"
    _write_csv(path, rows)
    call_command("import_dossiers", str(path), stdout=StringIO(), stderr=StringIO())
    return rows


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_every_indicator_equals_the_reference_for_a_commune_and_for_the_district(
    imported, start, end
):
    for unit, scope in (("xa-a", {"xa-a"}), ("thanh-pho", {"xa-a", "xa-b"})):
        expected = reference(imported, unit, scope, start, end)
        result = _indicators(unit, start, end)["indicators"]
        got = {code: (v["numerator"], v["denominator"]) for code, v in result.items()}
        assert got == expected, (unit, start, end)
        for code, (numerator, denominator) in expected.items():
            value = result[code]["value"]
            assert value == (half_up(100 * numerator, denominator) if denominator else None)


def test_each_month_equals_the_reference_for_that_month(imported):
    months = _indicators("xa-b", dt.date(2024, 1, 1), dt.date(2024, 12, 31))["months"]
    assert len(months) == 12
    for key, values in months.items():
        first = dt.date.fromisoformat(f"{key}-01")
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        expected = reference(imported, "xa-b", {"xa-b"}, first, last)
        assert {c: (v["numerator"], v["denominator"]) for c, v in values.items()} == expected, key


def test_the_district_is_the_sum_of_its_communes_never_an_average(imported):
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    district = _indicators("thanh-pho", start, end)["indicators"]
    parts = [_indicators(code, start, end)["indicators"] for code in UNITS]
    for code in ("on_time_rate", "online_submission_rate", "e_result_rate", "digitisation_rate"):
        assert district[code]["numerator"] == sum(p[code]["numerator"] for p in parts)
        assert district[code]["denominator"] == sum(p[code]["denominator"] for p in parts)
