"""The change history in the admin names each action as a reader knows it, in Vietnamese —
the sign-ins, the imports and the administrators' own changes included — not by its code."""

import pytest
from django.urls import reverse

from cchc.audit.log import record
from cchc.testing.auth import admin_login
from cchc.testing.factories import UserFactory


@pytest.fixture
def admin_client(client, db):
    admin_login(client, UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_and_filters_actions_by_their_vietnamese_names(admin_client):
    person = UserFactory(username="canbo")
    record("login", by=person, obj=person)
    record("dossier_import", by=person)
    record("membership.delete", by=person)
    record("something.unnamed", by=person)
    record("figure.enter", by=person)
    record("target.figure", by=person)
    record("unittoken.deactivate", by=person)
    page = admin_client.get(
        reverse("admin:audit_auditevent_changelist"), HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    for shown in ("Đăng nhập", "Nhập hồ sơ thủ tục hành chính", "Gỡ vai trò trong đơn vị"):
        assert shown in page
    assert "Hiện số lượng" in page and "Show counts" not in page
    assert "Theo loại đối tượng" in page and "content type" not in page
    assert ">login<" not in page and ">dossier_import<" not in page
    assert "something.unnamed" in page  # an action no app named is shown as stored
    # two different entries, two names (both were "Nhập số liệu chỉ tiêu"); an admin write
    for shown in (
        "Nhập số liệu theo kỳ",
        "Nhập kết quả đạt được của chỉ tiêu",
        "Ngừng sử dụng mã truy cập API (trang quản trị)",
    ):
        assert page.count(shown) == 2  # in the list and in the action filter

    only = admin_client.get(
        reverse("admin:audit_auditevent_changelist"),
        {"action": "dossier_import"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert [e.action for e in only.context["cl"].result_list] == ["dossier_import"]


def test_an_events_page_names_its_fields_in_vietnamese(admin_client):
    person = UserFactory(username="canbo")
    record("login", by=person, obj=person)
    event_id = (
        admin_client.get(reverse("admin:audit_auditevent_changelist"))
        .context["cl"]
        .result_list[0]
        .pk
    )
    page = admin_client.get(
        reverse("admin:audit_auditevent_change", args=[event_id]), HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    for label in (
        "Loại đối tượng",
        "Mã đối tượng",
        "Loại đối tượng chứa nó",
        "Mã đối tượng chứa nó",
    ):
        assert f"<label>{label}:</label>" in page
    assert "Content type" not in page and "Object id" not in page
    assert "<label>Thao tác:</label>" in page and "Đăng nhập" in page and ">login<" not in page
