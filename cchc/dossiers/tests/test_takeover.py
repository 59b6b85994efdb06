"""A commune cannot take over another unit's dossiers (issue 18, finding 1).

A dossier code is unique across the installation. A row naming a code that belongs to a unit
outside the importer's scope is an error for that row (without naming the other unit), and
nothing is saved; only the command line, run by an administrator, moves a dossier — and only
when told to with `--allow-move`, recorded in the change history.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.dossiers import tokens
from cchc.dossiers.models import Dossier, DossierFact, DossierUpload, Procedure
from cchc.dossiers.reading import parse_dossier_dicts
from cchc.dossiers.saving import import_dossiers

from .test_commands import run
from .test_web_import import confirm, upload

TAKEN = "THANH-TAN-2024-0001"
MESSAGE = "Mã hồ sơ đã thuộc đơn vị khác"


def item(code: str, unit: str, **fields) -> dict:
    data = {
        "MaHoSo": code,
        "MaTTHC": "1.001",
        "MaDonVi": unit,
        "NgayTiepNhan": "2024-03-04 08:00",
        "NgayHenTra": "2024-03-08 17:00",
        "NgayKetThucXuLy": "2024-03-07 09:00",
        "TrangThaiHoSo": 10,
        "KenhThucHien": 2,
    }
    data.update(fields)
    return data


@pytest.fixture
def thanh_tan(world):
    """Thạnh Tân (xa-a) already holds a dossier, counted in its facts."""
    Procedure.objects.create(code="1.001", name="Đăng ký khai sinh", returns_document=True)
    records, errors = parse_dossier_dicts([item(TAKEN, "xa-a")])
    assert not errors
    assert import_dossiers(records).saved
    return world


def held_by_thanh_tan() -> bool:
    dossier = Dossier.objects.get(code=TAKEN)
    facts = DossierFact.objects.filter(unit__code="xa-a")
    return (
        dossier.unit.code == "xa-a" and dossier.channel == 2 and sum(f.received for f in facts) == 1
    )


def no_other_unit_named(text: str) -> bool:
    return "xa-a" not in text and "Thạnh Tân" not in text


# --- web import ------------------------------------------------------------------------------
CSV_HEADER = "Mã hồ sơ,Mã TTHC,Mã đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc xử lý,Kênh\n"


def test_phuong_2_cannot_take_over_a_thanh_tan_dossier_on_the_web(login, thanh_tan):
    client = login(thanh_tan.people.outsider)  # the focal point of Phường 2 (xa-b)
    content = (
        CSV_HEADER
        + "P2-0001,1.001,xa-b,05/03/2024 08:00,11/03/2024 17:00,,1\n"
        + f"{TAKEN},1.001,xa-b,04/03/2024 08:00,08/03/2024 17:00,,1\n"
    )
    upload(client, "xa-b", content)
    pending = DossierUpload.objects.get()
    confirm(client, pending.pk)
    pending.refresh_from_db()
    assert pending.status == DossierUpload.Status.REFUSED
    errors = pending.result["errors"]
    assert [(e["row"], e["column"], e["value"]) for e in errors] == [(3, "MaHoSo", TAKEN)]
    assert MESSAGE in errors[0]["message"]
    assert no_other_unit_named(errors[0]["message"])
    assert held_by_thanh_tan()
    assert not Dossier.objects.filter(code="P2-0001").exists()  # nothing saved
    assert not DossierFact.objects.filter(unit__code="xa-b").exists()
    page = client.get(reverse("dossiers:upload", args=[pending.pk])).content.decode()
    assert MESSAGE in page and "Thạnh Tân" not in page


def test_with_valid_rows_only_the_taken_code_is_skipped(login, thanh_tan):
    client = login(thanh_tan.people.outsider)
    content = (
        CSV_HEADER
        + f"{TAKEN},1.001,xa-b,04/03/2024 08:00,08/03/2024 17:00,,1\n"
        + "P2-0001,1.001,xa-b,05/03/2024 08:00,11/03/2024 17:00,,1\n"
    )
    upload(client, "xa-b", content)
    confirm(client, DossierUpload.objects.get().pk, skip_invalid=True)
    result = DossierUpload.objects.get().result
    assert (result["created"], result["updated"], result["skipped"]) == (1, 0, 1)
    assert held_by_thanh_tan()
    assert Dossier.objects.get(code="P2-0001").unit.code == "xa-b"


def test_a_district_moves_a_dossier_between_its_own_communes(login, thanh_tan):
    # the district holds both communes: before and after are in its scope, so it may
    from cchc.org.choices import Role
    from cchc.testing.factories import UserFactory, member

    clerk = member(UserFactory(username="noivu.nhap"), thanh_tan.district, Role.FOCAL_POINT)
    client = login(clerk)
    content = CSV_HEADER + f"{TAKEN},1.001,xa-b,04/03/2024 08:00,08/03/2024 17:00,,1\n"
    upload(client, "thanh-pho", content)
    confirm(client, DossierUpload.objects.get().pk)
    assert DossierUpload.objects.get().status == DossierUpload.Status.IMPORTED
    assert Dossier.objects.get(code=TAKEN).unit.code == "xa-b"
    assert not DossierFact.objects.filter(unit__code="xa-a").exists()
    assert DossierFact.objects.get(unit__code="xa-b").received == 1
    move = AuditEvent.objects.get(action="dossier.move")
    assert (move.before, move.after) == ({"unit": "xa-a"}, {"unit": "xa-b"})


# --- API -----------------------------------------------------------------------------------
def push(client, key: str, body: dict):
    return client.post(
        "/api/v1/dossiers",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_phuong_2s_token_cannot_take_over_a_thanh_tan_dossier(client, thanh_tan):
    _row, key = tokens.issue(thanh_tan.other, "Một cửa Phường 2")
    response = push(
        client, key, {"dossiers": [item("P2-0001", "xa-b"), item(TAKEN, "xa-b", KenhThucHien=1)]}
    )
    assert response.status_code == 422
    body = response.json()
    assert (body["saved"], body["updated"]) == (False, 0)
    assert [(e["row"], e["column"], e["value"]) for e in body["errors"]] == [(2, "MaHoSo", TAKEN)]
    assert MESSAGE in body["errors"][0]["message"]
    assert no_other_unit_named(response.content.decode())
    assert held_by_thanh_tan()
    assert not Dossier.objects.filter(code="P2-0001").exists()

    kept = push(
        client,
        key,
        {
            "dossiers": [item(TAKEN, "xa-b", KenhThucHien=1), item("P2-0001", "xa-b")],
            "skip_invalid": True,
        },
    )
    assert kept.status_code == 200
    assert (kept.json()["created"], kept.json()["updated"]) == (1, 0)
    assert held_by_thanh_tan()


# --- command line --------------------------------------------------------------------------
def csv_file(tmp_path, *lines: str):
    path = tmp_path / "hoso.csv"
    path.write_text(CSV_HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_the_command_line_refuses_a_move_unless_told(tmp_path, thanh_tan):
    path = csv_file(tmp_path, f"{TAKEN},1.001,xa-b,04/03/2024 08:00,08/03/2024 17:00,,1")
    code, out, _err = run("import-dossiers", str(path), "--format", "json")
    assert code != 0
    report = json.loads(out)
    assert report["updated"] == 0
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(2, "MaHoSo")]
    assert MESSAGE in report["errors"][0]["message"]
    assert "--allow-move" in report["errors"][0]["message"]
    assert held_by_thanh_tan()
    assert not AuditEvent.objects.filter(action="dossier.move").exists()


def test_the_command_line_moves_a_dossier_with_allow_move_and_records_it(tmp_path, thanh_tan):
    path = csv_file(tmp_path, f"{TAKEN},1.001,xa-b,04/03/2024 08:00,08/03/2024 17:00,,1")
    code, out, _err = run("import-dossiers", str(path), "--allow-move", "--format", "json")
    assert code == 0, out
    assert json.loads(out) == {
        "rows": 1,
        "created": 0,
        "updated": 1,
        "unchanged": 0,
        "errors": [],
        "warnings": [],
    }
    assert Dossier.objects.get(code=TAKEN).unit.code == "xa-b"
    assert not DossierFact.objects.filter(unit__code="xa-a").exists()
    assert DossierFact.objects.get(unit__code="xa-b").received == 1
    move = AuditEvent.objects.get(action="dossier.move")
    assert (move.before, move.after, move.object_repr) == (
        {"unit": "xa-a"},
        {"unit": "xa-b"},
        TAKEN,
    )
