"""Uploading a plan document in the web interface."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.importer.models import PlanImport
from cchc.importer.tests.conftest import SEEDS
from cchc.plans.models import Plan


def upload(client, unit, name, content):
    return client.post(
        reverse("importer:upload"),
        {"unit": unit.pk, "file": SimpleUploadedFile(name, content)},
    )


def test_uploading_a_plan_opens_its_review_page(world, login):
    client = login(world.people.focal)
    content = next(SEEDS.glob("000_*.txt")).read_bytes()
    response = upload(client, world.commune, "ke-hoach-2024.txt", content)
    draft = PlanImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("importer:review", args=[draft.pk])
    assert len(draft.parsed["tasks"]) == 44
    page = client.get(response["Location"]).content.decode()
    assert "44 nhiệm vụ" in page and "Kiểm tra kế hoạch vừa nhập" in page
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("trong.docx", b"", "Tập tin được gửi là rỗng."),
        ("rac.pdf", bytes(range(256)) * 40, "PDF"),
        ("gia.docx", b"day khong phai la tep word" * 10, "không phải là tệp Word hợp lệ"),
        ("anh.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "Không nhận ra định dạng tệp"),
    ],
)
def test_a_bad_file_is_refused_with_a_vietnamese_message_and_nothing_is_kept(
    world, login, name, content, message
):
    response = upload(login(world.people.focal), world.commune, name, content)
    assert response.status_code == 400  # the page again with its reason (decision 0175)
    assert message in response.content.decode()
    assert not PlanImport.objects.exists() and not Plan.objects.exists()


def test_a_file_over_the_limit_is_refused_before_reading(world, login, settings):
    settings.MAX_UPLOAD_MB = 1
    response = upload(
        login(world.people.focal), world.commune, "lon.txt", b"a" * (1024 * 1024 + 10)
    )
    assert "giới hạn là 1 MB" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_a_commune_user_cannot_import_into_another_commune(world, login):
    content = next(SEEDS.glob("000_*.txt")).read_bytes()
    response = upload(login(world.people.focal), world.other, "kh.txt", content)
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not PlanImport.objects.exists()


@pytest.mark.parametrize("persona", ["district", "official", "leader"])
def test_read_only_roles_cannot_open_the_import_page(world, login, persona):
    assert login(getattr(world.people, persona)).get(reverse("importer:upload")).status_code == 403
