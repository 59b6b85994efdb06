"""The audit trail leaves the system for an inspection: `cchc export-audit` writes the events
of a window, of one unit, those below it and those merged into it, as an Excel file, and
records that it did."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from cchc.audit.log import record
from cchc.audit.models import AuditEvent
from cchc.testing.factories import UnitFactory, merge


@pytest.fixture
def trail(world):
    people = world.people
    record("plan.create", by=people.focal, unit=world.commune, after={"title": "=HYPERLINK(1)"})
    record("login.failed", unit=None, after={"username": "ke-la", "address": "10.0.0.9"})
    record("plan.create", by=people.outsider, unit=world.other, after={"title": "Kế hoạch P2"})
    return world


def _rows(path):
    sheet = load_workbook(path).active
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=4)], sheet


def test_the_export_lists_every_event_of_the_window_and_is_recorded(trail, tmp_path):
    today = timezone.localdate()
    out = tmp_path / "lich-su.xlsx"

    call_command("export_audit", start=str(today), end=str(today), output=out, stdout=io.StringIO())

    rows, sheet = _rows(out)
    assert [r[4] for r in rows] == ["plan.create", "login.failed", "plan.create"]
    assert rows[0][1] == "focal" and rows[0][3] == "Xã Thạnh Tân"
    # the time is a date Excel sorts and filters, in the local zone, shown dd/mm/yyyy hh:mm:ss
    at = timezone.localtime(AuditEvent.objects.get(action="plan.create", user__username="focal").at)
    assert rows[0][0] == at.replace(tzinfo=None, microsecond=rows[0][0].microsecond)
    assert sheet["A4"].number_format == "DD/MM/YYYY HH:MM:SS"
    assert rows[0][2] == trail.people.focal.full_name != ""  # the person's name, as on the pages
    assert rows[1][1] == "(hệ thống)" and "10.0.0.9" in rows[1][8]
    # a value that looks like a formula stays text
    assert sheet.cell(row=4, column=9).data_type == "s"
    assert "Lịch sử thay đổi và đăng nhập" in sheet["A1"].value
    exported = AuditEvent.objects.get(action="audit.export")
    assert exported.after == {"from": str(today), "to": str(today), "events": 3}


def test_one_units_export_holds_its_events_and_those_below_only(trail, tmp_path):
    today = timezone.localdate()
    out = tmp_path / "xa.xlsx"

    call_command(
        "export_audit", start=str(today), end=str(today), unit="thanh-pho", output=out,
        stdout=io.StringIO(),
    )  # fmt: skip
    rows, _sheet = _rows(out)
    assert [r[3] for r in rows] == ["Xã Thạnh Tân", "Phường 2"]

    call_command(
        "export_audit", start=str(today), end=str(today), unit="xa-a", output=out,
        stdout=io.StringIO(),
    )  # fmt: skip
    rows, _sheet = _rows(out)
    assert [r[3] for r in rows] == ["Xã Thạnh Tân"]


def test_a_merged_communes_export_holds_its_predecessors_events(trail, tmp_path):
    world = trail
    new = merge(
        world.commune, into=UnitFactory(code="xa-moi", name="Xã Mới", parent=world.district)
    )
    record("plan.create", by=world.people.focal, unit=new, after={"title": "Kế hoạch 2026"})
    today, out = timezone.localdate(), tmp_path / "xa-moi.xlsx"

    call_command(
        "export_audit", start=str(today), end=str(today), unit="xa-moi", output=out,
        stdout=io.StringIO(),
    )  # fmt: skip
    rows, _sheet = _rows(out)
    assert [r[3] for r in rows] == ["Xã Thạnh Tân", "Xã Mới"]  # not Phường 2's


def test_a_window_outside_the_events_is_empty_and_bad_input_is_refused(trail, tmp_path):
    out = tmp_path / "x.xlsx"
    old = dt.date(2020, 1, 1)
    call_command("export_audit", start=str(old), end=str(old), output=out, stdout=io.StringIO())
    assert _rows(out)[0] == []
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_audit", start="1/1/2024", end="2024-01-02", output=out)
    with pytest.raises(CommandError, match="--to"):
        call_command("export_audit", start="2024-02-01", end="2024-01-02", output=out)
    with pytest.raises(CommandError, match="khong-co"):
        call_command("export_audit", start=str(old), end=str(old), unit="khong-co", output=out)
