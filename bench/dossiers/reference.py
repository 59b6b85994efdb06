"""Every built-in indicator for every unit × month of 2024, computed by DuckDB from the CSV
files `generate.py` wrote, written from the contract's definitions
(specs/dossiers-and-indicators.md), not from cchc's code.

    .venv/bin/python bench/dossiers/reference.py [--dir /tmp/cchc-dossier-bench]

`compute(directory)` returns {(unit code, "YYYY-MM", indicator code): (numerator,
denominator)}. A unit's figures roll up the units below it: each dossier is counted for its
unit and every ancestor (the unit tree is read from units.csv). Times are local and naive.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

# A cell is true for 1 / true / có / co / x / yes (the contract's booleans).
TRUE = "lower(trim(coalesce({}, ''))) IN ('1', 'true', 'có', 'co', 'x', 'yes')"

# The two date forms the generator writes: yyyy-mm-dd hh:mm:ss and dd/mm/yyyy hh:mm:ss.
MOMENT = (
    "CASE WHEN coalesce(trim({0}), '') = '' THEN NULL "
    "WHEN {0} LIKE '__/__/____%' THEN strptime({0}, '%d/%m/%Y %H:%M:%S') "
    "ELSE CAST({0} AS TIMESTAMP) END"
)


def _sql(directory: Path) -> str:
    dossiers = (directory / "dossiers.csv").as_posix()
    procedures = (directory / "procedures.csv").as_posix()
    units = (directory / "units.csv").as_posix()

    def t(col: str) -> str:
        return TRUE.format(col)

    def m(col: str) -> str:
        return MOMENT.format(col)

    return f"""
WITH
raw AS (SELECT * FROM read_csv('{dossiers}', header = true, all_varchar = true)),
proc AS (
  SELECT MaTTHC AS code, {t("DuDieuKienToanTrinh")} AS eligible, {t("CoPhiLePhi")} AS fee,
         {t("TichHopThanhToan")} AS integrated, {t("TraKetQuaGiayTo")} AS document,
         coalesce(CapThucHien, '') AS level_text
  FROM read_csv('{procedures}', header = true, all_varchar = true)
),
-- version 2: the levels a procedure's CapThucHien names (none: every level)
proc_level AS (
  SELECT DISTINCT code, CASE
    WHEN part IN ('xã', 'phường', 'thị trấn', 'đặc khu') THEN 'xa'
    WHEN part = 'huyện' THEN 'huyen' WHEN part = 'tỉnh' THEN 'tinh' END AS level
  FROM (
    SELECT code, regexp_replace(lower(trim(unnest(regexp_split_to_array(level_text, '[,;]')))),
                                '^cấp ', '') AS part
    FROM proc
  )
),
tree AS (SELECT * FROM read_csv('{units}', header = true, all_varchar = true)),
-- (unit, ancestor-or-self): a dossier counts for every unit on its path to the root
up AS (
  WITH RECURSIVE a(unit, ancestor) AS (
    SELECT code, code FROM tree
    UNION ALL
    SELECT a.unit, tree.parent FROM a JOIN tree ON tree.code = a.ancestor
    WHERE coalesce(tree.parent, '') <> ''
  )
  SELECT * FROM a
),
d AS (
  SELECT MaDonVi AS unit, MaTTHC AS procedure,
         {m("NgayTiepNhan")} AS received, {m("NgayHenTra")} AS due,
         {m("NgayKetThucXuLy")} AS ended, {m("NgayTraKetQua")} AS returned,
         TRY_CAST(NULLIF(trim(TrangThaiHoSo), '') AS INTEGER) AS status,
         coalesce(NULLIF(trim(KenhThucHien), ''), '1') AS channel,
         {t("ToanTrinh")} AS full_online,
         trim(coalesce(DuocThanhToanTrucTuyen, '')) IN ('1', '2') AS paid,
         {t("CoPhiLePhi")} AS has_fee,
         {t("HoSoCoThanhPhanSoHoa")} AS digitised, {t("DuocSoHoa")} AS reused,
         {t("CoKetQuaDienTu")} AS e_result,
         coalesce(TRY_CAST(NULLIF(trim(SoLanBoSung), '') AS INTEGER), 0) AS supplements,
         {m("NgayYeuCauBoSung")} AS requested, {m("NgayBoSung")} AS supplied,
         {t("CoPhieuXinLoi")} AS apology
  FROM raw
),
-- P for the month window of each dossier (the month it was received), status 3 left out
p AS (
  SELECT d.*, date_trunc('month', received)::DATE AS month,
         (date_trunc('month', received) + INTERVAL 1 MONTH - INTERVAL 1 SECOND) AS window_end,
         (status IN (7, 8, 9, 10) OR ended IS NOT NULL) AS finished,
         CASE WHEN requested IS NOT NULL AND supplied IS NOT NULL
              THEN supplied - requested ELSE INTERVAL 0 SECOND END AS s
  FROM d WHERE status IS DISTINCT FROM 3
),
e AS (
  SELECT p.*,
         CASE WHEN finished THEN coalesce(ended, returned)
              WHEN requested IS NOT NULL AND supplied IS NULL THEN requested
              ELSE window_end END AS e
  FROM p
),
c AS (
  SELECT e.*, pr.eligible, pr.fee AS procedure_fee, pr.document,
         (supplements <= 1 AND e.e IS NOT NULL AND e.e - s <= due) AS on_time
  FROM e LEFT JOIN proc pr ON pr.code = e.procedure
),
r AS (SELECT up.ancestor AS unit, c.* EXCLUDE (unit) FROM c JOIN up ON up.unit = c.unit),
sums AS (
  SELECT unit, month,
    count(*) AS received_n,
    count(*) FILTER (WHERE on_time) AS on_time_n,
    count(*) FILTER (WHERE NOT on_time) AS late_n,
    count(*) FILTER (WHERE NOT on_time AND apology) AS late_apology_n,
    count(*) FILTER (WHERE channel = '2') AS online_n,
    count(*) FILTER (WHERE eligible) AS eligible_n,
    count(*) FILTER (WHERE eligible AND full_online) AS full_online_n,
    count(*) FILTER (WHERE has_fee) AS fee_n,
    count(*) FILTER (WHERE has_fee AND paid) AS fee_paid_n,
    count(*) FILTER (WHERE document) AS document_n,
    count(*) FILTER (WHERE document AND e_result) AS e_result_n,
    count(*) FILTER (WHERE digitised AND (NOT coalesce(document, false) OR e_result))
      AS digitised_n,
    count(*) FILTER (WHERE reused) AS reused_n,
    count(DISTINCT procedure) FILTER (WHERE procedure_fee) AS fee_used_n,
    count(DISTINCT procedure) FILTER (WHERE procedure_fee AND paid) AS fee_used_paid_n
  FROM r GROUP BY unit, month
),
-- the levels of each unit and of the units below it
unit_level AS (
  SELECT DISTINCT up.ancestor AS unit, CASE
    WHEN tree.kind IN ('commune', 'ward', 'township', 'special_zone') THEN 'xa'
    WHEN tree.kind = 'district' THEN 'huyen' WHEN tree.kind = 'province' THEN 'tinh' END AS level
  FROM up JOIN tree ON tree.code = up.unit
),
-- the fee procedures within each unit's competence
competent AS (
  SELECT DISTINCT u.code AS unit, proc.code, proc.integrated
  FROM tree u CROSS JOIN proc
  WHERE proc.fee AND (
    NOT EXISTS (SELECT 1 FROM proc_level pl WHERE pl.code = proc.code AND pl.level IS NOT NULL)
    OR EXISTS (SELECT 1 FROM proc_level pl JOIN unit_level ul ON ul.level = pl.level
               WHERE pl.code = proc.code AND ul.unit = u.code))
),
catalogue AS (
  SELECT unit, count(*) AS fee_procedures,
         count(*) FILTER (WHERE integrated) AS integrated_procedures
  FROM competent GROUP BY unit
),
-- version 2: dossiers received before a month and still handled in it (carried over)
months AS (
  SELECT range::DATE AS month,
         (range + INTERVAL 1 MONTH - INTERVAL 1 SECOND) AS window_end
  FROM range(DATE '2024-01-01', DATE '2025-01-01', INTERVAL 1 MONTH)
),
carried AS (
  SELECT up.ancestor AS unit, months.month,
    count(*) AS carried_n,
    count(*) FILTER (WHERE d.supplements <= 1 AND ce.e IS NOT NULL AND ce.e - ce.s <= d.due)
      AS carried_on_time_n
  FROM d JOIN months ON d.received < months.month
  CROSS JOIN LATERAL (
    SELECT (d.status IN (7, 8, 9, 10) OR d.ended IS NOT NULL) AS finished,
           CASE WHEN d.requested IS NOT NULL AND d.supplied IS NOT NULL
                THEN d.supplied - d.requested ELSE INTERVAL 0 SECOND END AS s,
           CASE WHEN d.status IN (7, 8, 9, 10) OR d.ended IS NOT NULL
                THEN coalesce(d.ended, d.returned)
                WHEN d.requested IS NOT NULL AND d.supplied IS NULL THEN d.requested
                ELSE months.window_end END AS e
  ) ce
  JOIN up ON up.unit = d.unit
  WHERE d.status IS DISTINCT FROM 3
    AND (NOT ce.finished OR coalesce(d.ended, d.returned) >= months.month)
  GROUP BY up.ancestor, months.month
)
SELECT tree.code AS unit, strftime(months.month, '%Y-%m') AS month,
  coalesce(received_n, 0), coalesce(on_time_n, 0), coalesce(late_n, 0),
  coalesce(late_apology_n, 0), coalesce(online_n, 0), coalesce(eligible_n, 0),
  coalesce(full_online_n, 0), coalesce(fee_n, 0), coalesce(fee_paid_n, 0),
  coalesce(document_n, 0), coalesce(e_result_n, 0), coalesce(digitised_n, 0),
  coalesce(reused_n, 0), coalesce(fee_used_n, 0), coalesce(fee_used_paid_n, 0),
  coalesce(catalogue.fee_procedures, 0), coalesce(catalogue.integrated_procedures, 0),
  coalesce(carried_n, 0), coalesce(carried_on_time_n, 0)
FROM tree
CROSS JOIN months
LEFT JOIN catalogue ON catalogue.unit = tree.code
LEFT JOIN sums ON sums.unit = tree.code AND sums.month = months.month
LEFT JOIN carried ON carried.unit = tree.code AND carried.month = months.month
"""


def compute(directory: Path, threads: int | None = None) -> dict[tuple[str, str, str], tuple]:
    connection = duckdb.connect()
    if threads:
        connection.execute(f"SET threads = {threads}")
    rows = connection.execute(_sql(Path(directory))).fetchall()
    result: dict[tuple[str, str, str], tuple[int, int]] = {}
    for row in rows:
        unit, month = row[0], row[1]
        (
            received,
            on_time,
            late,
            late_apology,
            online,
            eligible,
            full_online,
            fee,
            fee_paid,
            document,
            e_result,
            digitised,
            reused,
            used,
            used_paid,
            fee_procs,
            integrated,
            carried,
            carried_on_time,
        ) = row[2:]
        for code, pair in (
            ("dossiers_received", (received, received)),
            ("on_time_rate", (on_time, received)),
            ("processing_progress_rate", (on_time + carried_on_time, received + carried)),
            ("late_apology_rate", (late_apology, late)),
            ("online_submission_rate", (online, received)),
            ("full_online_rate", (full_online, eligible)),
            ("online_payment_rate", (fee_paid, fee)),
            ("payment_procedures_rate", (integrated, fee_procs)),
            ("payment_used_procedures_rate", (used_paid, used)),
            ("e_result_rate", (e_result, document)),
            ("digitisation_rate", (digitised, received)),
            ("reuse_rate", (reused, received)),
        ):
            result[(unit, month, code)] = (int(pair[0]), int(pair[1]))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/tmp/cchc-dossier-bench")
    args = parser.parse_args()
    started = time.perf_counter()
    values = compute(Path(args.dir))
    seconds = time.perf_counter() - started
    province = {k[2]: v for k, v in values.items() if k[0] == "bd-tinh" and k[1] == "2024-03"}
    print(f"{len(values)} values in {seconds:.2f} s; province, March 2024:")
    for code, (numerator, denominator) in province.items():
        print(f"  {code:30} {numerator:>9} / {denominator}")


if __name__ == "__main__":
    main()
