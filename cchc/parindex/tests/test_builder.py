"""Building a year's criteria set by hand on its page: checked like an imported file, saved
as a version through one audited action, reordered and trimmed, and who may do it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.org.choices import Role
from cchc.parindex import actions
from cchc.parindex.models import CriteriaSet
from cchc.testing.factories import UserFactory, member

pytestmark = pytest.mark.django_db

GOOD = [
    ("1", "1", "Công tác chỉ đạo, điều hành", "60", "", ""),
    ("2", "1.1", "Ban hành kế hoạch CCHC", "40", "Có: 40 điểm; Không: 0 điểm", "Kế hoạch"),
    ("3", "1.2", "Kiểm tra CCHC", "20", "Theo đánh giá", "Báo cáo"),
    ("4", "2", "Kết quả điều tra xã hội học", "40", "", ""),
]


def _post(rows, name="Bộ tiêu chí tự xây dựng", **extra) -> dict:
    data = {"rows": str(len(rows) + 2), "name": name, **extra}
    for index, row in enumerate(rows):
        for field, value in zip(
            ("order", "stt", "name", "max", "guidance", "evidence"), row, strict=True
        ):
            data[f"{field}_{index}"] = value
    return data


def _url(code="tinh", year=2027):
    return reverse("parindex:criteria", args=[code, year])


def test_the_province_builds_a_set_on_the_page_and_it_is_saved_as_a_version(world, login):
    client = login(world.people.province)
    reply = client.post(_url(), _post(GOOD, submit_by="2027-11-30"))
    assert reply.status_code == 302
    saved = CriteriaSet.current(2027)
    assert (saved.version, saved.name, str(saved.submit_by)) == (
        1,
        "Bộ tiêu chí tự xây dựng",
        "2027-11-30",
    )
    tree = [
        (c.stt, c.parent.stt if c.parent else None, c.max_points, c.kind, c.area_role)
        for c in saved.criteria.select_related("parent")
    ]
    assert tree == [
        ("1", None, Decimal("60"), "area", "scored"),
        ("1.1", "1", Decimal("40"), "criterion", "scored"),
        ("1.2", "1", Decimal("20"), "criterion", "scored"),
        ("2", None, Decimal("40"), "area", "survey"),
    ]
    assert saved.criteria.get(stt="1.1").rule == "yes_no"
    event = AuditEvent.objects.get(action="par.criteria_build")
    assert event.after["criteria"][1] == ["1.1", "Ban hành kế hoạch CCHC", "40"]
    page = client.get(_url()).content.decode()
    assert "Ban hành kế hoạch CCHC" in page and "Kiểm tra và lưu bộ tiêu chí" in page
    assert "Phiên bản hiện hành 1, 4 dòng." in page


def test_points_that_do_not_add_up_and_a_repeated_stt_are_named_and_nothing_is_saved(world, login):
    client = login(world.people.province)
    wrong = [*GOOD[:2], ("3", "1.2", "Kiểm tra CCHC", "25", "", ""), GOOD[3]]
    reply = client.post(_url(), _post(wrong))
    text = reply.content.decode()
    assert reply.status_code == 400
    assert "Dòng 1 (STT 1): điểm tối đa 60 khác tổng điểm các mục con 65." in text
    assert "Kiểm tra CCHC" in text  # what was typed is shown again
    twice = [*GOOD, ("5", "1.1", "Trùng mã", "0", "", "")]
    text = client.post(_url(), _post(twice)).content.decode()
    assert "Dòng 5: STT 1.1 bị lặp." in text
    assert not CriteriaSet.objects.filter(year=2027).exists()
    assert not AuditEvent.objects.filter(action="par.criteria_build").exists()


def test_rows_are_saved_in_the_order_given_and_an_emptied_row_is_removed(world, login):
    client = login(world.people.province)
    rows = [
        GOOD[0],
        ("3", "1.1", "Ban hành kế hoạch CCHC", "40", "", ""),
        ("2", "1.2", "Kiểm tra CCHC", "20", "", ""),
        ("9", "", "", "", "", ""),  # emptied: removed
        GOOD[3],
    ]
    client.post(_url(), _post(rows))
    saved = CriteriaSet.current(2027)
    assert list(saved.criteria.values_list("stt", flat=True)) == ["1", "1.2", "1.1", "2"]


def test_once_an_assessment_has_begun_saving_makes_a_new_version_and_it_keeps_its_own(world, login):
    client = login(world.people.province)
    client.post(_url(), _post(GOOD))
    first = CriteriaSet.current(2027)
    begun = actions.open_assessment(world.commune, 2027, by=world.people.focal)
    client.post(_url(), _post(GOOD, name="Bộ tiêu chí sửa đổi"))
    second = CriteriaSet.current(2027)
    assert (first.version, second.version, second.name) == (1, 2, "Bộ tiêu chí sửa đổi")
    begun.refresh_from_db()
    assert begun.criteria_set_id == first.pk
    client.post(_url(), _post(GOOD, name="Sửa lần nữa"))  # no assessment on v2: replaced
    assert list(CriteriaSet.objects.filter(year=2027).values_list("version", "name")) == [
        (2, "Sửa lần nữa"),
        (1, "Bộ tiêu chí tự xây dựng"),
    ]


def test_who_may_see_and_build_the_set(world, login):
    viewer = member(UserFactory(username="tinh.xem"), world.province, Role.VIEWER)
    client = login(world.people.district)  # the district does not hold the province's set
    assert client.get(_url()).status_code == 404
    login(world.people.province)
    assert client.get(_url("thanh-pho")).status_code == 404  # not the top of the tree
    assert client.put(_url()).status_code == 405
    login(viewer)
    page = client.get(_url())
    assert page.status_code == 200 and "Kiểm tra và lưu bộ tiêu chí" not in page.content.decode()
    assert client.post(_url(), _post(GOOD)).status_code == 403
    assert not CriteriaSet.objects.filter(year=2027).exists()
