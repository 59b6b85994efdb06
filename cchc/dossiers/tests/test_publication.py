"""Procedure publication: the edit page, the file import and the transparency criteria."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.dossiers import publication
from cchc.dossiers.models import Procedure
from cchc.org.choices import Role
from cchc.testing.factories import UserFactory, member

ALL = list(publication.PART_CODES)
HEADER = (
    "MaTTHC,VanBanQuyDinh,NgayHieuLuc,NgayQuyetDinhCongBo,CongKhaiCSDLQG,NgayCongKhaiCSDLQG,"
    "CoTen,CoTrinhTu,CoCachThuc,CoThanhPhanHoSo,CoThoiHan,CoDoiTuong,CoCoQuan\n"
)


def proc(code, level="Cấp xã", **values):
    return Procedure.objects.create(code=code, name=f"Thủ tục {code}", level=level, **values)


def test_the_transparency_criteria_are_computed_from_the_publication(world):
    # Act in force Monday 3 June 2024: 5 working days before is Monday 27 May.
    effective = dt.date(2024, 6, 3)
    proc(
        "1",
        act_effective=effective,
        publication_decided=dt.date(2024, 5, 27),
        on_national_db=True,
        national_db_on=dt.date(2024, 6, 3),
        parts=ALL,
    )
    proc(
        "2",
        act_effective=effective,
        publication_decided=dt.date(2024, 5, 28),
        on_national_db=True,
        national_db_on=dt.date(2024, 6, 5),
        parts=ALL[:6],
    )
    proc(
        "3",
        act_effective=effective,
        publication_decided=dt.date(2024, 5, 20),
        on_national_db=False,
        parts=ALL,
    )
    proc(
        "4",
        level="Cấp tỉnh",
        act_effective=effective,
        publication_decided=dt.date(2024, 5, 1),
        parts=[],
    )  # not the commune's
    start, end = dt.date(2024, 5, 1), dt.date(2024, 5, 31)
    assert publication.published_on_time(world.commune, start, end) == (2, 3)  # 1 and 3
    # 1: 3/6 ≤ 27/5 + 5 wd (3/6); 2: 5/6 > 28/5 + 5 wd (4/6); 3: not on the database
    assert publication.national_db_on_time(world.commune, start, end) == (1, 3)
    assert publication.seven_parts(world.commune, start, end) == (2, 3)
    assert publication.seven_parts(world.province, start, end) == (2, 4)
    assert (
        publication.published_on_time(world.commune, dt.date(2024, 7, 1), dt.date(2024, 7, 31))
        is None
    )


def test_a_province_imports_the_publication_file_whole_or_not_at_all(world, login):
    proc("1.001")
    client = login(member(UserFactory(username="tinh.focal"), world.province, Role.FOCAL_POINT))
    url = reverse("dossiers:publication")
    bad = (
        HEADER + "1.001,QĐ 1,2024-06-03,2024-05-27,1,2024-05-20,1,1,1,1,1,1,1\n9.999,,,,,,,,,,,,\n"
    )
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", bad.encode())})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Không có thủ tục nào trong danh mục có mã này." in text
    assert "trước quyết định công bố" in text
    assert Procedure.objects.get(code="1.001").publication_decided is None
    good = HEADER + "1.001,QĐ 1,2024-06-03,2024-05-27,1,2024-05-30,1,1,1,1,1,1,0\n"
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", good.encode())})
    assert response.status_code == 200
    saved = Procedure.objects.get(code="1.001")
    assert saved.publication_decided == dt.date(2024, 5, 27) and saved.parts == ALL[:6]
    assert AuditEvent.objects.filter(action="procedure.publication").count() == 1


def test_the_edit_page_saves_one_procedure(world, client, admin_user):
    proc("1.002")
    client.force_login(admin_user)
    url = reverse("dossiers:publication_edit", args=["1.002"])
    data = {
        "deciding_act": "QĐ 5",
        "act_effective": "2024-06-03",
        "publication_decided": "2024-05-20",
        "on_national_db": "",
        "national_db_on": "2024-05-21",
        "parts": ["name", "steps"],
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and Procedure.objects.get(code="1.002").deciding_act == ""
    data["on_national_db"] = "on"
    assert client.post(url, data).status_code == 302
    assert Procedure.objects.get(code="1.002").parts == ["name", "steps"]


def test_a_commune_reads_but_may_not_edit_and_a_wrong_method_is_refused(world, login):
    proc("1.003")
    client = login(world.people.focal)
    assert client.get(reverse("dossiers:publication")).status_code == 200
    assert client.get(reverse("dossiers:publication_edit", args=["1.003"])).status_code == 403
    assert client.post(reverse("dossiers:publication")).status_code == 403
    assert client.put(reverse("dossiers:publication")).status_code == 405


def test_someone_without_a_unit_gets_404(db, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x-secret-1"))
    assert client.get(reverse("dossiers:publication")).status_code == 404


def test_the_publication_table_stacks_into_labelled_cards_on_a_phone(world, login):
    proc("1.004", parts=["name"])
    html = login(world.people.focal).get(reverse("dossiers:publication")).content.decode()
    assert 'class="table table-sm table-bordered align-middle stack-sm"' in html
    assert 'data-label="CSDL quốc gia">không</td>' in html
