"""Every dossier write records its change-history event in the same transaction, or does not
happen (issue 18, finding 6): with the audit insert failing, nothing is saved, on every path."""

from __future__ import annotations

import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.audit.models import AuditEvent
from cchc.dossiers import tokens, uploads
from cchc.dossiers.models import Dossier, DossierFact, DossierUpload, ImportBatch, Procedure

from .test_commands import run
from .test_web_import import GOOD

HEADER = "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra\n"


@pytest.fixture
def catalogue(world):
    Procedure.objects.create(code="1.001", name="Đăng ký khai sinh", returns_document=True)
    return world


@pytest.fixture
def audit_fails(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise RuntimeError("audit table unavailable")

    def arm():
        monkeypatch.setattr(AuditEvent, "save", refuse)

    return arm


def nothing_saved() -> bool:
    return not Dossier.objects.exists() and not DossierFact.objects.exists()


def stored_files() -> list[str]:
    try:
        return default_storage.listdir("dossier-imports")[1]
    except FileNotFoundError:
        return []


def test_an_upload_is_not_stored_without_its_event(catalogue, audit_fails):
    audit_fails()
    with pytest.raises(RuntimeError):
        uploads.store(
            SimpleUploadedFile("hoso.csv", GOOD.encode()),
            unit=catalogue.commune,
            kind="dossiers",
            by=catalogue.people.focal,
        )
    assert not DossierUpload.objects.exists()
    assert stored_files() == []  # no file left behind with no record of it


def test_an_upload_is_not_imported_without_its_event(catalogue, audit_fails):
    pending = uploads.store(
        SimpleUploadedFile("hoso.csv", GOOD.encode()),
        unit=catalogue.commune,
        kind="dossiers",
        by=catalogue.people.focal,
    )
    audit_fails()
    with pytest.raises(RuntimeError):
        uploads.run(
            pending, by=catalogue.people.focal, mapping=pending_mapping(pending), skip_invalid=False
        )
    assert nothing_saved()
    pending.refresh_from_db()
    assert pending.status == DossierUpload.Status.PENDING  # the user may try again
    assert default_storage.exists(pending.stored_name)
    assert not ImportBatch.objects.exists()


def pending_mapping(pending) -> dict:
    return uploads.show(pending).header.mapping


def test_a_web_import_records_one_event_with_its_counts(catalogue):
    pending = uploads.store(
        SimpleUploadedFile("hoso.csv", GOOD.encode()),
        unit=catalogue.commune,
        kind="dossiers",
        by=catalogue.people.focal,
    )
    uploads.run(
        pending, by=catalogue.people.focal, mapping=pending_mapping(pending), skip_invalid=False
    )
    event = AuditEvent.objects.get(action="dossier_import")
    assert (event.user, event.unit) == (catalogue.people.focal, catalogue.commune)
    assert (event.after["created"], event.after["source"]) == (2, "web")


def api_push(client, key: str):
    body = {
        "dossiers": [
            {
                "MaHoSo": "HS-1",
                "MaTTHC": "1.001",
                "MaDonVi": "xa-a",
                "NgayTiepNhan": "2024-03-04 08:00",
                "NgayHenTra": "2024-03-08 17:00",
            }
        ]
    }
    return client.post(
        "/api/v1/dossiers",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_an_api_push_records_an_event_naming_the_token(client, catalogue):
    _row, key = tokens.issue(catalogue.commune, "Một cửa Thạnh Tân")
    assert api_push(client, key).status_code == 200
    event = AuditEvent.objects.get(action="dossier_import")
    assert event.unit == catalogue.commune
    assert (event.after["created"], event.after["source"]) == (1, "api")
    assert "Một cửa Thạnh Tân" in event.object_repr


def test_an_api_push_is_not_saved_without_its_event(client, catalogue, audit_fails):
    _row, key = tokens.issue(catalogue.commune, "Một cửa Thạnh Tân")
    audit_fails()
    with pytest.raises(RuntimeError):
        api_push(client, key)
    assert nothing_saved()


def test_a_command_line_import_records_an_event(tmp_path, catalogue):
    path = tmp_path / "hoso.csv"
    path.write_text(HEADER + "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08 17:00\n", "utf-8")
    code, out, _err = run("import-dossiers", str(path))
    assert code == 0, out
    event = AuditEvent.objects.get(action="dossier_import")
    assert (event.after["created"], event.after["source"]) == (1, "cli")


def test_a_command_line_import_is_not_saved_without_its_event(tmp_path, catalogue, audit_fails):
    path = tmp_path / "hoso.csv"
    path.write_text(HEADER + "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08 17:00\n", "utf-8")
    audit_fails()
    with pytest.raises(RuntimeError):
        run("import-dossiers", str(path))
    assert nothing_saved()
    assert not ImportBatch.objects.exists()
