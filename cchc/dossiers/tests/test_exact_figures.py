"""Contract version 2 on the import side: appointments written as a date alone, appointments
computed from the catalogue, units named by their e-ID code, and unknown procedures said in
every output (issue 13, "First, make the figures exact")."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from cchc.dossiers.models import Dossier, DossierUpload, Procedure
from cchc.dossiers.tests.test_commands import run
from cchc.dossiers.tests.test_web_import import confirm, upload
from cchc.org.models import Unit
from cchc.workdays.models import CalendarOverride, DayKind

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HEADER = "MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,TrangThaiHoSo"


@pytest.fixture
def catalogue(tmp_path, world):
    path = tmp_path / "tthc.csv"
    path.write_text(
        "MaTTHC,TenTTHC,ThoiGianGiaiQuyet,DonViTinh\n"
        "1.001,Đăng ký khai sinh,3,Ngày làm việc\n"
        '1.002,Chứng thực,"0,5",Ngày làm việc\n'
        "1.003,Xác nhận,2,Ngày\n"
        "1.004,Cấp bản sao,4,Giờ\n"
        "1.005,Không ghi thời hạn,Theo quy định,\n",
        encoding="utf-8",
    )
    code, out, _err = run("import-procedures", str(path))
    assert code == 0, out
    return path


def import_rows(tmp_path, *lines: str) -> tuple[int, dict]:
    path = tmp_path / "hoso.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    code, out, _err = run("import-dossiers", str(path), "--format", "json")
    return code, json.loads(out)


def on_time(unit: str, day: str) -> dict:
    code, out, _err = run(
        "indicators", "--unit", unit, "--from", day, "--to", day, "--format", "json"
    )
    assert code == 0
    return json.loads(out)["indicators"]["on_time_rate"]


def test_an_appointment_written_as_a_date_alone_means_the_end_of_that_day(tmp_path, catalogue):
    code, result = import_rows(
        tmp_path,
        "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08,2024-03-08 09:00,10",
        "HS-2,1.001,xa-a,2024-03-04 08:00,08/03/2024,2024-03-09 09:00,10",
    )
    assert code == 0, result
    due = Dossier.objects.get(code="HS-1").due
    assert due == dt.datetime(2024, 3, 8, 23, 59, 59, tzinfo=VN)
    assert Dossier.objects.get(code="HS-2").due == due
    # finished at 09:00 on its due day: on time; the next morning: late
    assert on_time("xa-a", "2024-03-04") == {"numerator": 1, "denominator": 2, "value": 50.0}


def test_a_written_time_is_kept_and_a_date_alone_elsewhere_is_midnight(tmp_path, catalogue):
    import_rows(tmp_path, "HS-1,1.001,xa-a,2024-03-04,2024-03-08 17:00,2024-03-08,10")
    dossier = Dossier.objects.get(code="HS-1")
    assert dossier.received == dt.datetime(2024, 3, 4, 0, 0, tzinfo=VN)
    assert dossier.due == dt.datetime(2024, 3, 8, 17, 0, tzinfo=VN)
    assert dossier.processing_ended == dt.datetime(2024, 3, 8, 0, 0, tzinfo=VN)


def test_an_empty_appointment_is_computed_from_the_legal_time_of_the_catalogue(tmp_path, catalogue):
    code, result = import_rows(
        tmp_path,
        # Friday 1 March 2024: 3 working days → Wednesday 6 March, end of day
        "HS-1,1.001,xa-a,2024-03-01 10:00,,2024-03-06 16:00,10",
        # half a working day counts as one: Monday 4 March
        "HS-2,1.002,xa-a,2024-03-01 10:00,,,4",
        # 2 calendar days: Sunday 3 March
        "HS-3,1.003,xa-a,2024-03-01 10:00,,,4",
        # 4 hours on the clock
        "HS-4,1.004,xa-a,2024-03-01 10:00,,,4",
    )
    assert code == 0, result
    assert result["created"] == 4
    due = {d.code: d.due for d in Dossier.objects.all()}
    assert due == {
        "HS-1": dt.datetime(2024, 3, 6, 23, 59, 59, tzinfo=VN),
        "HS-2": dt.datetime(2024, 3, 4, 23, 59, 59, tzinfo=VN),
        "HS-3": dt.datetime(2024, 3, 3, 23, 59, 59, tzinfo=VN),
        "HS-4": dt.datetime(2024, 3, 1, 14, 0, tzinfo=VN),
    }


def test_the_computed_appointment_follows_the_units_working_day_calendar(tmp_path, catalogue):
    commune = Unit.objects.get(code="xa-a")
    CalendarOverride.objects.create(
        day=dt.date(2024, 3, 4), kind=DayKind.DAY_OFF, name="Nghỉ bù", unit=commune
    )
    import_rows(tmp_path, "HS-1,1.001,xa-a,2024-03-01 10:00,,,4")
    # Monday 4 March is a day off for this commune: Tuesday, Wednesday, Thursday
    assert Dossier.objects.get(code="HS-1").due == dt.datetime(2024, 3, 7, 23, 59, 59, tzinfo=VN)


def test_an_empty_appointment_without_a_legal_time_is_an_invalid_row(tmp_path, catalogue):
    code, result = import_rows(
        tmp_path,
        "HS-1,1.005,xa-a,2024-03-01 10:00,,,4",
        "HS-2,9.999,xa-a,2024-03-01 10:00,,,4",
    )
    assert code != 0
    assert [(e["row"], e["column"]) for e in result["errors"]] == [
        (2, "NgayHenTra"),
        (3, "NgayHenTra"),
    ]
    assert "1.005" in result["errors"][0]["message"]
    assert "thời hạn" in result["errors"][0]["message"]
    assert not Dossier.objects.exists()


def test_a_unit_named_by_its_e_id_code_is_that_unit(tmp_path, catalogue):
    Unit.objects.filter(code="xa-a").update(eid_code="000.31.35.H55")
    code, result = import_rows(tmp_path, "HS-1,1.001,000.31.35.H55,2024-03-04 08:00,,,4")
    assert code == 0, result
    assert Dossier.objects.get(code="HS-1").unit.code == "xa-a"


def test_an_unknown_e_id_code_is_refused_by_name(tmp_path, catalogue):
    code, result = import_rows(tmp_path, "HS-1,1.001,000.99.99.H55,2024-03-04 08:00,,,4")
    assert code != 0
    [error] = result["errors"]
    assert (error["column"], error["value"]) == ("MaDonVi", "000.99.99.H55")


def test_an_unknown_procedure_is_added_and_warned_about_in_the_json(tmp_path, catalogue):
    code, result = import_rows(
        tmp_path,
        "HS-1,9.999,xa-a,2024-03-04 08:00,2024-03-08,,4",
        "HS-2,9.999,xa-a,2024-03-04 08:00,2024-03-08,,4",
    )
    assert code == 0
    assert Procedure.objects.get(code="9.999").unclassified
    [warning] = result["warnings"]
    assert "9.999" in warning and "Dòng 2" in warning


def test_the_json_of_a_clean_import_has_an_empty_list_of_warnings(tmp_path, catalogue):
    code, result = import_rows(tmp_path, "HS-1,1.001,xa-a,2024-03-04 08:00,2024-03-08,,4")
    assert (code, result["warnings"]) == (0, [])


def test_the_web_import_result_shows_the_unknown_procedure(login, world, catalogue):
    client = login(world.people.focal)
    upload(client, "xa-a", HEADER + "\nHS-1,9.999,xa-a,2024-03-04 08:00,2024-03-08,,4\n")
    item = DossierUpload.objects.get()
    done = confirm(client, item.pk)
    page = client.get(done.url).content.decode()
    assert "9.999" in page and "chưa có trong danh mục" in page
