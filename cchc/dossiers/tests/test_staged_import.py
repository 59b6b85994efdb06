"""A large import leaves room for other writers and is never seen half-done (issue 18,
finding 3; decision 0031).

Rows are staged, then applied a few at a time, each chunk its own transaction; until the
import is published, readers see the dossiers and the figures as they were. The chunk sizes
are set to one row here so that a three-row import has several chunks to look between.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from cchc.dossiers import facts, saving, staging
from cchc.dossiers.models import Dossier, DossierFact, ImportBatch, Procedure, StagedDossier
from cchc.dossiers.reading import parse_dossier_dicts
from cchc.dossiers.saving import import_dossiers
from cchc.org.models import Post


def item(code: str, **fields) -> dict:
    data = {
        "MaHoSo": code,
        "MaTTHC": "1.001",
        "MaDonVi": "xa-a",
        "NgayTiepNhan": "2024-03-04 08:00",
        "NgayHenTra": "2024-03-08 17:00",
        "NgayKetThucXuLy": "2024-03-07 09:00",
        "TrangThaiHoSo": 10,
        "KenhThucHien": 2,
    }
    data.update(fields)
    return data


def records(*items: dict):
    found, errors = parse_dossier_dicts(items)
    assert not errors
    return found


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(saving, "STAGE_ROWS", 1)
    monkeypatch.setattr(staging, "APPLY_ROWS", 1)


@pytest.fixture
def stored(world):
    """Thạnh Tân holds two dossiers received in March 2024, both online."""
    Procedure.objects.create(code="1.001", name="Đăng ký khai sinh", returns_document=True)
    assert import_dossiers(records(item("HS-1"), item("HS-2", NgayTiepNhan="2024-03-05"))).saved
    return world


# the import under test: one dossier changed (now in person), two new ones
CHANGES = (
    item("HS-1", KenhThucHien=1),
    item("HS-3", NgayTiepNhan="2024-03-06 08:00"),
    item("HS-4", NgayTiepNhan="2024-03-07 08:00", MaTTHC="9.999"),
)


def figures(world) -> tuple[int, int, int, int]:
    """What a page shows: the month (from the facts) and some days (from the dossiers)."""
    paths = [world.commune.path]
    month = facts.window_sums(paths, dt.date(2024, 3, 1), dt.date(2024, 3, 31)).total
    days = facts.window_sums(paths, dt.date(2024, 3, 2), dt.date(2024, 3, 20)).total
    return month["received"], month["online"], days["received"], days["online"]


def dossiers() -> dict[str, tuple]:
    return {
        d.code: (d.unit_id, d.channel, d.received, d.batch_id)
        for d in Dossier.objects.order_by("code")
    }


def fact_rows() -> list[tuple]:
    return sorted(
        DossierFact.objects.values_list(
            "unit_id", "month", "procedure_id", "on_time_until", "received", "online"
        )
    )


def facts_are_exact() -> bool:
    """The facts equal what a rebuild from the dossiers gives."""
    kept = fact_rows()
    facts.rebuild_all()
    return fact_rows() == kept


@pytest.mark.django_db(transaction=True)
def test_another_writer_commits_between_the_batches_of_an_import(world, small_chunks, monkeypatch):
    Procedure.objects.create(code="1.001", name="Đăng ký khai sinh")
    phases: list[str] = []
    saved: list[str] = []

    def official_saves_a_report(phase: str, batch_id: int) -> None:
        # the import holds no transaction between its batches ...
        assert not connection.in_atomic_block
        phases.append(phase)

        def write() -> None:  # ... so another connection's write goes through
            try:
                Post.objects.filter(pk=world.justice.pk).update(name=f"Tư pháp {len(phases)}")
                saved.append(phase)
            finally:
                connections.close_all()

        thread = threading.Thread(target=write)
        thread.start()
        thread.join()

    monkeypatch.setattr(staging, "between_batches", official_saves_a_report)
    outcome = import_dossiers(records(*CHANGES))
    assert outcome.saved and outcome.created == 3
    # HS-1 and HS-3 are new and written once; HS-4's procedure is unknown: staged, applied
    assert phases == ["written", "written", "staged", "applied"]
    assert saved == phases  # every write between batches was committed
    assert Post.objects.get(pk=world.justice.pk).name == "Tư pháp 4"


def test_a_half_applied_import_is_not_seen(stored, small_chunks, monkeypatch):
    before, rows_before = figures(stored), dossiers()
    assert before == (2, 2, 2, 2)
    seen: list[tuple] = []

    def look(phase: str, batch_id: int) -> None:
        seen.append((phase, figures(stored), sorted(Dossier.objects.visible().values_list("code"))))

    monkeypatch.setattr(staging, "between_batches", look)
    outcome = import_dossiers(records(*CHANGES))
    assert (outcome.saved, outcome.created, outcome.updated) == (True, 2, 1)
    # HS-3 is written once, HS-1 (changed) and HS-4 (unknown procedure) staged then applied;
    # all along, pages read the figures and the dossiers as they were
    # (the ORM reads one table: while HS-1 is applied its old version is in the stage, so a
    # lookup misses it for that moment rather than show the unpublished one)
    ours, applying = [("HS-1",), ("HS-2",)], [("HS-2",)]
    assert seen == [
        ("staged", before, ours), ("written", before, ours), ("staged", before, ours),
        ("applied", before, applying), ("applied", before, applying),
    ]  # fmt: skip
    assert figures(stored) == (4, 3, 4, 3)  # then the whole import at once: HS-1 now in person
    assert set(dossiers()) == {"HS-1", "HS-2", "HS-3", "HS-4"}
    assert dossiers()["HS-2"] == rows_before["HS-2"]
    assert not StagedDossier.objects.exists()
    assert facts_are_exact()
    # published for good: not taken for an abandoned import, however old it gets
    assert ImportBatch.objects.get(pk=outcome.batch.pk).state == ImportBatch.State.DONE
    assert staging.recover_abandoned(older_than=dt.timedelta(0)) == 0
    assert figures(stored) == (4, 3, 4, 3)


def test_an_import_failing_while_applying_is_rolled_back_whole(stored, small_chunks, monkeypatch):
    before, rows_before, facts_before = figures(stored), dossiers(), fact_rows()
    batches = ImportBatch.objects.count()

    def crash(phase: str, batch_id: int) -> None:
        if phase == "applied" and Dossier.objects.filter(batch_id=batch_id).count() == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(staging, "between_batches", crash)
    with pytest.raises(RuntimeError):
        import_dossiers(records(*CHANGES))
    assert dossiers() == rows_before  # HS-1 is back as it was, HS-3 is gone
    assert (figures(stored), fact_rows()) == (before, facts_before)
    assert not StagedDossier.objects.exists() and ImportBatch.objects.count() == batches

    monkeypatch.setattr(staging, "between_batches", lambda phase, batch_id: None)
    assert import_dossiers(records(*CHANGES)).saved  # and the same file goes in afterwards
    assert figures(stored) == (4, 3, 4, 3)


def test_an_import_abandoned_by_a_dead_process_stays_unseen_until_rolled_back(
    stored, small_chunks, monkeypatch
):
    before, rows_before = figures(stored), dossiers()

    class Killed(BaseException):
        """The process dies: nothing of the import's own clean-up runs."""

    def die(phase: str, batch_id: int) -> None:
        if phase == "applied":
            raise Killed

    monkeypatch.setattr(staging, "between_batches", die)
    monkeypatch.setattr(staging, "roll_back", lambda batch_id: None)
    with pytest.raises(Killed):
        import_dossiers(records(*CHANGES))
    monkeypatch.undo()

    abandoned = ImportBatch.objects.get(state=ImportBatch.State.APPLYING)
    assert Dossier.objects.filter(batch=abandoned).exists()  # one chunk went in ...
    assert figures(stored) == before  # ... and no page counts it

    assert staging.recover_abandoned() == 0  # a live import is left alone
    ImportBatch.objects.filter(pk=abandoned.pk).update(
        heartbeat=abandoned.heartbeat - staging.STALE_AFTER - dt.timedelta(seconds=1)
    )
    outcome = import_dossiers(records(*CHANGES))  # the next import rolls it back first
    assert outcome.saved and (outcome.created, outcome.updated) == (2, 1)
    assert not ImportBatch.objects.filter(pk=abandoned.pk).exists()
    assert figures(stored) == (4, 3, 4, 3)
    assert dossiers()["HS-2"] == rows_before["HS-2"]
    assert not StagedDossier.objects.exists()
    assert facts_are_exact()


def test_an_import_waits_for_another_being_applied_then_asks_to_retry(stored, monkeypatch):
    from django.utils import timezone

    from cchc.core.busy import is_busy

    rows_before, batches = dossiers(), ImportBatch.objects.count()
    ImportBatch.objects.create(
        kind=ImportBatch.Kind.DOSSIERS,
        source=ImportBatch.Source.API,
        state=ImportBatch.State.APPLYING,
        heartbeat=timezone.now(),  # alive: not to be rolled back
    )
    monkeypatch.setattr(staging, "APPLY_WAIT_SECONDS", 0)
    with pytest.raises(Exception) as refused:
        import_dossiers(records(*CHANGES))
    assert is_busy(refused.value)  # the user gets "busy, try again", not a server error
    assert dossiers() == rows_before and not StagedDossier.objects.exists()
    assert ImportBatch.objects.count() == batches + 1  # only the other import's


FRESH = (item("HS-5"), item("HS-6", NgayTiepNhan="2024-03-06 08:00", KenhThucHien=1))


def test_a_fresh_import_writes_its_dossiers_once_unseen_until_published(stored, monkeypatch):
    """New dossiers go straight into the dossier table, never through the stage, and no
    reader counts them, through SQL or the ORM, until the import is published whole."""
    before = figures(stored)
    seen: list[tuple] = []

    def look(phase: str, batch_id: int) -> None:
        seen.append(
            (
                phase,
                Dossier.objects.filter(batch_id=batch_id).count(),
                StagedDossier.objects.filter(owner_id=batch_id).count(),
                figures(stored),
                sorted(Dossier.objects.visible().values_list("code", flat=True)),
            )
        )

    monkeypatch.setattr(staging, "between_batches", look)
    outcome = import_dossiers(records(*FRESH))
    assert (outcome.saved, outcome.created, outcome.updated) == (True, 2, 0)
    assert seen == [("written", 2, 0, before, ["HS-1", "HS-2"])]
    assert figures(stored) == (4, 3, 4, 3)
    assert sorted(Dossier.objects.visible().values_list("code", flat=True)) == [
        "HS-1", "HS-2", "HS-5", "HS-6",
    ]  # fmt: skip
    assert facts_are_exact()


def test_an_import_failing_after_writing_new_dossiers_leaves_nothing(stored, monkeypatch):
    before, rows_before, facts_before = figures(stored), dossiers(), fact_rows()
    batches = ImportBatch.objects.count()

    def crash(phase: str, batch_id: int) -> None:
        if phase == "written":
            raise RuntimeError("disk full")

    monkeypatch.setattr(staging, "between_batches", crash)
    with pytest.raises(RuntimeError):
        import_dossiers(records(*FRESH))
    assert dossiers() == rows_before
    assert (figures(stored), fact_rows()) == (before, facts_before)
    assert ImportBatch.objects.count() == batches

    monkeypatch.setattr(staging, "between_batches", lambda phase, batch_id: None)
    assert import_dossiers(records(*FRESH)).saved
    assert figures(stored) == (4, 3, 4, 3)


def test_a_code_another_import_stored_meanwhile_is_applied_as_a_change(stored, monkeypatch):
    """Between the check of its codes and its write, another import stored one of them: the
    fresh write fails on the unique code, nothing of it stays, and the rows go the staged way
    (the stored version kept as old while applied)."""
    real_compare = saving.DossierImport.compare

    def compare_then_another_import(self, buffer):
        found = real_compare(self, buffer)
        Dossier.objects.filter(code="HS-1").update(code="HS-5")  # as if stored meanwhile
        return found

    monkeypatch.setattr(saving.DossierImport, "compare", compare_then_another_import)
    outcome = import_dossiers(records(*FRESH))
    assert outcome.saved
    assert sorted(Dossier.objects.visible().values_list("code", "channel")) == [
        ("HS-2", 2), ("HS-5", 2), ("HS-6", 1),
    ]  # fmt: skip
    assert not StagedDossier.objects.exists()
    assert facts_are_exact()


def test_a_block_with_a_code_stored_meanwhile_is_applied_as_a_change(stored, monkeypatch, tmp_path):
    """The same race for a block of the block reader: its write fails whole on HS-1 (stored
    after the check, as `_stored_codes` missing it stands for), and the block is staged."""
    from cchc.dossiers import bulk
    from cchc.dossiers.columnar import read_dossiers

    path = tmp_path / "hoso.csv"
    path.write_text(
        "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra,KenhThucHien\n"
        "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08 17:00,1\n"
        "HS-7,1.001,xa-a,2024-03-05 08:00,2024-03-08 17:00,2\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(bulk, "_stored_codes", lambda codes: set())
    outcome = import_dossiers(read_dossiers(str(path), filename=str(path)))
    assert outcome.saved
    assert sorted(Dossier.objects.visible().values_list("code", "channel")) == [
        ("HS-1", 1), ("HS-2", 2), ("HS-7", 2),
    ]  # fmt: skip
    assert not StagedDossier.objects.exists()
    assert facts_are_exact()


def _block_file(tmp_path, *rows: str):
    """A file the block reader reads as one block (one procedure, one commune)."""
    path = tmp_path / "hoso.csv"
    lines = [f"{code},1.001,xa-a,2024-03-{day:02d} 08:00,2024-04-30 17:00,{channel}"
             for code, day, channel in rows]  # fmt: skip
    path.write_text(
        "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra,KenhThucHien\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.fixture
def batch_steps(monkeypatch) -> list[tuple]:
    """Each step between an import's batches (`staging.between_batches`): its phase and how
    many dossiers the batch has written so far."""
    steps: list[tuple] = []
    monkeypatch.setattr(
        staging,
        "between_batches",
        lambda phase, batch_id: steps.append(
            (phase, Dossier.objects.filter(batch_id=batch_id).count())
        ),
    )
    return steps


def test_a_block_longer_than_one_insert_is_written_whole(
    stored, batch_steps, monkeypatch, tmp_path
):
    """SQLite writes a block in INSERTs of many rows each (as many as its variable limit
    allows), the rest in a last shorter one: with two rows an INSERT, five new dossiers are
    three INSERTs, and every one of them is written, once, with its own values."""
    from cchc.dossiers import bulk
    from cchc.dossiers.columnar import read_dossiers

    monkeypatch.setattr(bulk, "rows_per_statement", lambda width: 2)
    rows = [(f"HS-{n}", 9 + n, 1 + n % 2) for n in range(10, 15)]
    path = _block_file(tmp_path, *rows)
    outcome = import_dossiers(read_dossiers(path, filename=path))
    assert (outcome.saved, outcome.created) == (True, 5)
    assert batch_steps == [("written", 5)]
    stored_rows = Dossier.objects.visible().filter(code__in=[code for code, _d, _c in rows])
    assert sorted(stored_rows.values_list("code", "received_on", "channel")) == [
        (code, dt.date(2024, 3, day), channel) for code, day, channel in rows
    ]
    assert facts_are_exact()


def test_a_code_taken_in_the_last_insert_of_a_block_leaves_none_of_it(
    stored, batch_steps, monkeypatch, tmp_path
):
    """The race of the test above, the taken code (HS-1, received last) in the third INSERT of
    its block: the two INSERTs before it had written four rows, and none of them stays — the
    whole block is staged and applied, each dossier once."""
    from cchc.dossiers import bulk
    from cchc.dossiers.columnar import read_dossiers

    monkeypatch.setattr(bulk, "rows_per_statement", lambda width: 2)
    monkeypatch.setattr(bulk, "_stored_codes", lambda codes: set())
    new = [(f"HS-{n}", 9 + n, 2) for n in range(10, 14)]
    path = _block_file(tmp_path, *new, ("HS-1", 25, 1))
    outcome = import_dossiers(read_dossiers(path, filename=path))
    assert outcome.saved
    assert batch_steps[0] == ("staged", 0)  # nothing of the failed write left in the dossier table
    assert sorted(Dossier.objects.visible().values_list("code", "channel")) == [
        ("HS-1", 1), ("HS-10", 2), ("HS-11", 2), ("HS-12", 2), ("HS-13", 2), ("HS-2", 2),
    ]  # fmt: skip
    assert not StagedDossier.objects.exists()
    assert facts_are_exact()
