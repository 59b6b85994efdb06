"""A server killed with kill -9 in the middle of an import (issue 17, "load held"): the import
runs as `cchc import-dossiers` in its own process on a demo installation, is killed while its
rows are being applied, and the dossiers and facts readers see stay as they were; the worker's
recovery then rolls it back, and the same file imports whole afterwards."""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import time
from collections.abc import Callable
from typing import TypeVar

import pytest

from cchc.dossiers.demo import PROCEDURES
from cchc.testing.sites import POSTGRES, Site

T = TypeVar("T")

NEW_ROWS = 60_000


@pytest.fixture(scope="module")
def site(tmp_path_factory, demo_site):
    installed = Site(tmp_path_factory.mktemp("kill"), "site", like=demo_site)
    yield installed
    installed.drop()


def _dossiers(site: Site) -> list[tuple]:
    return site.query(
        "SELECT code, unit_id, status, due, processing_ended FROM dossiers_dossier ORDER BY code"
    )


def _facts(site: Site) -> list[tuple]:
    """Every fact row without its id (a rebuild numbers them anew)."""
    return sorted(row[1:] for row in site.query("SELECT * FROM dossiers_dossierfact"))


def _write_file(site: Site, path) -> list[str]:
    """New dossiers of Thạnh Tân, and the existing ones changed (finished late)."""
    existing = [
        row[0]
        for row in site.query(
            "SELECT d.code FROM dossiers_dossier d JOIN org_unit u ON u.id = d.unit_id "
            "WHERE u.code = 'thanh-tan' ORDER BY d.code"
        )
    ]
    assert existing, "the demo gives Thạnh Tân dossiers"
    start = dt.datetime(2026, 3, 2, 8, 0)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["MaHoSo", "MaTTHC", "MaDonVi", "NgayTiepNhan", "NgayHenTra",
                      "NgayKetThucXuLy", "TrangThaiHoSo"])  # fmt: skip
        codes = existing + [f"KILL-{i:06d}" for i in range(NEW_ROWS)]
        for i, code in enumerate(codes):
            received = start + dt.timedelta(minutes=i % 40_000)
            out.writerow([
                code, PROCEDURES[i % len(PROCEDURES)][0], "thanh-tan",
                f"{received:%Y-%m-%d %H:%M}", f"{received + dt.timedelta(days=3):%Y-%m-%d %H:%M}",
                f"{received + dt.timedelta(days=5):%Y-%m-%d %H:%M}", "10",
            ])  # fmt: skip
    return existing


def _kill_when(site: Site, path, reached: Callable[[], T], never: str) -> T:
    """Start the import of `path` and SIGKILL it as soon as `reached()` gives something true
    (polled every 50 ms, 5 minutes at most); returns what it gave."""
    process = site.start("import-dossiers", str(path))
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            found = reached()
            if found:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                return found
            assert process.poll() is None, "the import ended before it could be killed"
            time.sleep(0.05)
        pytest.fail(never)
    finally:
        if process.poll() is None:
            process.kill()


def _in_state(site: Site, state: str) -> int:
    """How many dossiers of an import in `state` are in the dossier table."""
    return site.query(
        "SELECT COUNT(*) FROM dossiers_dossier d JOIN dossiers_importbatch b "
        f"ON b.id = d.batch_id WHERE b.state = '{state}'"
    )[0][0]


def _recover(site: Site) -> None:
    """Run the worker's recovery of dead imports now; exactly one is rolled back."""
    recovered = site.run(
        "shell", "-c",
        "import datetime; from cchc.dossiers.staging import recover_abandoned;"
        "print(recover_abandoned(datetime.timedelta(0)))",
    )  # fmt: skip
    assert recovered.returncode == 0, recovered.stderr
    assert recovered.stdout.strip().splitlines()[-1] == "1"


def _kill_while_applying(site: Site, path) -> None:
    never = "the import never reached the applying stage"
    _kill_when(site, path, lambda: _in_state(site, "applying"), never)


def test_a_kill_9_in_the_middle_of_an_import_leaves_dossiers_and_facts_as_they_were(site, tmp_path):
    path = tmp_path / "hoso.csv"
    existing = _write_file(site, path)
    dossiers_before, facts_before = _dossiers(site), _facts(site)

    _kill_while_applying(site, path)

    # What the figures are made of did not move: the half-applied rows count nowhere.
    assert _facts(site) == facts_before
    _recover(site)  # the worker's recovery: one dead import rolled back
    assert _dossiers(site) == dossiers_before
    assert _facts(site) == facts_before
    rebuilt = site.run("shell", "-c", "from cchc.dossiers import facts; facts.rebuild_all()")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _facts(site) == facts_before

    again = site.run("import-dossiers", str(path))
    assert again.returncode == 0, again.stderr
    assert len(_dossiers(site)) == len(dossiers_before) + NEW_ROWS
    late = site.query(
        "SELECT COUNT(*) FROM dossiers_dossier WHERE code IN ('" + "','".join(existing[:50]) + "')"
        " AND processing_ended IS NOT NULL"
    )[0][0]
    assert late == min(50, len(existing))


FRESH_ROWS = 100_000
# the dossiers a reader sees: none of an import that is not published (decision 0103)
VISIBLE = (
    "SELECT d.code, d.unit_id, d.status, d.due, d.processing_ended FROM dossiers_dossier d "
    "LEFT JOIN dossiers_importbatch b ON b.id = d.batch_id "
    "WHERE d.batch_id IS NULL OR b.state = 'done' ORDER BY d.code"
)


def _write_fresh_file(path, rows: int = FRESH_ROWS) -> None:
    """A month of new dossiers only: the import writes each of them once, no stage."""
    start = dt.datetime(2026, 4, 1, 8, 0)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["MaHoSo", "MaTTHC", "MaDonVi", "NgayTiepNhan", "NgayHenTra",
                      "TrangThaiHoSo"])  # fmt: skip
        for i in range(rows):
            received = start + dt.timedelta(seconds=20 * i)
            out.writerow([
                f"FRESH-{i:06d}", PROCEDURES[i % len(PROCEDURES)][0], "thanh-tan",
                f"{received:%Y-%m-%d %H:%M}", f"{received + dt.timedelta(days=3):%Y-%m-%d %H:%M}",
                "4",
            ])  # fmt: skip


def _kill_while_writing(site: Site, path) -> int:
    """Kill the import once some of its dossiers are in the dossier table while it is still
    reading the file; returns how many were there."""
    return _kill_when(
        site, path, lambda: _in_state(site, "staging"), "the import never wrote a dossier"
    )


def test_a_kill_9_while_new_dossiers_are_written_once_leaves_nothing_seen(site, tmp_path):
    path = tmp_path / "thang4.csv"
    _write_fresh_file(path)
    seen_before, facts_before = site.query(VISIBLE), _facts(site)
    stored_before = len(_dossiers(site))

    written = _kill_while_writing(site, path)

    assert 0 < written < FRESH_ROWS  # some of them are in the dossier table, unpublished ...
    assert len(_dossiers(site)) == stored_before + written
    assert site.query(VISIBLE) == seen_before  # ... and no reader sees or counts them
    assert _facts(site) == facts_before
    _recover(site)  # the worker's recovery: one dead import rolled back
    assert len(_dossiers(site)) == stored_before  # the written rows are gone
    assert _facts(site) == facts_before

    april_before = _april(site)
    again = site.run("import-dossiers", str(path))
    assert again.returncode == 0, again.stderr
    assert len(site.query(VISIBLE)) == stored_before + FRESH_ROWS
    assert _april(site) == april_before + FRESH_ROWS


def _april(site: Site) -> int:
    """Thạnh Tân's dossiers received in April 2026, as the facts count them."""
    return site.query(
        "SELECT COALESCE(SUM(f.received), 0) FROM dossiers_dossierfact f "
        "JOIN org_unit u ON u.id = f.unit_id "
        "WHERE u.code = 'thanh-tan' AND f.month = '2026-04-01'"
    )[0][0]


ASIDE_ROWS = 150_000  # many times the demo's dossiers: written without the indexes (0113)


def _indexes(site: Site) -> set[str]:
    """The dossier table's indexes and (PostgreSQL) foreign keys, by name."""
    if POSTGRES:
        rows = site.query(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'dossiers_dossier' UNION "
            "SELECT conname FROM pg_constraint WHERE conrelid = 'dossiers_dossier'::regclass "
            "AND contype = 'f'"
        )
    else:
        rows = site.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers_dossier'"
        )
    return {name for (name,) in rows}


def _kill_while_set_aside(site: Site, path, indexes: set[str]) -> set[str]:
    """Kill the import once it has set some of the table's indexes aside; returns those left."""

    def some_set_aside() -> set[str]:
        left = _indexes(site)
        return left if left < indexes else set()

    return _kill_when(site, path, some_set_aside, "the import never set the indexes aside")


def test_a_kill_9_while_the_indexes_are_set_aside_leaves_them_made_again(
    tmp_path_factory, tmp_path, demo_site
):
    fresh = Site(tmp_path_factory.mktemp("aside"), "aside", like=demo_site)
    try:
        path = tmp_path / "nam.csv"
        _write_fresh_file(path, ASIDE_ROWS)
        indexes, seen_before, facts_before = _indexes(fresh), fresh.query(VISIBLE), _facts(fresh)
        assert "dossier_unit_month" in indexes

        left = _kill_while_set_aside(fresh, path, indexes)

        assert "dossier_unit_month" not in left
        assert fresh.query(VISIBLE) == seen_before  # nothing of it seen or counted
        assert _facts(fresh) == facts_before
        _recover(fresh)  # the worker's recovery: one dead import rolled back
        assert _indexes(fresh) == indexes  # made again by the recovery
        assert fresh.query(VISIBLE) == seen_before

        again = fresh.run("import-dossiers", str(path))
        assert again.returncode == 0, again.stderr
        assert _indexes(fresh) == indexes
        assert len(fresh.query(VISIBLE)) == len(seen_before) + ASIDE_ROWS
    finally:
        fresh.drop()
