"""A step of the plan's life refused for its text (closing note, reason to reopen, amend,
return, discard) shows the plan's page again, 400, its form open with what was typed and the
reason under it; nothing is saved (decision 0175). It redirected, the text lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from cchc.audit.models import AuditEvent
from cchc.plans import actions
from cchc.plans.choices import PlanStatus, Verdict
from cchc.plans.models import Amendment, Appraisal, AppraisalComment, Plan
from cchc.testing.factories import PlanFactory, TaskFactory


@pytest.fixture
def issued(world):
    plan = PlanFactory(unit=world.commune, year=2026, status=PlanStatus.DRAFT, number="")
    TaskFactory(plan=plan, leads=["Tư pháp – Hộ tịch"], deadline_text="Tháng 03/2026")
    actions.submit_plan(plan, by=world.people.focal)
    signed = {"number": "12/KH-UBND", "issued_on": dt.date(2026, 1, 10), "signer": "Nguyễn Văn A"}
    return actions.issue_plan(plan, by=world.people.leader, **signed)


@pytest.mark.parametrize(
    ("step", "field"), [("plans:close", "close-note"), ("plans:amend", "amend-reason")]
)
def test_a_text_far_too_long_is_refused_beside_the_box_and_kept(issued, world, login, step, field):
    typed = " ".join(["Đã hoàn thành <b>phần lớn</b>"] * 100)  # 2 999 characters pasted
    client = login(world.people.focal)
    events = AuditEvent.objects.count()  # the sign-in's among them
    response = client.post(reverse(step, args=[issued.pk]), {"text": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="{field}-error"' in page
    assert "Phần viết dài tối đa 2000 ký tự (đã nhập 2999)." in page
    assert escape(typed) in page  # in the box again
    assert '<details class="life-form" open' in page
    assert Plan.objects.get(pk=issued.pk).status == PlanStatus.ISSUED
    assert not Amendment.objects.exists() and AuditEvent.objects.count() == events


def test_a_blank_closing_note_is_refused_on_the_page_not_after_a_redirect(issued, world, login):
    response = login(world.people.focal).post(
        reverse("plans:close", args=[issued.pk]), {"text": "   "}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-describedby="close-note-error"' in page and "invalid-feedback" in page
    assert Plan.objects.get(pk=issued.pk).status == PlanStatus.ISSUED


def test_a_closing_note_accepted_still_redirects(issued, world, login):
    response = login(world.people.focal).post(
        reverse("plans:close", args=[issued.pk]), {"text": "Hoàn thành kế hoạch."}
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=issued.pk).status == PlanStatus.CLOSED


@pytest.fixture
def comment(world):
    """A comment of the district's appraisal beside a task of the commune's plan, unanswered."""
    plan = PlanFactory(unit=world.commune, year=2026, status=PlanStatus.SUBMITTED)
    task = TaskFactory(plan=plan, leads=["Tư pháp – Hộ tịch"])
    appraisal = Appraisal.objects.create(plan=plan, verdict=Verdict.REVISE)
    return AppraisalComment.objects.create(appraisal=appraisal, task=task, text="Ghi rõ sản phẩm")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("  ", "Nhập nội dung trả lời."),
        ("Đã bổ sung <b>sản phẩm</b>. " * 100, "Phần viết dài tối đa 2000 ký tự"),
    ],
    ids=["blank", "too-long"],
)
def test_a_refused_answer_to_an_appraisal_is_kept_in_its_box_with_the_reason(
    comment, world, login, typed, reason
):
    client = login(world.people.focal)
    events = AuditEvent.objects.count()
    response = client.post(reverse("plans:answer", args=[comment.pk]), {"text": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'aria-describedby="answer-{comment.pk}-error"' in page
    assert reason in page
    assert f'value="{escape(typed)}"' in page  # what was typed, in the box again
    assert AppraisalComment.objects.get(pk=comment.pk).answer == ""
    assert AuditEvent.objects.count() == events
