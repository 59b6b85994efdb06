"""A unit's own report template: checked on upload, versioned, one in use, inherited below."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from cchc.audit.models import AuditEvent
from cchc.documents import word
from cchc.documents.actions import template_for, upload_template
from cchc.documents.models import ReportTemplate
from cchc.testing.auth import admin_login
from cchc.testing.factories import UserFactory


def _edited(old: bytes, new: bytes) -> bytes:
    source = io.BytesIO(word.SHIPPED_TEMPLATE.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new)
            zout.writestr(item, data)
    return out.getvalue()


PROVINCE_TEMPLATE = _edited("Nơi nhận:".encode(), "Nơi nhận (mẫu tỉnh):".encode())


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_reports_below_a_province_use_its_active_template_else_the_shipped_one(world, superuser):
    assert template_for(world.commune) is None
    upload_template(world.province, name="tinh.docx", content=PROVINCE_TEMPLATE, by=superuser)
    content = template_for(world.commune)
    assert content == PROVINCE_TEMPLATE
    document = Document(io.BytesIO(word.render_report(word.SAMPLE, content)))
    assert "Nơi nhận (mẫu tỉnh):" in document.tables[-1].rows[0].cells[0].text


def test_a_new_upload_is_the_next_version_and_the_only_one_in_use(world, superuser):
    first = upload_template(world.province, name="a.docx", content=PROVINCE_TEMPLATE, by=superuser)
    second = upload_template(
        world.province, name="b.docx", content=word.SHIPPED_TEMPLATE.read_bytes(), by=superuser
    )
    first.refresh_from_db()
    assert (first.version, first.active, second.version, second.active) == (1, False, 2, True)
    assert AuditEvent.objects.filter(action="report_template.upload").count() == 2


def test_the_admin_refuses_a_template_without_a_placeholder_naming_it(world, superuser, client):
    admin_login(client, superuser)
    broken = _edited(b"{{ header.number }}", b"")
    response = client.post(
        "/admin/documents/reporttemplate/add/",
        {"unit": world.province.pk, "upload": SimpleUploadedFile("x.docx", broken)},
    )
    assert response.status_code == 200
    assert "Mẫu báo cáo thiếu trường {{ header.number }}" in response.content.decode()
    assert not ReportTemplate.objects.exists()


def test_the_admin_keeps_a_good_template(world, superuser, client):
    admin_login(client, superuser)
    response = client.post(
        "/admin/documents/reporttemplate/add/",
        {"unit": world.province.pk, "upload": SimpleUploadedFile("t.docx", PROVINCE_TEMPLATE)},
    )
    assert response.status_code == 302
    kept = ReportTemplate.objects.get()
    assert (kept.unit, kept.version, kept.name) == (world.province, 1, "t.docx")
    assert bytes(kept.content) == PROVINCE_TEMPLATE
