"""The commands that take a unit and a window read and refuse them the same way."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cchc.testing.factories import UnitFactory

pytestmark = pytest.mark.django_db

WINDOW_COMMANDS = ["indicators", "index766", "survey_results"]


def _run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("command", WINDOW_COMMANDS)
def test_a_date_not_written_yyyy_mm_dd_is_refused_naming_the_option(command):
    UnitFactory(code="xa-a")
    with pytest.raises(CommandError) as refused:
        _run(command, "--unit", "xa-a", "--from", "01/03/2024", "--to", "2024-03-31")
    assert str(refused.value) == "--from: '01/03/2024' không phải ngày dạng YYYY-MM-DD."


@pytest.mark.parametrize("command", WINDOW_COMMANDS)
def test_a_window_ending_before_it_starts_is_refused(command):
    UnitFactory(code="xa-a")
    with pytest.raises(CommandError) as refused:
        _run(command, "--unit", "xa-a", "--from", "2024-03-31", "--to", "2024-03-01")
    assert str(refused.value) == "--to trước --from."


@pytest.mark.parametrize("command", WINDOW_COMMANDS)
def test_a_window_outside_the_years_figures_are_computed_for_is_refused(command):
    """The satisfaction command used to read a window from year 1 without a word."""
    UnitFactory(code="xa-a")
    with pytest.raises(CommandError) as refused:
        _run(command, "--unit", "xa-a", "--from", "0001-01-01", "--to", "2024-03-31")
    assert "1990" in str(refused.value) and "2100" in str(refused.value)


@pytest.mark.parametrize("command", WINDOW_COMMANDS)
def test_an_unknown_unit_is_refused_by_its_code(command):
    with pytest.raises(CommandError) as refused:
        _run(command, "--unit", "khong-co", "--from", "2024-03-01", "--to", "2024-03-31")
    assert str(refused.value) == "Không có đơn vị nào có mã 'khong-co'."


def test_the_satisfaction_command_prints_the_unit_and_its_window():
    UnitFactory(code="xa-a", name="Xã Thạnh Tân")
    printed = _run("survey_results", "--unit", "xa-a", "--from", "2024-03-01", "--to", "2024-03-31")
    assert printed.splitlines()[0] == "Xã Thạnh Tân (xa-a) 01/03/2024 – 31/03/2024"


def test_the_reminders_date_is_refused_naming_the_option_when_mistyped():
    with pytest.raises(CommandError) as refused:
        _run("send_reminders", "--date", "11/06/2025")
    assert str(refused.value) == "--date: '11/06/2025' không phải ngày dạng YYYY-MM-DD."


@pytest.mark.parametrize("command", WINDOW_COMMANDS)
def test_a_unit_named_by_its_e_id_code_is_the_unit(command):
    """demo.md gives each unit an e-ID code and version 2 accepts either form: `--unit
    000.31.35.H55` used to be refused as an unknown code."""
    UnitFactory(code="xa-a", name="Xã Thạnh Tân", eid_code="000.31.35.H55")
    args = ("--unit", "000.31.35.H55", "--from", "2024-03-01", "--to", "2024-03-31")
    printed = _run(command, *args)
    assert "Xã Thạnh Tân" in printed or "000.31.35.H55" in printed


@pytest.mark.parametrize("command", ["indicators", "index766"])
def test_the_json_names_the_unit_as_it_was_asked_for(command):
    UnitFactory(code="xa-a", eid_code="000.31.35.H55")
    window = ("--from", "2024-03-01", "--to", "2024-03-31", "--format", "json")
    assert json.loads(_run(command, "--unit", "000.31.35.H55", *window))["unit"] == "000.31.35.H55"
    assert json.loads(_run(command, "--unit", "xa-a", *window))["unit"] == "xa-a"


def test_a_token_is_issued_to_a_unit_named_by_its_e_id_code():
    from cchc.dossiers.models import UnitToken

    unit = UnitFactory(code="xa-a", eid_code="000.31.35.H55")
    assert _run("api_token", "--unit", "000.31.35.H55").strip()
    assert UnitToken.objects.get().unit == unit
