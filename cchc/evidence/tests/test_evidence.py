"""Evidence attached to any object: the file is checked by its content and kept with its size
and checksum; the one download finds it through the reader's scope (another commune gets 404)
and serves the stored bytes as an attachment; nothing is left behind when the owner's
transaction fails.

The owner here is a post of the commune — any saved object will do; progress reports and
target figures are tested in their own apps."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from cchc.evidence.actions import attach, keeping_files
from cchc.evidence.models import Evidence

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def stored_files(settings) -> list:
    from pathlib import Path

    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def evidence(world):
    with keeping_files() as stored, transaction.atomic():
        return attach(
            world.justice,
            unit=world.commune,
            by=world.people.official,
            file=SimpleUploadedFile("Báo cáo quý I.pdf", PDF, content_type="application/pdf"),
            title="Báo cáo kết quả quý I",
            number="12/BC-UBND",
            issuer="UBND xã Thạnh Tân",
            stored=stored,
        )


def test_an_attached_file_keeps_its_checked_type_size_and_checksum(evidence, world):
    saved = Evidence.objects.of(world.justice).get()
    assert saved == evidence and saved.owner == world.justice
    assert (saved.size, saved.sha256) == (len(PDF), hashlib.sha256(PDF).hexdigest())
    assert (saved.extension, saved.content_type) == (".pdf", "application/pdf")
    assert saved.original_name == "Báo cáo quý I.pdf"
    assert saved.file.name.startswith("evidence/") and "Báo cáo" not in saved.file.name
    assert (saved.unit, saved.uploaded_by) == (world.commune, world.people.official)


def test_the_download_serves_the_stored_bytes_to_a_reader_in_scope(evidence, world, login):
    for person in (world.people.official, world.people.leader, world.people.district):
        response = login(person).get(reverse("evidence:download", args=[evidence.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20I.pdf" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"


def test_another_commune_gets_404_and_a_visitor_is_asked_to_sign_in(evidence, world, login, client):
    url = reverse("evidence:download", args=[evidence.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert login(world.people.outsider).get(url).status_code == 404
    assert login(world.people.official).post(url).status_code == 405


def test_a_document_without_a_file_has_no_download(world, login):
    with transaction.atomic():
        words = attach(
            world.justice, unit=world.commune, by=world.people.focal, title="Báo cáo số 15/BC"
        )
    assert (words.file.name, words.size, words.sha256) == ("", 0, "")
    url = reverse("evidence:download", args=[words.pk])
    assert login(world.people.focal).get(url).status_code == 404


def test_a_renamed_program_is_refused_before_anything_is_written(world, settings):
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 a program", "application/pdf")
    with pytest.raises(ValidationError) as refused:
        attach(world.justice, unit=world.commune, by=world.people.focal, file=fake, title="BC")
    assert "bao-cao.pdf" in " ".join(refused.value.messages)
    assert not Evidence.objects.exists() and stored_files(settings) == []


def test_evidence_saying_nothing_is_refused(world):
    with pytest.raises(ValidationError):
        attach(world.justice, unit=world.commune, by=world.people.focal, title="  ")
    assert not Evidence.objects.exists()


def test_a_failed_owner_transaction_leaves_no_row_and_no_file(world, settings):
    upload = SimpleUploadedFile("bc.pdf", PDF, content_type="application/pdf")
    with pytest.raises(RuntimeError), keeping_files() as stored, transaction.atomic():
        attach(
            world.justice,
            unit=world.commune,
            by=world.people.focal,
            file=upload,
            title="BC",
            stored=stored,
        )
        assert stored_files(settings)  # written, then the owner's action fails
        raise RuntimeError("the owner's action failed after the file was stored")
    assert not Evidence.objects.exists() and stored_files(settings) == []
