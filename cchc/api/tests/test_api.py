"""The dossier API as a one-stop system sees it: tokens, batches, errors naming the field."""

from __future__ import annotations

import json

import pytest

from cchc.dossiers import tokens
from cchc.dossiers.models import Dossier, Procedure


@pytest.fixture
def token(world):
    Procedure.objects.create(code="1.001193", name="Đăng ký khai sinh", returns_document=True)
    _row, key = tokens.issue(world.commune, "Một cửa Thạnh Tân")
    return key


def row(code: str = "HS-1", unit: str = "xa-a", **fields) -> dict:
    data = {
        "MaHoSo": code,
        "MaTTHC": "1.001193",
        "MaDonVi": unit,
        "NgayTiepNhan": "2024-03-04 08:30:00",
        "NgayHenTra": "2024-03-08 17:00:00",
        "NgayKetThucXuLy": "2024-03-07 10:00:00",
        "TrangThaiHoSo": 10,
        "KenhThucHien": 2,
    }
    data.update(fields)
    return data


def push(client, key: str | None, body, *, raw: bool = False):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    payload = body if raw else json.dumps(body)
    return client.post("/api/v1/dossiers", payload, content_type="application/json", **headers)


def test_a_batch_is_saved_and_counted_in_the_indicators(client, token):
    response = push(client, token, {"dossiers": [row("HS-1"), row("HS-2", KenhThucHien=1)]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["rows"], body["created"], body["saved"]) == (2, 2, True)
    again = push(client, token, {"dossiers": [row("HS-1")]}).json()
    assert (again["created"], again["unchanged"]) == (0, 1)

    result = client.get(
        "/api/v1/indicators",
        {"unit": "xa-a", "from": "2024-03-01", "to": "2024-03-31"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert result.status_code == 200
    online = result.json()["indicators"]["online_submission_rate"]
    assert online == {"numerator": 1, "denominator": 2, "value": 50.0}


def test_a_bad_token_gets_401(client, token):
    assert push(client, None, {"dossiers": [row()]}).status_code == 401
    assert push(client, "cchc_wrong", {"dossiers": [row()]}).status_code == 401
    assert not Dossier.objects.exists()


def test_a_unit_outside_the_token_gets_403_and_nothing_is_saved(client, token):
    response = push(client, token, {"dossiers": [row("HS-1"), row("HS-2", unit="xa-b")]})
    assert response.status_code == 403
    assert "xa-b" in response.json()["detail"]
    assert not Dossier.objects.exists()
    indicators = client.get(
        "/api/v1/indicators",
        {"unit": "xa-b", "from": "2024-01-01", "to": "2024-12-31"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert indicators.status_code == 403


def test_malformed_json_gets_422_naming_the_body(client, token):
    response = push(client, token, '{"dossiers": [', raw=True)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"


def test_a_wrongly_shaped_field_gets_422_naming_it(client, token):
    response = push(client, token, {"dossiers": [row(NgayTiepNhan={"ngay": 4})]})
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert any(f.endswith("NgayTiepNhan") for f in fields), fields


def test_an_invalid_row_is_reported_by_number_and_column_and_nothing_is_saved(client, token):
    response = push(
        client, token, {"dossiers": [row("HS-1"), row("HS-2", NgayHenTra="31/02/2024")]}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["saved"] is False
    assert [(e["row"], e["column"], e["value"]) for e in body["errors"]] == [
        (2, "NgayHenTra", "31/02/2024")
    ]
    assert not Dossier.objects.exists()

    kept = push(
        client,
        token,
        {"dossiers": [row("HS-1"), row("HS-2", NgayHenTra="31/02/2024")], "skip_invalid": True},
    )
    assert kept.status_code == 200
    assert list(Dossier.objects.values_list("code", flat=True)) == ["HS-1"]


def test_batches_are_limited_to_ten_thousand(client, token, settings):
    response = push(client, token, {"dossiers": [row(f"HS-{i}") for i in range(10_001)]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "dossiers"
    assert not Dossier.objects.exists()


def test_the_openapi_document_describes_the_push(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/dossiers" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn." not in docs.content


# --- issue 18, finding 11 ----------------------------------------------------------------------
@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\n", "\x7f"])
def test_a_control_character_in_a_code_is_refused_naming_the_field(client, token, character):
    response = push(client, token, {"dossiers": [row(f"HS{character}1")]})
    assert response.status_code == 422
    body = response.json()
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(1, "MaHoSo")]
    assert "ký tự điều khiển" in body["errors"][0]["message"]
    assert not Dossier.objects.exists()


def test_an_unknown_unit_and_a_unit_outside_the_token_get_the_same_403(client, token):
    def indicators(unit: str):
        return client.get(
            "/api/v1/indicators",
            {"unit": unit, "from": "2024-01-01", "to": "2024-12-31"},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    outside, unknown = indicators("xa-b"), indicators("khong-co")
    assert (outside.status_code, unknown.status_code) == (403, 403)
    assert outside.json() == unknown.json()
    assert "xa-b" not in outside.content.decode()

    outside = push(client, token, {"dossiers": [row("HS-1", unit="xa-b")]})
    unknown = push(client, token, {"dossiers": [row("HS-1", unit="khong-co")]})
    assert (outside.status_code, unknown.status_code) == (403, 403)
    assert outside.json()["detail"].replace("xa-b", "X") == unknown.json()["detail"].replace(
        "khong-co", "X"
    )
    assert not Dossier.objects.exists()
