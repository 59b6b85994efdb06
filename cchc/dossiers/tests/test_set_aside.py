"""A large import writes its new dossiers without the dossier table's secondary indexes and
foreign keys and makes them again before it is published (decision 0113): what it stores is
what an import keeping them stores, no reader sees its rows meanwhile, and whatever happens
the table ends with the indexes and keys its migrations gave it."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.utils import timezone

from cchc.dossiers import staging, upkeep
from cchc.dossiers.columnar import read_dossiers
from cchc.dossiers.models import Dossier, ImportBatch

from .test_fast_path import (  # noqa: F401 (the last two are fixtures)
    changed,
    generated_file,
    run_import,
    setting,
    small_blocks,
    state,
    wipe,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("setting", "small_blocks"),
]


def constraints() -> dict[str, tuple]:
    """Every index and constraint of the dossier table: name -> (columns, unique, key)."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Dossier._meta.db_table)
    return {
        name: (tuple(info["columns"]), info["unique"], info["foreign_key"])
        for name, info in found.items()
    }


def test_what_is_set_aside_is_made_again_as_the_migrations_made_it():
    before = constraints()
    upkeep.set_aside()
    gone = upkeep.missing()
    assert "dossier_unit_day" in gone and "dossier_unit_month" in gone
    left = constraints()
    assert set(left) == set(before) - set(gone)
    # the code stays unique (and found by its index), the primary key stays
    assert any(info == (("code",), True, None) for info in left.values())
    assert sorted(upkeep.restore()) == sorted(gone)
    assert upkeep.missing() == []
    assert constraints() == before


def _import_watched(tmp_path, monkeypatch, text: str, name: str) -> tuple[dict, list[tuple]]:
    """Import `text`; (its outcome, (missing names, dossiers a reader sees) after each block)."""
    seen: list[tuple] = []

    def watch(phase: str, batch_id: int) -> None:
        if phase == "written":
            seen.append((tuple(upkeep.missing()), Dossier.objects.visible().count()))

    monkeypatch.setattr(staging, "between_batches", watch)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_import(read_dossiers, path, skip_invalid=True), seen


def test_an_import_with_the_indexes_set_aside_stores_what_one_keeping_them_stores(
    tmp_path, monkeypatch
):
    rng = random.Random(11)
    first = generated_file(rng, 600)
    second = changed(first, rng)
    results, states = [], []
    for minimum in (10**9, 50):  # never set aside, then set aside after the first rows
        monkeypatch.setattr(upkeep, "MIN_ROWS", minimum)
        wipe()
        before = constraints()
        outcome, seen = _import_watched(tmp_path, monkeypatch, first, "hoso.csv")
        again, _seen = _import_watched(tmp_path, monkeypatch, second, "hoso-2.csv")
        assert constraints() == before  # back as they were, before publication
        results.append((outcome, again))
        states.append(state())
        if minimum == 50:
            # the first blocks are written with the indexes, the rest without; no reader
            # sees a row of the import meanwhile
            aside = [bool(gone) for gone, _visible in seen]
            assert not aside[0] and aside[-1] and aside == sorted(aside)
            assert all(visible == 0 for _gone, visible in seen)
    assert results[0][0]["errors"] and results[0][0]["created"] > 400
    assert results[0][1]["updated"] > 50
    assert results[1] == results[0]
    assert states[1] == states[0]


def test_an_import_failing_after_setting_aside_leaves_nothing_and_the_indexes_back(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(upkeep, "MIN_ROWS", 50)
    before = constraints()
    written: list[int] = []

    def fail(phase: str, batch_id: int) -> None:
        written.append(len(upkeep.missing()))
        if written[-1]:  # a block written without the indexes, then a failure
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(staging, "between_batches", fail)
    path = tmp_path / "hoso.csv"
    path.write_text(generated_file(random.Random(12), 600), encoding="utf-8")
    with pytest.raises(RuntimeError):
        run_import(read_dossiers, path, skip_invalid=True)
    assert written[-1] > 0  # it failed with the indexes set aside
    assert Dossier.objects.count() == 0 and not ImportBatch.objects.exists()
    assert constraints() == before


def test_an_import_keeps_the_indexes_while_another_one_is_under_way(tmp_path, monkeypatch):
    monkeypatch.setattr(upkeep, "MIN_ROWS", 50)
    other = ImportBatch.objects.create(
        kind=ImportBatch.Kind.DOSSIERS,
        state=ImportBatch.State.STAGING,
        heartbeat=timezone.now(),
        file_name="other.csv",
    )
    outcome, seen = _import_watched(
        tmp_path, monkeypatch, generated_file(random.Random(13), 600), "hoso.csv"
    )
    assert outcome["created"] > 400
    assert [gone for gone, _visible in seen] == [()] * len(seen)
    other.delete()


def test_recovery_makes_again_what_a_dead_import_set_aside():
    before = constraints()
    upkeep.set_aside()  # as a process killed between setting aside and publishing leaves it
    abandoned = ImportBatch.objects.create(
        kind=ImportBatch.Kind.DOSSIERS,
        state=ImportBatch.State.STAGING,
        heartbeat=timezone.now() - dt.timedelta(hours=1),
        file_name="dead.csv",
    )
    assert staging.recover_abandoned() == 1
    assert not ImportBatch.objects.filter(pk=abandoned.pk).exists()
    assert constraints() == before
