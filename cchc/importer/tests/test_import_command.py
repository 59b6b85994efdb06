"""`cchc import-plan FILE --unit CODE` saves a draft and never duplicates silently."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from cchc.importer.tests.conftest import SEEDS
from cchc.plans.models import Plan

SEED_000 = next(SEEDS.glob("000_*.txt"))


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


def test_saving_a_seed_prints_a_vietnamese_summary_and_creates_a_draft(world):
    output = run(str(SEED_000), "--unit", world.commune.code)
    plan = Plan.objects.get()
    assert plan.unit == world.commune and plan.status == "draft"
    assert plan.tasks.count() == 44
    assert f"cho {world.commune.name}: 44 nhiệm vụ, " in output
    assert "cảnh báo" in output
    lead = plan.tasks.get(ref="1").parties.get(role="lead")
    assert lead.post == world.office


def test_importing_the_same_plan_again_stops_unless_told_what_to_do(world):
    run(str(SEED_000), "--unit", world.commune.code)
    first = Plan.objects.get()
    with pytest.raises(CommandError, match="--replace"):
        run(str(SEED_000), "--unit", world.commune.code)
    assert Plan.objects.count() == 1
    run(str(SEED_000), "--unit", world.commune.code, "--replace")
    assert Plan.objects.count() == 1 and not Plan.objects.filter(pk=first.pk).exists()
    summary = json.loads(
        run(str(SEED_000), "--unit", world.commune.code, "--keep-both", "--format", "json")
    )
    assert Plan.objects.count() == 2 and summary["tasks"] == 44


def test_an_unknown_unit_is_refused(world):
    with pytest.raises(CommandError, match=r"Không có đơn vị mã “khong-co”\."):
        run(str(SEED_000), "--unit", "khong-co")
    assert not Plan.objects.exists()


def test_without_unit_the_plan_is_saved_as_a_draft_of_the_unit_its_issuer_names(world):
    """specs/plan-import.md: "Without `--dry-run` the same structure is saved as a draft plan"
    (the command refused to save without a `--unit` the spec does not name)."""
    run(str(SEED_000), "--format", "json")  # issued by "UBND xã Thạnh Tân"
    plan = Plan.objects.get()
    assert (plan.unit, plan.status, plan.tasks.count()) == (world.commune, "draft", 44)


def test_without_unit_a_plan_whose_issuer_names_no_unit_is_refused(world):
    type(world.commune).objects.filter(pk=world.commune.pk).update(name="Xã Khác")
    with pytest.raises(CommandError, match="Cần --unit"):
        run(str(SEED_000))
    assert not Plan.objects.exists()


def test_a_unit_named_by_its_e_id_code_receives_the_plan(world):
    type(world.commune).objects.filter(pk=world.commune.pk).update(eid_code="000.31.35.H55")
    run(str(SEED_000), "--unit", "000.31.35.H55")
    assert Plan.objects.get().unit == world.commune


def test_a_bad_file_exits_non_zero_with_a_vietnamese_message_and_saves_nothing(tmp_path, world):
    empty = tmp_path / "ke-hoach.docx"
    empty.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "cchc.cli", "import-plan", str(empty), "--dry-run"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Tệp rỗng" in result.stderr
    assert result.stdout == ""
