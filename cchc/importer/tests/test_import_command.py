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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "khong-co"], "Không có đơn vị mã “khong-co”."),
        ([], "Cần --unit"),
    ],
)
def test_a_missing_or_unknown_unit_is_refused(world, args, message):
    with pytest.raises(CommandError, match=message):
        run(str(SEED_000), *args)
    assert not Plan.objects.exists()


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
