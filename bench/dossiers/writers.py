"""Time `cchc import-dossiers` on SQLite while another writer saves every 0.2 s.

Usage: `.venv/bin/python bench/dossiers/writers.py DB.sqlite3 DATA_DIR` (DATA_DIR from
`generate.py`); the database file is deleted and rebuilt. Prints the fresh import's time, how
many of the other writer's saves went through or failed (`database is locked` after the
20 s busy timeout) and its longest wait, then the time of an identical re-import. Run with
`PYTHONPATH=<another checkout>` to measure other code with the same virtualenv.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CCHC = str(ROOT / ".venv" / "bin" / "cchc")


class OtherWriter:
    """Another process's small saves, one every 0.2 s, while the import runs: how long each
    waits for the database, and which fail."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.waits: list[float] = []
        self.failures: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join()

    def run(self) -> None:
        con = sqlite3.connect(self.db, timeout=20, isolation_level=None)
        con.execute("CREATE TABLE IF NOT EXISTS bench_writes (at REAL)")
        while not self.stopping.is_set():
            started = time.perf_counter()
            try:
                con.execute("BEGIN IMMEDIATE")
                con.execute("INSERT INTO bench_writes VALUES (?)", (started,))
                con.execute("COMMIT")
                self.waits.append(time.perf_counter() - started)
            except sqlite3.OperationalError as exc:
                self.failures.append(str(exc))
                if con.in_transaction:
                    con.execute("ROLLBACK")
            time.sleep(0.2)


def main() -> None:
    db, data = sys.argv[1], Path(sys.argv[2])
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)

    def run(*args: str) -> tuple[float, str]:
        started = time.perf_counter()
        done = subprocess.run([CCHC, *args], env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(done.stdout[-2000:] + done.stderr[-2000:])
        return time.perf_counter() - started, done.stdout

    run("migrate", "-v", "0")
    units = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'bench' / 'dossiers')!r}); import django; "
        "django.setup(); from pathlib import Path; from measure import create_units; "
        f"create_units(Path({str(data)!r}))"
    )
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", units],
        env={**env, "DJANGO_SETTINGS_MODULE": "cchc.settings"},
        check=True,
    )
    run("import-procedures", str(data / "procedures.csv"))
    with open(data / "dossiers.csv", "rb") as handle:
        rows = sum(1 for _ in handle) - 1

    writer = OtherWriter(db)
    writer.start()
    seconds, out = run("import-dossiers", str(data / "dossiers.csv"), "--format", "json")
    writer.stop()
    print(f"fresh import: {rows} rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s")
    print(f"  {out.strip()[:150]}")
    waits, failures = writer.waits, writer.failures
    longest = max(waits) if waits else 0.0
    print(
        f"  other writer: {len(waits)} saves went through, {len(failures)} failed; "
        f"longest wait {longest:.2f} s"
    )
    seconds, out = run("import-dossiers", str(data / "dossiers.csv"), "--format", "json")
    print(f"identical re-import: {seconds:.1f} s = {rows / seconds:,.0f} rows/s")


if __name__ == "__main__":
    main()
