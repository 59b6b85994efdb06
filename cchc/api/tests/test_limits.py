"""A request body over CCHC_MAX_REQUEST_MB gets the API's JSON error, in Vietnamese, with 413:
Django's English HTML 400 page was all a one-stop system received, which it cannot parse."""

from __future__ import annotations

import json

import pytest

from cchc.dossiers import tokens
from cchc.dossiers.models import Dossier


@pytest.fixture
def token(world):
    return tokens.issue(world.commune, "Một cửa")[1]


def test_an_oversized_body_gets_a_json_413_and_nothing_is_saved(client, token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    settings.MAX_REQUEST_MB = 1  # what the message names; the byte limit above is what acts
    body = json.dumps({"dossiers": [{"MaHoSo": f"HS-{n}", "MaDonVi": "xa-a"} for n in range(500)]})
    assert len(body) > 10_000
    response = client.post(
        "/api/v1/dossiers",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert "quá lớn" in detail and "1 MB" in detail
    assert not Dossier.objects.exists()


def test_without_a_token_an_oversized_body_is_still_401(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/api/v1/dossiers", "x" * 20_000, content_type="application/json")
    assert response.status_code == 401
