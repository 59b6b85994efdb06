"""The web import as a focal point uses it: upload, check the columns, import, read the outcome."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cchc.dossiers.models import Dossier, DossierUpload, Procedure
from cchc.testing.tasks import run_queued

GOOD = (
    "Mã hồ sơ,Mã TTHC,Mã đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc xử lý,Kênh\n"
    "HS-1,1.001,xa-a,04/03/2024 08:00,08/03/2024 17:00,07/03/2024 09:00,2\n"
    "HS-2,1.001,xa-a,05/03/2024 08:00,11/03/2024 17:00,,1\n"
)
BAD = GOOD + "HS-3,1.001,xa-a,31/02/2024,11/03/2024 17:00,,1\n"


@pytest.fixture
def catalogue(db):
    Procedure.objects.create(code="1.001", name="Đăng ký khai sinh", returns_document=True)


def upload(client, unit: str, content: str | bytes, name: str = "hoso.csv", kind="dossiers"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        reverse("dossiers:import", args=[unit]),
        {"kind": kind, "file": SimpleUploadedFile(name, data), "sheet": ""},
    )


def confirm(client, pk: int, *, skip_invalid: bool = False, **columns):
    page = client.get(reverse("dossiers:upload", args=[pk]))
    form = page.context["form"]
    data = {f"col_{name}": form[f"col_{name}"].value() or "" for name in form.columns}
    data.update({f"col_{k}": str(v) for k, v in columns.items()})
    data["action"] = "import"
    if skip_invalid:
        data["skip_invalid"] = "on"
    response = client.post(reverse("dossiers:upload", args=[pk]), data)
    run_queued()  # the worker's part: a dossier file is imported in the background
    return response


def test_a_focal_point_previews_then_imports_a_file(login, world, catalogue):
    client = login(world.people.focal)
    response = upload(client, "xa-a", GOOD)
    item = DossierUpload.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "dossiers:upload", args=[item.pk]
    )
    stored = item.stored_name
    assert default_storage.exists(stored)

    preview = client.get(response.url)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "HS-1" in text and "04/03/2024 08:00" in text  # the first rows as written
    assert preview.context["form"]["col_NgayHenTra"].value() == "4"  # detected column E
    assert not Dossier.objects.exists()  # nothing saved before confirming

    done = confirm(client, item.pk)
    assert done.status_code == 302
    assert sorted(Dossier.objects.values_list("code", flat=True)) == ["HS-1", "HS-2"]
    item.refresh_from_db()
    assert item.status == DossierUpload.Status.IMPORTED
    assert (item.result["created"], item.result["rows"]) == (2, 2)
    assert not default_storage.exists(stored)  # the file does not outlive the import
    result = client.get(done.url).content.decode()
    assert "Đã nhập." in result and "2 dòng: 2 mới" in result
    # the next step is one click away: the indicators of the year the dossiers belong to
    assert reverse("indicators:unit", args=["xa-a"]) + "?period=2024" in result


def test_a_file_with_an_error_saves_nothing_and_reports_the_row(login, world, catalogue):
    client = login(world.people.focal)
    upload(client, "xa-a", BAD)
    item = DossierUpload.objects.get()
    confirm(client, item.pk)
    item.refresh_from_db()
    assert item.status == DossierUpload.Status.REFUSED
    assert not Dossier.objects.exists()
    page = client.get(reverse("dossiers:upload", args=[item.pk])).content.decode()
    assert "Chưa lưu gì." in page and "31/02/2024" in page and "NgayTiepNhan" in page

    report = client.get(reverse("dossiers:errors", args=[item.pk]))
    sheet = load_workbook(io.BytesIO(report.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] == 4]
    # the portal's column name and, for a reader who does not know it, what it holds
    assert rows == [(4, "NgayTiepNhan (ngày tiếp nhận)", "31/02/2024", rows[0][3])]
    assert "ngày" in rows[0][3].lower()


def test_a_value_that_looks_like_a_formula_is_reported_as_text(login, world, catalogue):
    # The error file repeats what the user's file held: a cell written as a formula there
    # must come back as the same words, not as a formula Excel would run on opening.
    formula = '=HYPERLINK("http://evil.example/x","Bấm vào đây")'
    row = '"HS-3",1.001,xa-a,"' + formula.replace('"', '""') + '",11/03/2024 17:00,,1\n'
    client = login(world.people.focal)
    upload(client, "xa-a", GOOD + row)
    item = DossierUpload.objects.get()
    confirm(client, item.pk)

    report = client.get(reverse("dossiers:errors", args=[item.pk]))
    sheet = load_workbook(io.BytesIO(report.content)).active
    rows = [row for row in sheet.iter_rows() if row[0].value == 4]
    assert [row[2].value for row in rows] == [formula]  # the text unchanged
    assert rows[0][2].data_type == "s" and rows[0][2].quotePrefix
    assert rows[0][0].data_type == "n"  # the row number stays a number
    with zipfile.ZipFile(io.BytesIO(report.content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_importing_only_the_valid_rows_keeps_them(login, world, catalogue):
    client = login(world.people.focal)
    upload(client, "xa-a", BAD)
    confirm(client, DossierUpload.objects.get().pk, skip_invalid=True)
    assert Dossier.objects.count() == 2
    assert DossierUpload.objects.get().result["skipped"] == 1


def test_columns_that_were_not_recognised_are_chosen_by_hand(login, world, catalogue):
    client = login(world.people.focal)
    upload(
        client,
        "xa-a",
        "Số HS,Thủ tục,Đơn vị,Ngày tiếp nhận,Hạn\nHS-1,1.001,xa-a,2024-03-04,2024-03-08\n",
    )
    item = DossierUpload.objects.get()
    page = client.get(reverse("dossiers:upload", args=[item.pk]))
    assert page.context["missing"] == ["MaHoSo", "MaTTHC", "NgayHenTra"]

    refused = confirm(client, item.pk)
    assert refused.status_code == 200  # the form says which fields still need a column
    assert "MaHoSo" in refused.context["form"].errors["col_MaHoSo"][0]

    confirm(client, item.pk, MaHoSo=0, MaTTHC=1, NgayHenTra=4)
    assert Dossier.objects.get().code == "HS-1"


def test_rows_of_another_commune_are_refused(login, world, catalogue):
    client = login(world.people.focal)
    upload(client, "xa-a", GOOD.replace("HS-2,1.001,xa-a", "HS-2,1.001,xa-b"))
    item = DossierUpload.objects.get()
    confirm(client, item.pk)
    item.refresh_from_db()
    assert item.status == DossierUpload.Status.REFUSED
    assert [(e["row"], e["column"]) for e in item.result["errors"]] == [(3, "MaDonVi")]
    assert not Dossier.objects.exists()


def _workbook_cut_in_half() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>" * 200)
        archive.writestr("xl/workbook.xml", "<workbook/>" * 400)
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("hoso.csv", b"\x00\x01\x02garbage" * 50),  # binary, called CSV
        ("hoso.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),  # a picture renamed
        ("hoso.xlsx", _workbook_cut_in_half()),  # cut short while copying
    ],
    ids=["binary-csv", "picture-as-xlsx", "workbook-cut-in-half"],
)
def test_a_file_whose_content_is_not_its_name_is_refused_before_it_is_queued(
    login, world, catalogue, name, content
):
    """It was stored and queued, and refused only later by the worker (decision 0179)."""
    response = upload(login(world.people.focal), "xa-a", content, name=name)
    assert response.status_code == 400
    assert f"“{name}” không phải tệp CSV hoặc Excel (.xlsx) đọc được" in response.content.decode()
    assert not DossierUpload.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_stored(login, world, settings):
    settings.MAX_IMPORT_MB = 1
    client = login(world.people.focal)
    response = upload(client, "xa-a", "x" * (2 * 1024 * 1024 + 10))
    assert response.status_code == 400
    assert "1 MB" in response.content.decode()
    assert not DossierUpload.objects.exists()


def test_a_word_file_is_not_taken_for_data(login, world):
    client = login(world.people.focal)
    response = upload(client, "xa-a", b"PK\x03\x04...", name="kehoach.docx")
    assert "CSV" in response.content.decode()
    assert not DossierUpload.objects.exists()


def test_a_commune_adds_procedures_but_only_the_province_changes_a_classified_one(
    login, world, catalogue
):
    from cchc.org.choices import Role
    from cchc.testing.factories import UserFactory, member

    text = "MaTTHC,TenTTHC,CoPhiLePhi\n1.001,Đăng ký khai sinh,1\n2.002,Chứng thực,1\n"
    client = login(world.people.focal)
    upload(client, "xa-a", text, name="tthc.csv", kind="procedures")
    confirm(client, DossierUpload.objects.get().pk)
    assert Procedure.objects.get(code="2.002").has_fee
    assert not Procedure.objects.get(code="1.001").has_fee  # left as it was, with a warning
    warnings = DossierUpload.objects.get().result["warnings"]
    assert any("1.001" in w for w in warnings)

    province = member(UserFactory(username="so.noivu"), world.province, Role.FOCAL_POINT)
    client = login(province)
    upload(client, "tinh", text, name="tthc.csv", kind="procedures")
    confirm(client, DossierUpload.objects.latest("pk").pk)
    assert Procedure.objects.get(code="1.001").has_fee


def test_another_commune_cannot_see_or_use_the_import(login, world, catalogue):
    client = login(world.people.focal)
    upload(client, "xa-a", GOOD)
    item = DossierUpload.objects.get()

    outsider = login(world.people.outsider)
    assert outsider.get(reverse("dossiers:import", args=["xa-a"])).status_code == 404
    assert upload(outsider, "xa-a", GOOD).status_code == 404
    for name in ("dossiers:upload", "dossiers:errors"):
        assert outsider.get(reverse(name, args=[item.pk])).status_code == 404
    assert outsider.post(reverse("dossiers:discard", args=[item.pk])).status_code == 404
    assert (
        outsider.post(reverse("dossiers:upload", args=[item.pk]), {"action": "import"}).status_code
        == 404
    )
    item.refresh_from_db()
    assert item.is_pending and not Dossier.objects.exists()


@pytest.mark.parametrize("persona", ["leader", "district"])
def test_read_only_roles_get_403(login, world, catalogue, persona):
    client = login(world.people.focal)
    upload(client, "xa-a", GOOD)
    item = DossierUpload.objects.get()
    reader = login(getattr(world.people, persona))
    assert reader.get(reverse("dossiers:import", args=["xa-a"])).status_code == 403
    assert reader.get(reverse("dossiers:upload", args=[item.pk])).status_code == 403
    assert reader.post(reverse("dossiers:discard", args=[item.pk])).status_code == 403


def test_wrong_methods_get_405(login, world, catalogue):
    client = login(world.people.focal)
    upload(client, "xa-a", GOOD)
    item = DossierUpload.objects.get()
    assert client.get(reverse("dossiers:discard", args=[item.pk])).status_code == 405
    assert client.post(reverse("dossiers:errors", args=[item.pk])).status_code == 405
    assert client.put(reverse("dossiers:import", args=["xa-a"])).status_code == 405


def test_discarding_deletes_the_file_and_keeps_the_record(login, world, catalogue):
    client = login(world.people.focal)
    upload(client, "xa-a", GOOD)
    item = DossierUpload.objects.get()
    stored = item.stored_name
    client.post(reverse("dossiers:discard", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == DossierUpload.Status.DISCARDED
    assert not default_storage.exists(stored)


def test_the_import_page_lists_the_history_in_few_queries(
    login, world, catalogue, django_assert_max_num_queries
):
    client = login(world.people.focal)
    for n in range(5):
        upload(client, "xa-a", GOOD, name=f"hoso-{n}.csv")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("dossiers:import", args=["xa-a"]))
    assert page.content.decode().count("hoso-") == 5


def test_uploads_left_unconfirmed_for_a_day_lose_their_file(login, world, catalogue):
    import datetime as dt

    from django.utils import timezone

    from cchc.dossiers.jobs import discard_stale_uploads

    client = login(world.people.focal)
    upload(client, "xa-a", GOOD, name="old.csv")
    upload(client, "xa-a", GOOD, name="new.csv")
    old = DossierUpload.objects.get(file_name="old.csv")
    stored = old.stored_name
    DossierUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    assert discard_stale_uploads.call() == 1
    old.refresh_from_db()
    assert old.status == DossierUpload.Status.DISCARDED
    assert default_storage.exists(stored) is False
    assert DossierUpload.objects.get(file_name="new.csv").is_pending
