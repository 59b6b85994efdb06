"""Both push endpoints answer for a token's scope the same way (one check, `api.scope`).

A one-stop system names a unit by its code or its e-ID code (contract version 2), in dossiers
and feedback alike; a unit outside the token's, or an unknown one, is refused by both alike.
"""

from __future__ import annotations

import pytest

from cchc.dossiers import tokens
from cchc.dossiers.models import Dossier, Procedure
from cchc.feedback.models import Feedback
from cchc.org.models import Unit


@pytest.fixture
def key(world):
    Procedure.objects.create(code="1.001193", name="Đăng ký khai sinh", returns_document=True)
    Unit.objects.filter(code="xa-a").update(eid_code="000.31.35.H55")
    Unit.objects.filter(code="xa-b").update(eid_code="000.31.35.H56")
    _row, key = tokens.issue(world.commune, "Một cửa Thạnh Tân")
    return key


def dossier(unit: str) -> dict:
    return {
        "dossiers": [
            {
                "MaHoSo": f"HS-{unit}",
                "MaTTHC": "1.001193",
                "MaDonVi": unit,
                "NgayTiepNhan": "2024-03-04 08:30:00",
                "NgayHenTra": "2024-03-08 17:00:00",
                "TrangThaiHoSo": 1,
                "KenhThucHien": 2,
            }
        ]
    }


def feedback(unit: str) -> dict:
    return {"feedback": [{"MaPAKN": f"PA-{unit}", "MaDonVi": unit, "NgayTiepNhan": "2024-06-03"}]}


ENDPOINTS = [("/api/v1/dossiers", dossier), ("/api/v1/feedback", feedback)]


def push(client, key: str, url: str, body: dict):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    return client.post(url, body, content_type="application/json", **auth)


@pytest.mark.parametrize(("url", "body"), ENDPOINTS)
def test_a_unit_named_by_its_e_id_code_is_within_the_token(client, key, url, body):
    response = push(client, key, url, body("000.31.35.H55"))
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 1


@pytest.mark.parametrize(("url", "body"), ENDPOINTS)
def test_a_unit_outside_and_an_unknown_one_are_refused_alike(client, key, url, body):
    answers = {
        code: push(client, key, url, body(code)) for code in ("xa-b", "000.31.35.H56", "khong-co")
    }
    assert {code: r.status_code for code, r in answers.items()} == dict.fromkeys(answers, 403)
    details = {r.json()["detail"].replace(code, "X") for code, r in answers.items()}
    assert details == {"Các đơn vị sau nằm ngoài phạm vi của mã truy cập: X"}
    assert not Dossier.objects.exists() and not Feedback.objects.exists()


def test_the_indicators_of_a_unit_named_by_its_e_id_code(client, key):
    """The indicators endpoint too: "either form is accepted in every file and in the API"
    (it answered 403 to the e-ID code of the token's own unit)."""
    assert push(client, key, "/api/v1/dossiers", dossier("xa-a")).status_code == 200
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    window = {"from": "2024-03-01", "to": "2024-03-31"}
    by_eid = client.get("/api/v1/indicators", {"unit": "000.31.35.H55", **window}, **auth)
    assert by_eid.status_code == 200, by_eid.content
    assert by_eid.json()["unit"] == "000.31.35.H55"
    assert by_eid.json()["indicators"]["dossiers_received"]["numerator"] == 1
    outside = client.get("/api/v1/indicators", {"unit": "000.31.35.H56", **window}, **auth)
    assert outside.status_code == 403
