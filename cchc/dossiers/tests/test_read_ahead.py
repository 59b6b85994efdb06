"""On SQLite a dossier file is read in a thread, a block ahead of its storing (`ahead.py`):
the caller gets the same items in the same order, the reader's error where it stands, the
messages in the caller's language; the thread reads at most one group ahead and ends with
the caller."""

from __future__ import annotations

import io
import threading
import time

import pytest
from django.utils import translation

from cchc.dossiers.ahead import read_ahead
from cchc.dossiers.reading import iter_dossiers
from cchc.dossiers.records import DossierFileError, RowError

CSV = (
    "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra\n"
    "HS-1,1.001193,xa-a,2024-03-04 08:30,2024-03-08 17:00\n"
    "HS-2,1.001193,xa-a,31/02/2024,2024-03-08 17:00\n"
)


def _readers_alive() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "dossier-reader"]


def test_every_item_comes_out_once_and_in_the_order_the_reader_gave_it():
    items = list(range(5000))  # single items, handed over in groups
    blocks = [f"block {n}" for n in range(3)]  # large ones, handed over alone
    source = [*items[:10], blocks[0], *items[10:4500], blocks[1], blocks[2], *items[4500:]]

    got = list(read_ahead(iter(source), is_block=lambda item: isinstance(item, str)))

    assert got == source


def test_an_error_of_the_reader_is_raised_after_the_rows_before_it():
    def reader():
        yield from ("row 2", "row 3")
        raise DossierFileError("Dòng 4 không đọc được")

    got = []
    with pytest.raises(DossierFileError, match="Dòng 4"):
        for item in read_ahead(reader()):
            got.append(item)

    assert got == ["row 2", "row 3"]
    assert not _readers_alive()


def test_the_reader_never_runs_more_than_one_group_ahead_of_the_caller():
    produced = []

    def reader():
        for n in range(50):
            produced.append(n)
            yield n

    items = read_ahead(reader(), is_block=lambda item: True)  # every item a group
    assert next(items) == 0
    time.sleep(0.3)  # the caller storing its first group, slowly

    assert produced == [0, 1]  # the group being stored and the one read next, no more
    assert list(items) == list(range(1, 50))


def test_a_caller_that_stops_early_stops_the_reader_and_its_file_is_closed():
    closed = threading.Event()

    def reader():
        try:
            yield from range(10_000)
        finally:
            closed.set()

    items = read_ahead(reader(), is_block=lambda item: True)
    assert [next(items) for _ in range(3)] == [0, 1, 2]
    items.close()  # an import refused or failing part-way

    assert closed.is_set()
    assert not _readers_alive()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_readers_messages_are_in_the_callers_language(language):
    with translation.override(language):
        errors = [
            item
            for item in read_ahead(iter_dossiers(io.BytesIO(CSV.encode()), filename="hoso.csv"))
            if isinstance(item, RowError)
        ]
        expected = [
            item
            for item in iter_dossiers(io.BytesIO(CSV.encode()), filename="hoso.csv")
            if isinstance(item, RowError)
        ]

    assert [(e.row, e.column) for e in errors] == [(3, "NgayTiepNhan")]
    assert errors == expected  # the message said in `language`, as the caller's thread says it
