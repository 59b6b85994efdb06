"""The public page of a unit: what it shows without login, the dossier lookup, the open data,
the cache and its refresh, and that no personal data is ever shown."""

from __future__ import annotations

import csv
import io
import json

from django.urls import reverse
from django.utils import timezone

from cchc.dossiers.models import Dossier, Procedure
from cchc.dossiers.saving import import_dossiers
from cchc.feedback.models import Feedback
from cchc.org.models import User
from cchc.testing.factories import UnitFactory, merge

from .conftest import dossiers


def page(client, code="xa-a"):
    return client.get(reverse("public:unit", args=[code]))


def test_the_page_shows_the_plan_indicators_and_procedures_without_login(published, client):
    response = page(client)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Xã Thạnh Tân" in text
    assert "Đã hoàn thành 0/2 nhiệm vụ, 1 nhiệm vụ quá hạn." in text
    assert "Đăng ký khai sinh" in text and "1.001612" in text
    assert "Tra cứu hồ sơ" in text


def test_a_dissolved_communes_page_says_who_took_over_its_work(published, client, world):
    today = timezone.localdate()  # dissolved yesterday: its figures are today's
    merge(
        world.commune,
        into=UnitFactory(code="xa-moi", name="Xã Mới", parent=world.district),
        on=today,
    )
    text = page(client).content.decode()
    assert "công việc của đơn vị do Xã Mới tiếp nhận" in text
    assert 'href="/cong-khai/xa-moi/"' in text
    # its own figures stay
    assert "Đã hoàn thành 0/2 nhiệm vụ, 1 nhiệm vụ quá hạn." in text
    assert "Đăng ký khai sinh" in text
    assert "đã được sắp xếp lại" not in page(client, "xa-moi").content.decode()


def test_a_commune_dissolved_long_ago_shows_its_figures_up_to_then(published, client, world):
    merge(world.commune, into=UnitFactory(code="xa-moi", name="Xã Mới", parent=world.district))
    text = page(client).content.decode()
    assert "Số liệu tính đến ngày 01/07/2025." in text
    assert "Đã hoàn thành 0/2" not in text  # this year's plan is not its (it has none then)
    data = json.loads(client.get(reverse("public:json", args=["xa-a"])).content)
    assert data["as_of"] == "2025-07-01"
    assert (data["indicators"]["from"], data["indicators"]["to"]) == ("2025-06-01", "2025-06-30")
    assert data["progress"]["year"] == 2025 and data["progress"]["tasks"] == 0
    # the successor's page is today's
    assert json.loads(client.get(reverse("public:json", args=["xa-moi"])).content)["as_of"] == (
        timezone.localdate().isoformat()
    )


def test_the_open_data_carries_the_same_figures_with_a_licence(published, client):
    data = json.loads(client.get(reverse("public:json", args=["xa-a"])).content)
    assert data["licence"].startswith("CC BY 4.0")
    assert data["unit"] == {"code": "xa-a", "name": "Xã Thạnh Tân"}
    assert data["progress"]["tasks"] == 2 and data["progress"]["overdue"] == 1
    on_time = next(i for i in data["indicators"]["items"] if i["code"] == "on_time_rate")
    # two dossiers of xa-a, one finished by its appointment
    assert (on_time["numerator"], on_time["denominator"], on_time["value"]) == (1, 2, 50.0)
    assert [p["code"] for p in data["procedures"]] == ["1.001612"]
    assert data["procedures"][0]["all_parts"] is False
    response = client.get(reverse("public:csv", args=["xa-a"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["phan", "ma", "ten", "tu_so", "mau_so", "gia_tri", "ghi_chu"]
    assert rows[1][0] == "giay_phep" and rows[1][2] == data["licence"]
    assert rows[[r[1] for r in rows].index("on_time_rate")][:2] == ["chi_so", "on_time_rate"]
    assert next(r for r in rows if r[1] == "on_time_rate")[3:6] == ["1", "2", "50.0"]


def test_a_lookup_shows_only_procedure_status_dates_and_timing(published, client):
    url = reverse("public:lookup", args=["xa-a"])
    response = client.get(url, {"ma": "000.31.35.H55-260102-0002"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Đăng ký khai sinh" in text and "Đã trả kết quả" in text and "quá hạn" in text


def test_a_malformed_or_unknown_or_foreign_code_reveals_nothing(published, client):
    url = reverse("public:lookup", args=["xa-a"])
    malformed = client.get(url, {"ma": "<script>"})
    assert malformed.status_code == 400 and "không phải mã hồ sơ" in malformed.content.decode()
    unknown = client.get(url, {"ma": "000.31.35.H55-260102-9999"})
    foreign = client.get(url, {"ma": "000.02.31.H55-260102-0003"})  # a dossier of xa-b
    assert unknown.status_code == foreign.status_code == 404
    message = "Không có hồ sơ nào của đơn vị mang mã này."
    assert message in unknown.content.decode() and message in foreign.content.decode()
    assert "Đăng ký khai sinh" not in foreign.content.decode()


def test_a_flood_of_lookups_from_one_address_is_refused_for_the_minute(published, client, settings):
    settings.PUBLIC_LOOKUPS_PER_MINUTE = 3
    url = reverse("public:lookup", args=["xa-a"])
    codes = [client.get(url, {"ma": "000.31.35.H55-260102-0001"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get(url, {"ma": "000.31.35.H55-260102-0001"})
    assert "Quá nhiều lượt tra cứu" in refused.content.decode()
    assert "Đăng ký khai sinh" not in refused.content.decode()


def test_an_unknown_unit_gets_a_clear_404_and_a_wrong_method_405(db, client):
    response = page(client, "khong-co")
    assert (
        response.status_code == 404
        and "Không có đơn vị nào có mã này." in response.content.decode()
    )
    assert client.post(reverse("public:unit", args=["khong-co"])).status_code == 405
    assert client.post(reverse("public:lookup", args=["khong-co"])).status_code == 405


def test_the_page_is_served_from_the_cache_until_the_data_changes(
    published, client, django_assert_max_num_queries
):
    page(client)
    with django_assert_max_num_queries(2):  # the unit and the freshness counter
        again = page(client)
    assert "Cấp giấy khai tử" not in again.content.decode()
    Procedure.objects.create(
        code="1.000656", name="Cấp giấy khai tử", level="Cấp xã", publication_decided=published.jan
    )
    assert "Cấp giấy khai tử" in page(client).content.decode()


def test_an_import_refreshes_the_open_data(published, client):
    url = reverse("public:json", args=["xa-a"])
    received = next(
        i
        for i in json.loads(client.get(url).content)["indicators"]["items"]
        if i["code"] == "dossiers_received"
    )
    assert received["numerator"] == 2
    extra = dossiers(published.jan)[0]
    extra.code = "000.31.35.H55-260102-0009"
    assert import_dossiers([extra]).saved
    received = next(
        i
        for i in json.loads(client.get(url).content)["indicators"]["items"]
        if i["code"] == "dossiers_received"
    )
    assert received["numerator"] == 3


def test_no_name_address_or_phone_held_in_the_database_appears(published, client):
    # Dossiers hold no applicant's name, address or phone: if one is added, add it here.
    personal = {"name", "address", "phone", "email", "applicant"}
    assert not [f.name for f in Dossier._meta.fields if any(w in f.name for w in personal)]
    secrets = set()
    for user in User.objects.all():
        secrets |= {user.full_name, user.first_name, user.last_name, user.email, user.phone}
    for item in Feedback.objects.all():
        secrets |= {item.sender_name, item.sender_address, item.sender_phone, item.content}
    secrets = {s for s in secrets if s and len(s) >= 4}
    assert "Trần Thị Phản Ánh" in secrets and "0987 654 321" in secrets
    lookup = reverse("public:lookup", args=["xa-a"])
    bodies = [
        page(client).content.decode(),
        page(client, "thanh-pho").content.decode(),
        client.get(lookup, {"ma": "000.31.35.H55-260102-0001"}).content.decode(),
        client.get(reverse("public:json", args=["xa-a"])).content.decode(),
        client.get(reverse("public:csv", args=["xa-a"])).content.decode("utf-8-sig"),
    ]
    found = [(s, i) for s in secrets for i, body in enumerate(bodies) if s in body]
    assert found == []


def test_the_lookup_opened_without_a_code_shows_the_form_not_an_error(published, client):
    response = client.get(reverse("public:lookup", args=["xa-a"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert 'name="ma"' in text and "không phải mã hồ sơ" not in text


def test_the_public_pages_name_the_sites_icon(published, client):
    # without it the browser asks for /favicon.ico, a 404 in the console of every visitor
    assert 'rel="icon"' in page(client, "xa-a").content.decode()
    assert 'rel="icon"' in client.get(reverse("public:lookup", args=["xa-a"])).content.decode()
