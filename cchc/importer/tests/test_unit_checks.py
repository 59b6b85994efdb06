"""A plan whose issuer is another unit than the one it is uploaded to is warned, in the JSON
of the command and on the review page; the review page marks tasks read from the text."""

import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cchc.importer.models import PlanImport
from cchc.importer.tests.conftest import SEEDS

WARNING = "Kế hoạch do “UBND xã Long An” ban hành nhưng đang được nhập cho đơn vị “Xã Thạnh Tân”"


def seed_path(prefix: str):
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def dry_run(*args) -> dict:
    out = io.StringIO()
    call_command("import_plan", *args, "--dry-run", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_dry_run_with_a_unit_warns_about_another_issuer(world):
    other = dry_run(str(seed_path("001")), "--unit", world.commune.code)
    assert any(w.startswith(WARNING) for w in other["warnings"])
    own = dry_run(str(seed_path("000")), "--unit", world.commune.code)  # UBND xã Thạnh Tân
    assert not any("đang được nhập cho đơn vị" in w for w in own["warnings"])
    without_unit = dry_run(str(seed_path("001")))
    assert not any("đang được nhập cho đơn vị" in w for w in without_unit["warnings"])


def test_the_review_page_warns_about_another_issuer_and_marks_prose_tasks(world, login):
    client = login(world.people.focal)
    content = seed_path("001").read_bytes()
    response = client.post(
        reverse("importer:upload"),
        {"unit": world.commune.pk, "file": SimpleUploadedFile("ke-hoach.txt", content)},
    )
    draft = PlanImport.objects.get()
    assert any(w.startswith(WARNING) for w in draft.parsed["warnings"])
    page = client.get(response["Location"]).content.decode()
    assert WARNING in page
    assert page.count("Đọc từ văn bản") == 14  # one badge per task of §VI


def test_the_review_page_lists_objectives_without_a_figure(world, login):
    client = login(world.people.focal)
    content = next(SEEDS.glob("004_*.txt")).read_bytes()
    response = client.post(
        reverse("importer:upload"),
        {"unit": world.commune.pk, "file": SimpleUploadedFile("ke-hoach.txt", content)},
    )
    page = client.get(response["Location"]).content.decode()
    assert "Mục tiêu không nêu con số" in page
    assert "Tiếp tục rà soát sắp xếp giảm số lượng đơn vị sự nghiệp công lập" in page


def test_a_plan_written_as_prose_is_saved_with_its_duties_as_tasks(world):
    out = io.StringIO()
    call_command(
        "import_plan", str(seed_path("002")), "--unit", world.commune.code, "--format", "json",
        stdout=out,
    )  # fmt: skip
    summary = json.loads(out.getvalue())
    assert (summary["tasks"], summary["targets"]) == (41, 1)
    assert any(w.startswith("Kế hoạch do “UBND phường 2” ban hành") for w in summary["warnings"])
