"""The tests' copy of a loaded demo (cchc/testing/demo.py, decision 0165): what is put back is
what was loaded, rows and files, and the database keeps working after it."""

import datetime as dt
import io

import pytest
from django.core.files.storage import storages
from django.db import connection

from cchc.audit import guard
from cchc.org.models import Unit
from cchc.testing import dbcopy
from cchc.testing.demo import _LOADED, demo_data
from cchc.testing.factories import UnitFactory

TODAY = dt.date(2025, 6, 11)


def _units():
    return list(Unit.objects.order_by("pk").values_list("pk", "code", "name", "parent_id"))


@pytest.mark.django_db
def test_rows_put_back_are_the_rows_taken_and_the_database_goes_on(world):
    before = _units()
    taken = dbcopy.take()
    world.other.delete()
    Unit.objects.filter(pk=world.commune.pk).update(name="Đã đổi tên")
    UnitFactory(code="moi", parent=world.district)

    dbcopy.put_back(taken)

    assert _units() == before
    assert dbcopy.take() == taken
    made = UnitFactory(code="sau-khi-chep", parent=world.district)
    assert made.pk > max(pk for pk, *_ in before)
    assert guard.is_installed(connection)  # lifted for the copy only, as `flush` does


# the demo as of TODAY is loaded once per test process and copied, as tracking's tests have it
@pytest.mark.xdist_group("demo-2025-06-11")
@pytest.mark.django_db
def test_the_demo_put_back_is_the_demo_loaded_with_its_files():
    empty = dbcopy.take()
    said = io.StringIO()
    first = demo_data(said, today=TODAY)
    kept = len(_LOADED)
    loaded = dbcopy.take()
    files = storages["default"].location
    stored = {p: storages["default"].open(p).read() for p in _listed(files)}
    assert stored, "the demo stores evidence files"

    dbcopy.put_back(empty)
    for name in stored:
        storages["default"].delete(name)
    again = io.StringIO()
    second = demo_data(again, today=TODAY)

    assert len(_LOADED) == kept and dbcopy.take() == loaded
    assert {p: storages["default"].open(p).read() for p in _listed(files)} == stored
    assert again.getvalue() == said.getvalue() and "Kế hoạch" in again.getvalue()
    assert second.out is again and second.plans == first.plans and second.logins == first.logins


def _listed(root):
    from pathlib import Path

    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file())
