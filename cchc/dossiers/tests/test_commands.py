"""`cchc import-dossiers`, `cchc import-procedures` and `cchc indicators` as scripts use them."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command

from cchc.dossiers.models import Dossier, DossierFact, ImportBatch, Procedure
from cchc.testing.sites import Site

HEADER = "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,TrangThaiHoSo,KenhThucHien"


def write(tmp_path: Path, *lines: str, name: str = "hoso.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    """Run a management command as the console script would: exit code, stdout, stderr."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    name, *rest = args
    try:
        call_command(name.replace("-", "_"), *rest, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def catalogue(tmp_path, world):
    path = tmp_path / "tthc.csv"
    path.write_text(
        "MaTTHC,TenTTHC,DuDieuKienToanTrinh,CoPhiLePhi,TichHopThanhToan,TraKetQuaGiayTo\n"
        "1.001,Đăng ký khai sinh,1,0,0,1\n"
        "2.002,Chứng thực bản sao,0,1,1,1\n",
        encoding="utf-8",
    )
    code, out, _err = run("import-procedures", str(path))
    assert code == 0, out
    return path


def test_a_valid_file_prints_the_contract_json_and_a_second_import_changes_nothing(
    tmp_path, catalogue
):
    path = write(
        tmp_path,
        "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08 17:00,2024-03-07 09:00,10,2",
        "HS-2,1.001,xa-b,04/03/2024 08:00,08/03/2024 17:00,,4,1",
    )
    code, out, _err = run("import-dossiers", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "warnings": [],
    }

    code, out, _err = run("import-dossiers", str(path), "--format", "json")
    assert json.loads(out) == {
        "rows": 2,
        "created": 0,
        "updated": 0,
        "unchanged": 2,
        "errors": [],
        "warnings": [],
    }
    assert Dossier.objects.count() == 2

    changed = write(
        tmp_path, "HS-2,1.001,xa-b,04/03/2024 08:00,08/03/2024 17:00,2024-03-09 10:00,10,1"
    )
    code, out, _err = run("import-dossiers", str(changed), "--format", "json")
    assert (json.loads(out)["updated"], json.loads(out)["unchanged"]) == (1, 0)
    assert Dossier.objects.get(code="HS-2").status == 10


def test_a_file_with_bad_rows_saves_nothing_and_lists_every_bad_cell(tmp_path, catalogue):
    path = write(
        tmp_path,
        "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08 17:00,,4,1",
        "HS-2,1.001,xa-a,31/02/2024,2024-03-08 17:00,,4,1",
        "HS-3,1.001,khong-co,2024-03-04,2024-03-08,,4,1",
        "HS-4,1.001,xa-a,2024-03-09,2024-03-08,,4,1",
        "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08 17:00,,4,1",
    )
    code, out, _err = run("import-dossiers", str(path), "--format", "json")
    assert code != 0
    report = json.loads(out)
    assert [(e["row"], e["column"], e["value"]) for e in report["errors"]] == [
        (3, "NgayTiepNhan", "31/02/2024"),
        (4, "MaDonVi", "khong-co"),
        (5, "NgayHenTra", "2024-03-08"),
        (6, "MaHoSo", "HS-1"),
    ]
    assert all(e["message"] for e in report["errors"])
    assert not Dossier.objects.exists() and not DossierFact.objects.exists()
    assert not ImportBatch.objects.filter(kind=ImportBatch.Kind.DOSSIERS).exists()

    code, out, err = run("import-dossiers", str(path))
    assert code != 0
    assert "Dòng 3, cột NgayTiepNhan" in err and "Chưa lưu gì" in err


def test_skip_invalid_keeps_the_valid_rows(tmp_path, catalogue):
    path = write(
        tmp_path,
        "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08 17:00,,4,1",
        "HS-2,1.001,xa-a,31/02/2024,2024-03-08 17:00,,4,1",
    )
    code, out, _err = run("import-dossiers", str(path), "--skip-invalid", "--format", "json")
    assert code != 0  # rows were refused: a script must notice
    assert json.loads(out)["created"] == 1
    assert list(Dossier.objects.values_list("code", flat=True)) == ["HS-1"]


def test_an_unreadable_file_exits_non_zero_with_a_message(tmp_path, catalogue):
    path = tmp_path / "hoso.xlsx"
    path.write_bytes(b"this is not a workbook")
    code, out, _err = run("import-dossiers", str(path), "--format", "json")
    assert code != 0
    assert "Excel" in json.loads(out)["errors"][0]["message"]
    with pytest.raises(Exception, match="Không tìm thấy tệp"):
        call_command("import_dossiers", str(tmp_path / "khong-co.csv"))


def test_unknown_procedures_are_added_unclassified_with_a_warning(tmp_path, catalogue):
    path = write(tmp_path, "HS-1,9.999,xa-a,2024-03-04 08:00,2024-03-08 17:00,,4,1")
    code, _out, err = run("import-dossiers", str(path))
    assert code == 0
    assert Procedure.objects.get(code="9.999").unclassified
    assert "9.999" in err

    # importing the catalogue afterwards classifies it
    fixed = tmp_path / "tthc2.csv"
    fixed.write_text("MaTTHC,TenTTHC,CoPhiLePhi\n9.999,Cấp phép,1\n", encoding="utf-8")
    run("import-procedures", str(fixed))
    procedure = Procedure.objects.get(code="9.999")
    assert (procedure.unclassified, procedure.has_fee) == (False, True)


def test_indicators_prints_the_contract_json_with_months(tmp_path, catalogue):
    path = write(
        tmp_path,
        "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08 17:00,2024-03-07 09:00,10,2",
        "HS-2,1.001,xa-b,2024-04-04 08:00,2024-04-08 17:00,2024-04-10 09:00,10,1",
    )
    run("import-dossiers", str(path))
    code, out, _err = run(
        "indicators",
        "--unit",
        "thanh-pho",
        "--from",
        "2024-03-01",
        "--to",
        "2024-04-30",
        "--by",
        "month",
        "--format",
        "json",
    )
    assert code == 0
    result = json.loads(out)
    assert (result["unit"], result["from"], result["to"]) == (
        "thanh-pho",
        "2024-03-01",
        "2024-04-30",
    )
    assert result["indicators"]["on_time_rate"] == {"numerator": 1, "denominator": 2, "value": 50.0}
    assert result["months"]["2024-03"]["on_time_rate"]["value"] == 100.0
    assert result["months"]["2024-04"]["on_time_rate"]["value"] == 0.0
    assert set(result["indicators"]) >= {
        "dossiers_received",
        "on_time_rate",
        "late_apology_rate",
        "online_submission_rate",
        "full_online_rate",
        "online_payment_rate",
        "payment_procedures_rate",
        "payment_used_procedures_rate",
        "e_result_rate",
        "digitisation_rate",
        "reuse_rate",
    }


def test_the_console_script_exits_non_zero_on_a_bad_file(tmp_path, migrated_site):
    """The real `cchc` entry point, as an outside check calls it (own process, own database:
    a copy of a migrated one)."""
    site = Site(tmp_path, "cli", like=migrated_site)
    env = {"DATABASE_URL": site.url, "CCHC_DATA_DIR": str(site.data), "PATH": "/usr/bin:/bin"}
    cchc = str(Path(sys.executable).with_name("cchc"))
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "\nHS-1,1.001,xa-a,31/02/2024,2024-03-08,,4,1\n", encoding="utf-8")
    done = subprocess.run(
        [cchc, "import-dossiers", str(bad), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    site.drop()
    assert done.returncode != 0
    errors = json.loads(done.stdout)["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(2, "NgayTiepNhan")}


def test_cells_written_decomposed_read_as_their_composed_spelling(tmp_path, catalogue):
    """A file saved on a Mac writes "có" as "c", "o" and a combining accent (NFD): the
    contract's booleans `có`/`không` were refused in that spelling, and a code kept it."""
    path = tmp_path / "mac.csv"
    text = "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra,ToanTrinh,CoPhieuXinLoi\n"
    text += "HS-Đ1,1.001,xa-a,2024-03-04,2024-03-08,có,không\n"
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    code, out, _err = run("import-dossiers", str(path), "--format", "json")
    assert (code, json.loads(out)["errors"]) == (0, [])
    dossier = Dossier.objects.get()
    assert (dossier.code, dossier.full_online, dossier.apology) == ("HS-Đ1", True, False)
