"""A percent contradicting the state is refused, never silently changed; a task listing
products is completed with its product document when the plan requires it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.tracking import actions
from cchc.tracking.models import ProgressUpdate

from .conftest import pdf_bytes, upload


def report_url(occ):
    return reverse("tracking:report", args=[occ.pk])


@pytest.mark.parametrize(
    ("state", "percent", "message"),
    [
        ("working", "100", "Tỷ lệ hoàn thành là 100% nhưng trạng thái là “Đang thực hiện”"),
        ("done", "40", "Trạng thái là “hoàn thành” nhưng tỷ lệ hoàn thành là 40%"),
    ],
)
def test_a_contradictory_percent_is_refused_on_the_form(
    follow, world, login, state, percent, message
):
    client = login(world.people.official)
    response = client.post(report_url(follow.justice_occ), {"state": state, "percent": percent})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    follow.justice_occ.refresh_from_db()
    assert follow.justice_occ.percent == 0


def test_the_action_refuses_it_too(follow, world):
    with pytest.raises(ValidationError) as refused:
        actions.report_progress(
            follow.justice_occ, by=world.people.official, state="done", percent=40
        )
    assert "percent" in refused.value.message_dict
    assert not ProgressUpdate.objects.exists()


def products_plan(follow, required: bool):
    follow.office.products = ["Kế hoạch tuyên truyền CCHC"]
    follow.office.save()
    follow.plan.product_document_required = required
    follow.plan.save()


def test_completed_without_the_required_product_document_is_refused(follow, world, login):
    products_plan(follow, required=True)
    client = login(world.people.focal)
    page = client.get(reverse("tracking:task", args=[follow.office.pk])).content.decode()
    assert "đính kèm văn bản sản phẩm" in page
    response = client.post(
        report_url(follow.office_occ),
        {
            "state": "done",
            "percent": "100",
            "evidence_file": upload("kh.pdf", pdf_bytes(), "application/pdf"),
            "evidence_title": "Kế hoạch tuyên truyền",  # no number, no date
        },
    )
    assert response.status_code == 400
    assert "Kế hoạch tuyên truyền CCHC" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_completed_with_the_product_document_is_saved(follow, world, login, today):
    products_plan(follow, required=True)
    response = login(world.people.focal).post(
        report_url(follow.office_occ),
        {
            "state": "done",
            "percent": "100",
            "evidence_file": upload("kh.pdf", pdf_bytes(), "application/pdf"),
            "evidence_title": "Kế hoạch tuyên truyền",
            "evidence_number": "12/KH-UBND",
            "evidence_issued_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    follow.office_occ.refresh_from_db()
    assert follow.office_occ.done_on == today


def test_an_optional_product_document_may_be_left_out(follow, world):
    products_plan(follow, required=False)
    actions.report_progress(follow.office_occ, by=world.people.focal, state="done", percent=100)
    follow.office_occ.refresh_from_db()
    assert follow.office_occ.done_on is not None


def test_focal_point_sets_the_rule_and_others_may_not(follow, world, login):
    url = reverse("tracking:plan_rule", args=[follow.plan.pk])
    assert (
        login(world.people.outsider).post(url, {"product_document_required": "on"}).status_code
        == 404
    )
    assert (
        login(world.people.leader).post(url, {"product_document_required": "on"}).status_code == 403
    )
    assert login(world.people.focal).get(url).status_code == 405
    follow.plan.refresh_from_db()
    assert follow.plan.product_document_required is False
    assert (
        login(world.people.focal).post(url, {"product_document_required": "on"}).status_code == 302
    )
    follow.plan.refresh_from_db()
    assert follow.plan.product_document_required is True
    assert AuditEvent.objects.filter(action="plan.product_rule").count() == 1


def test_the_rule_is_offered_on_the_plan_page_to_the_focal_point_only(follow, world, login):
    url = reverse("plans:detail", args=[follow.plan.pk])
    assert "Lưu quy tắc báo cáo" in login(world.people.focal).get(url).content.decode()
    assert "Lưu quy tắc báo cáo" not in login(world.people.leader).get(url).content.decode()
