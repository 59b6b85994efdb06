"""`cchc import-plan FILE --dry-run --format json`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cchc.importer.tests.builders import plan_docx


def run(*args) -> dict:
    out = io.StringIO()
    call_command("import_plan", *args, stdout=out)
    return json.loads(out.getvalue())


def test_dry_run_prints_the_contract_json(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(plan_docx())
    result = run(str(path), "--dry-run", "--format", "json")
    assert set(result) >= {"plan", "legal_bases", "tasks", "targets", "reporting_periods",
                           "warnings"}  # fmt: skip
    assert result["plan"]["issuer"] == "UBND phường Hòa Bình"
    assert result["tasks"][0]["lead"] == ["Công chức Văn phòng – Thống kê"]


def test_saving_needs_a_unit_when_the_issuer_names_none(tmp_path, db):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(plan_docx())
    with pytest.raises(CommandError, match="Cần --unit"):
        call_command("import_plan", str(path))


def test_a_bad_file_fails_with_the_vietnamese_message(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="không phải là tệp Word hợp lệ"):
        call_command("import_plan", str(path), "--dry-run")


def test_a_plan_for_a_dissolved_commune_is_refused_naming_its_successor(tmp_path, world):
    import datetime as dt

    from cchc.plans.models import Plan
    from cchc.testing.factories import UnitFactory, merge

    merge(
        world.commune,
        into=UnitFactory(code="xa-moi", name="Xã Mới", parent=world.district),
        on=dt.date(2001, 1, 1),
    )
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(plan_docx())
    with pytest.raises(CommandError, match="đã do Xã Mới tiếp nhận"):
        call_command("import_plan", str(path), "--unit", "xa-a", stdout=io.StringIO())
    assert not Plan.objects.exists()
