"""Which unit takes a new record about a time (decision 0148): the one in force on the time's
last day; the refusal names the unit that took a dissolved one's work over."""

import datetime as dt

import pytest

from cchc.org.in_force import UnitNotInForce, ensure_in_force, refusal
from cchc.org.models import UnitSuccession
from cchc.testing.factories import UnitFactory

pytestmark = pytest.mark.django_db

INSTEAD = "hãy nhập số liệu cho đơn vị đó."


def test_a_dissolved_commune_is_refused_after_its_last_day_naming_its_successor(world, merged):
    assert refusal(world.commune, dt.date(2025, 6, 30), instead=INSTEAD) is None
    assert refusal(world.commune, dt.date(2025, 7, 1), instead=INSTEAD) == (
        "Xã Thạnh Tân không còn hoạt động vào ngày 01/07/2025: công việc của đơn vị đã do "
        "Xã Mới tiếp nhận; hãy nhập số liệu cho đơn vị đó."
    )
    with pytest.raises(UnitNotInForce, match="do Xã Mới tiếp nhận"):
        ensure_in_force(world.commune, dt.date(2026, 3, 31), instead=INSTEAD)
    ensure_in_force(merged, dt.date(2026, 3, 31), instead=INSTEAD)  # the successor: no refusal


def test_a_unit_made_by_a_merger_takes_nothing_from_before_it_began(world, merged):
    merged.valid_from = dt.date(2025, 7, 1)
    merged.save(update_fields=["valid_from"])
    assert refusal(merged, dt.date(2025, 6, 30), instead=INSTEAD) == (
        "Xã Mới hoạt động từ ngày 01/07/2025: số liệu trước ngày đó thuộc các đơn vị đã hợp "
        "nhất thành đơn vị này."
    )
    assert refusal(merged, dt.date(2025, 7, 1), instead=INSTEAD) is None


def test_a_split_commune_names_no_successor(world):
    world.commune.valid_to = dt.date(2025, 6, 30)
    world.commune.save(update_fields=["valid_to"])
    for code in ("xa-b1", "xa-b2"):
        part = UnitFactory(code=code, parent=world.district)
        UnitSuccession.objects.create(
            predecessor=world.commune,
            successor=part,
            kind="split",
            effective_on=dt.date(2025, 7, 1),
        )
    assert refusal(world.commune, dt.date(2025, 7, 1), instead=INSTEAD) == (
        "Xã Thạnh Tân không hoạt động vào ngày 01/07/2025."
    )
