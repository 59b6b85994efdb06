"""A busy database is a page asking to retry, never a 500 (issue 18, finding 3).

SQLite lets one writer at a time; a write that waited its whole busy timeout fails with
"database is locked". The user gets a Vietnamese page inside the site (the API: JSON), with
HTTP 503 and a Retry-After, and what they typed is not lost by a crash page.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from cchc.dossiers import tokens, uploads


def locked(*args, **kwargs):
    raise OperationalError("database is locked")


def test_a_locked_database_in_a_view_is_a_vietnamese_page_asking_to_retry(
    login, world, monkeypatch
):
    monkeypatch.setattr(uploads, "store", locked)
    client = login(world.people.focal)
    response = client.post(
        reverse("dossiers:import", args=["xa-a"]),
        {"kind": "dossiers", "file": SimpleUploadedFile("hoso.csv", b"MaHoSo\nHS-1\n")},
    )
    assert response.status_code == 503
    assert response["Retry-After"]
    page = response.content.decode()
    assert "Hệ thống đang bận" in page and "thử lại" in page
    assert "navbar-brand" in page  # inside the site's frame, with its menu
    assert "database is locked" not in page


def test_a_locked_database_in_the_api_is_json_asking_to_retry(client, world, monkeypatch):
    import cchc.api.views

    monkeypatch.setattr(cchc.api.views, "import_dossiers", locked)
    _row, key = tokens.issue(world.commune, "Một cửa")
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
    response = client.post(
        "/api/v1/dossiers",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "thử lại" in response.json()["detail"]


def test_other_database_errors_stay_errors(login, world, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no such table: dossiers_dossier")

    monkeypatch.setattr(uploads, "store", broken)
    client = login(world.people.focal)
    with pytest.raises(OperationalError):
        client.post(
            reverse("dossiers:import", args=["xa-a"]),
            {"kind": "dossiers", "file": SimpleUploadedFile("hoso.csv", b"MaHoSo\nHS-1\n")},
        )
