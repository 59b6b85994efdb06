"""Three ways to make the facts of a million dossiers, timed (CPU and wall, load beside).

    DATABASE_URL=sqlite:////tmp/x.sqlite3 .venv/bin/python bench/dossiers/facts_ways.py

On a database `importing.py` filled: `facts.rebuild` of every (unit, month) (a GROUP BY per
unit, what the import runs), one GROUP BY over the whole table (checked to give the same
facts), and a Polars `group_by` of the same rows held in memory (what the import's blocks
would allow; nothing written). Rewrites the facts: use a throwaway database.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")

import django

django.setup()

import polars as pl  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from cchc.dossiers import facts  # noqa: E402
from cchc.dossiers.models import Dossier, DossierFact  # noqa: E402

FLAGS = ("apology", "full_online", "has_fee", "e_result", "digitised", "reused")


def timed(label: str, work) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<52} wall {wall:6.2f} s  CPU {cpu:6.2f} s  load {os.getloadavg()[0]:.1f}"
          f"  -> {result:,}")  # fmt: skip


def stored() -> list[tuple]:
    return sorted(DossierFact.objects.values_list(*facts.KEY, *facts.COUNTERS))


def one_group_by() -> int:
    table = connection.ops.quote_name(DossierFact._meta.db_table)
    columns = ", ".join((*facts.KEY, *facts.COUNTERS))
    sums = ", ".join(f"SUM({expr})" for expr in facts.SOURCE_COLUMNS.values())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT d.unit_id, d.month, d.procedure_id, "
            f"d.on_time_until, {sums} FROM dossiers_dossier d WHERE d.counted "
            "GROUP BY d.unit_id, d.month, d.procedure_id, d.on_time_until"
        )
        return cursor.rowcount


def main() -> None:
    keys = list(Dossier.objects.values_list("unit_id", "month").distinct())
    print(f"{len(keys):,} unit-months")
    timed("facts.rebuild (a GROUP BY per unit)", lambda: facts.rebuild(keys))
    kept = stored()
    timed("one GROUP BY over the table", one_group_by)
    print("the same facts:", stored() == kept)
    names = ["unit_id", "month", "procedure_id", "on_time_until", "counted", "channel",
             "paid_online", *FLAGS]  # fmt: skip
    rows = list(Dossier.objects.values_list(*names))
    frame = pl.DataFrame(rows, schema=names, orient="row")
    flag = {name: pl.col(name).cast(pl.Boolean) for name in ("counted", *FLAGS)}
    paid = pl.col("paid_online").is_in([1, 2])

    def in_memory() -> int:
        return (
            frame.filter(flag["counted"])
            .group_by(*facts.KEY)
            .agg(
                received=pl.len(),
                apology=flag["apology"].sum(),
                online=(pl.col("channel") == 2).sum(),
                postal=(pl.col("channel") == 3).sum(),
                full_online=flag["full_online"].sum(),
                fee=flag["has_fee"].sum(),
                fee_paid_online=(flag["has_fee"] & paid).sum(),
                paid_online=paid.sum(),
                e_result=flag["e_result"].sum(),
                digitised=flag["digitised"].sum(),
                digitised_e_result=(flag["digitised"] & flag["e_result"]).sum(),
                reused=flag["reused"].sum(),
            )
            .height
        )

    timed("Polars group_by of the rows in memory (no write)", in_memory)


if __name__ == "__main__":
    main()
