"""Write a one-stop export for the load test: N dossiers of Xã Thạnh Tân in the contract's
columns, over the demo's procedure codes, received over the last 60 days.

    .venv/bin/python bench/load/dossiers.py N FILE [SEED]

The codes are fixed (LOAD-000001 …), so importing the file again updates the same dossiers, as
a daily re-export from the one-stop system does.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path


def _procedures() -> list[tuple[str, int]]:
    """The demo catalogue's codes with their legal days (read with Django set up)."""
    import os

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django

    django.setup()
    from cchc.dossiers.demo import PROCEDURES

    return [(row[0], row[-1]) for row in PROCEDURES]


COLUMNS = [
    "MaHoSo",
    "MaTTHC",
    "MaDonVi",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "TrangThaiHoSo",
    "KenhThucHien",
]


def main() -> int:
    count, path = int(sys.argv[1]), Path(sys.argv[2])
    procedures = _procedures()
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    today = dt.datetime.now().replace(microsecond=0)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for i in range(1, count + 1):
            code, days = rng.choice(procedures)
            received = today - dt.timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 600))
            due = received + dt.timedelta(days=days + 2)
            finished = received + dt.timedelta(days=rng.randint(0, days + 3), hours=2)
            done = finished < today
            out.writerow(
                [
                    f"LOAD-{i:06d}",
                    code,
                    "thanh-tan",
                    f"{received:%Y-%m-%d %H:%M:%S}",
                    f"{due:%Y-%m-%d %H:%M:%S}",
                    f"{finished:%Y-%m-%d %H:%M:%S}" if done else "",
                    "10" if done else "4",
                    rng.choice(["1", "2"]),
                ]
            )
    print(f"{count} hồ sơ → {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
