"""A plan's life: draft → submitted → issued (number, date, signer, scan) → closed → reopened;
amendments of an issued plan; the upper level's appraisal. Every refusal leaves nothing saved."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.notifications.models import Notification
from cchc.org.choices import Role
from cchc.plans import actions
from cchc.plans.choices import AmendmentStatus, PlanStatus, Verdict
from cchc.plans.models import Amendment, Appraisal, AppraisalComment, Plan, Task
from cchc.plans.rules import PlanLocked
from cchc.testing.factories import (
    PlanFactory,
    TargetFactory,
    TaskFactory,
    UserFactory,
    member,
)
from cchc.tracking.models import Occurrence

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft(world):
    plan = PlanFactory(unit=world.commune, year=2026, status=PlanStatus.DRAFT, number="")
    TaskFactory(
        plan=plan,
        title="Rà soát thủ tục hành chính",
        leads=["Tư pháp – Hộ tịch"],
        deadline_text="Tháng 03/2026",
        due=dt.date(2026, 3, 31),
    )
    TargetFactory(plan=plan)
    return plan


def _submitted(plan, world):
    return actions.submit_plan(plan, by=world.people.focal)


def _issue(plan, by, **kw):
    data = {"number": "12/KH-UBND", "issued_on": dt.date(2026, 1, 10), "signer": "Nguyễn Văn A"}
    return actions.issue_plan(plan, by=by, **(data | kw))


def test_submit_notifies_the_leaders_and_issue_the_focal_point_and_the_task_leads(draft, world):
    plan = _submitted(draft, world)
    assert plan.status == PlanStatus.SUBMITTED and plan.submitted_by == world.people.focal
    assert Notification.objects.filter(user=world.people.leader, kind="plan_submitted").exists()
    plan = _issue(plan, world.people.leader, file=SimpleUploadedFile("ky.pdf", PDF))
    plan.refresh_from_db()
    assert (plan.status, plan.number, plan.signer) == ("issued", "12/KH-UBND", "Nguyễn Văn A")
    assert plan.evidence.get().number == "12/KH-UBND"
    issued = Notification.objects.filter(kind="plan_issued").values_list(
        "user__username", flat=True
    )
    assert set(issued) == {"focal", "tuphap"}
    # the leader's "awaiting approval" notice is done
    assert Notification.objects.get(user=world.people.leader, kind="plan_submitted").read_at
    assert set(
        AuditEvent.objects.filter(action__in=["plan.submit", "plan.issue"]).values_list(
            "action", flat=True
        )
    ) == {"plan.submit", "plan.issue"}


def test_a_drafts_tasks_are_nobodys_work_until_issued(draft, world):
    live = Occurrence.objects.live().filter(plan=draft)
    assert not live.exists()
    _submitted(draft, world)
    assert not live.exists()
    _issue(draft, world.people.leader)
    assert live.count() == 1


def test_issuing_without_a_number_is_refused_and_nothing_is_saved(draft, world):
    _submitted(draft, world)
    with pytest.raises(ValidationError) as exc:
        _issue(draft, world.people.leader, number="  ")
    assert "số" in exc.value.message_dict["number"][0].lower()
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED and draft.number == ""
    assert not AuditEvent.objects.filter(action="plan.issue").exists()


def test_the_page_says_so_when_the_number_is_missing(draft, world, login):
    _submitted(draft, world)
    client = login(world.people.leader)
    url = reverse("plans:issue", args=[draft.pk])
    response = client.post(url, {"number": "", "issued_on": "10/01/2026", "signer": "A"})
    assert response.status_code == 400
    assert "Nhập số của văn bản đã ký" in response.content.decode()
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.SUBMITTED


def test_the_signing_form_starts_from_what_the_plans_document_said(draft, world, login):
    """A plan imported from its signed document already knows its number, date and signer
    (the importer reads them): the leader checks them instead of typing them again."""
    draft.number, draft.issued_on, draft.signer = "26/KH-UBND", dt.date(2026, 1, 8), "Võ Nhật Quân"
    draft.save(update_fields=["number", "issued_on", "signer"])
    _submitted(draft, world)
    page = login(world.people.leader).get(reverse("plans:issue", args=[draft.pk]))
    html = page.content.decode()
    for name, value in [
        ("number", "26/KH-UBND"),
        ("issued_on", "08/01/2026"),
        ("signer", "Võ Nhật Quân"),
    ]:
        assert re.search(rf'<input[^>]*name="{name}"[^>]*value="{value}"', html), name


def test_nobody_approves_their_own_submission(draft, world):
    both = UserFactory(username="pho.chutich")
    member(both, world.commune, Role.ADMIN)
    actions.submit_plan(draft, by=both)
    with pytest.raises(PermissionDenied, match="Bạn đã trình kế hoạch này"):
        _issue(draft, both)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED and not draft.number
    _issue(draft, world.people.leader)  # another leader may
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.ISSUED


def test_a_focal_point_cannot_issue_and_a_draft_cannot_be_issued(draft, world):
    with pytest.raises(PermissionDenied, match="Chỉ lãnh đạo"):
        _issue(draft, world.people.focal)
    with pytest.raises(PermissionDenied, match="trình"):
        _issue(draft, world.people.leader)
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.DRAFT


def test_close_needs_a_note_and_reopen_a_reason(draft, world):
    _submitted(draft, world)
    _issue(draft, world.people.leader)
    with pytest.raises(ValidationError):
        actions.close_plan(draft, by=world.people.leader, note=" ")
    actions.close_plan(draft, by=world.people.leader, note="Hoàn thành 95% nhiệm vụ.")
    draft.refresh_from_db()
    assert draft.status == PlanStatus.CLOSED and draft.closing_note == "Hoàn thành 95% nhiệm vụ."
    with pytest.raises(ValidationError):
        actions.reopen_plan(draft, by=world.people.focal, reason="")
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.CLOSED
    actions.reopen_plan(draft, by=world.people.focal, reason="Bổ sung báo cáo năm")
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.ISSUED
    assert AuditEvent.objects.get(action="plan.reopen").reason == "Bổ sung báo cáo năm"


def test_the_closed_plans_refusal_names_the_reopen_button_the_page_shows(world, login):
    plan = PlanFactory(unit=world.commune, status=PlanStatus.CLOSED, closing_note="Xong")
    task = TaskFactory(plan=plan)
    client = login(world.people.focal)
    refused = client.get(reverse("plans:task_edit", args=[task.pk]))
    assert refused.status_code == 403 and "«Mở lại kế hoạch»" in refused.content.decode()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert reverse("plans:reopen", args=[plan.pk]) in page and "Mở lại kế hoạch" in page


# --- amendments ---------------------------------------------------------------------------


@pytest.fixture
def issued(draft, world):
    _submitted(draft, world)
    return _issue(draft, world.people.leader)


def test_an_issued_plan_changes_only_through_an_amendment(issued, world):
    task = issued.tasks.get()
    task.title = "Rà soát, đơn giản hóa thủ tục"
    with pytest.raises(PlanLocked, match="điều chỉnh"):
        actions.save_task(task, by=world.people.focal)
    assert Task.objects.get(pk=task.pk).title == "Rà soát thủ tục hành chính"


def test_an_amendment_lists_what_it_adds_removes_and_changes(issued, world):
    focal = world.people.focal
    amendment = actions.open_amendment(issued, by=focal, reason="Bổ sung nhiệm vụ số hóa")
    task = issued.tasks.get()
    task.title = "Rà soát, đơn giản hóa thủ tục"
    actions.save_task(task, by=focal)
    actions.save_task(Task(plan=issued, title="Số hóa hồ sơ"), by=focal, leads=["Tư pháp"])
    actions.delete_target(issued.targets.get(), by=focal)
    amendment.refresh_from_db()
    assert [(c["op"], c["kind"]) for c in amendment.changes] == [
        ("change", "task"),
        ("add", "task"),
        ("remove", "target"),
    ]
    assert amendment.changed[0]["before"] == {"title": "Rà soát thủ tục hành chính"}
    assert amendment.changed[0]["after"] == {"title": "Rà soát, đơn giản hóa thủ tục"}
    with pytest.raises(ValidationError):
        actions.issue_amendment(
            amendment, by=world.people.leader, number="", issued_on=None, signer=""
        )
    actions.issue_amendment(
        amendment,
        by=world.people.leader,
        number="20/KH-UBND",
        issued_on=dt.date(2026, 5, 4),
        signer="Nguyễn Văn A",
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.ISSUED
    # the plan is locked again until the next amendment
    with pytest.raises(PlanLocked):
        actions.save_task(Task(plan=issued, title="Khác"), by=focal)


def test_amending_a_closed_plan_is_refused(issued, world):
    actions.close_plan(issued, by=world.people.leader, note="Hết năm")
    with pytest.raises(PermissionDenied, match="đã kết thúc"):
        actions.open_amendment(issued, by=world.people.focal, reason="Bổ sung")
    assert not Amendment.objects.filter(plan=issued).exists()


def test_the_plan_page_shows_the_amendments_in_order(issued, world, login):
    focal, leader = world.people.focal, world.people.leader
    for number, title in (("20/KH-UBND", "Số hóa hồ sơ"), ("31/KH-UBND", "Khảo sát hài lòng")):
        a = actions.open_amendment(issued, by=focal, reason=f"Bổ sung {title}")
        actions.save_task(Task(plan=issued, title=title), by=focal)
        actions.issue_amendment(
            a, by=leader, number=number, issued_on=dt.date(2026, 6, 1), signer="A"
        )
    page = login(focal).get(issued.get_absolute_url()).content.decode()
    assert page.index("20/KH-UBND") < page.index("31/KH-UBND")
    assert "Khảo sát hài lòng" in page


# --- appraisal ----------------------------------------------------------------------------


def test_the_upper_level_comments_per_row_and_the_commune_answers(draft, world, login):
    _submitted(draft, world)
    task, target = draft.tasks.get(), draft.targets.get()
    actions.appraise_plan(
        draft,
        by=world.people.district,
        verdict=Verdict.REVISE,
        note="Cần nêu rõ sản phẩm",
        task_comments={task.pk: "Ghi rõ sản phẩm đầu ra"},
        target_comments={target.pk: "Chỉ tiêu thấp hơn của tỉnh"},
    )
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT  # returned for revision
    assert Notification.objects.filter(user=world.people.focal, kind="plan_returned").exists()
    comment = AppraisalComment.objects.get(task=task)
    actions.answer_comment(comment, by=world.people.focal, answer="Đã bổ sung sản phẩm")
    page = login(world.people.focal).get(draft.get_absolute_url()).content.decode()
    assert "Ghi rõ sản phẩm đầu ra" in page and "Đã bổ sung sản phẩm" in page
    assert "Chỉ tiêu thấp hơn của tỉnh" in page and "Cần chỉnh sửa" in page


def test_only_someone_who_sees_the_plan_answers_its_appraisal_on_the_page(draft, world, login):
    _submitted(draft, world)
    task = draft.tasks.get()
    actions.appraise_plan(
        draft,
        by=world.people.district,
        verdict=Verdict.REVISE,
        task_comments={task.pk: "Ghi rõ sản phẩm đầu ra"},
    )
    comment = AppraisalComment.objects.get(task=task)
    url = reverse("plans:answer", args=[comment.pk])
    outsider = login(world.people.outsider)
    assert outsider.post(url, {"text": "Không liên quan"}).status_code == 404
    assert outsider.get(url).status_code == 405
    assert AppraisalComment.objects.get(pk=comment.pk).answer == ""
    response = login(world.people.focal).post(url, {"text": "Đã bổ sung sản phẩm"})
    assert response.status_code == 302
    assert AppraisalComment.objects.get(pk=comment.pk).answer == "Đã bổ sung sản phẩm"


def test_appraising_outside_ones_scope_is_refused(draft, world):
    _submitted(draft, world)
    elsewhere = UserFactory(username="noivu.khac")
    member(elsewhere, world.other, Role.REVIEWER)
    with pytest.raises(PermissionDenied, match="trong phạm vi"):
        actions.appraise_plan(draft, by=elsewhere, verdict=Verdict.PASS)
    with pytest.raises(PermissionDenied):  # the commune does not appraise itself
        actions.appraise_plan(draft, by=world.people.focal, verdict=Verdict.PASS)
    assert not Appraisal.objects.exists()
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.SUBMITTED


def test_a_revision_verdict_without_any_comment_is_refused(draft, world):
    _submitted(draft, world)
    with pytest.raises(ValidationError):
        actions.appraise_plan(draft, by=world.people.district, verdict=Verdict.REVISE)
    assert not Appraisal.objects.exists()


# --- scope of every new page ---------------------------------------------------------------


def _urls(plan, comment_pk):
    return {
        "submit": reverse("plans:submit", args=[plan.pk]),
        "return": reverse("plans:return", args=[plan.pk]),
        "issue": reverse("plans:issue", args=[plan.pk]),
        "close": reverse("plans:close", args=[plan.pk]),
        "reopen": reverse("plans:reopen", args=[plan.pk]),
        "amend": reverse("plans:amend", args=[plan.pk]),
        "amendment_issue": reverse("plans:amendment_issue", args=[plan.pk]),
        "appraise": reverse("plans:appraise", args=[plan.pk]),
        "answer": reverse("plans:answer", args=[comment_pk]),
    }


POST_ONLY = ["submit", "return", "close", "reopen", "amend", "answer"]


@pytest.fixture
def scoped(world):
    plan = PlanFactory(unit=world.commune, year=2026, status=PlanStatus.SUBMITTED)
    task = TaskFactory(plan=plan)
    appraisal = Appraisal.objects.create(plan=plan, verdict=Verdict.REVISE)
    comment = AppraisalComment.objects.create(appraisal=appraisal, task=task, text="Xem lại")
    return plan, comment


@pytest.mark.parametrize(
    "name",
    [
        "submit",
        "return",
        "issue",
        "close",
        "reopen",
        "amend",
        "amendment_issue",
        "appraise",
        "answer",
    ],
)
def test_outsiders_get_404_and_nothing_changes(scoped, world, login, name):
    plan, comment = scoped
    client = login(world.people.outsider)
    url = _urls(plan, comment.pk)[name]
    assert client.post(url, {"text": "x", "number": "1", "signer": "x"}).status_code == 404
    plan.refresh_from_db()
    comment.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and comment.answer == ""


@pytest.mark.parametrize(
    "name",
    [
        "submit",
        "return",
        "issue",
        "close",
        "reopen",
        "amend",
        "amendment_issue",
        "appraise",
        "answer",
    ],
)
def test_read_only_people_get_403_and_nothing_changes(scoped, world, login, name):
    plan, comment = scoped
    viewer = UserFactory(username="xem")
    member(viewer, world.commune, Role.VIEWER)
    client = login(viewer)
    url = _urls(plan, comment.pk)[name]
    assert client.post(url, {"text": "x", "number": "1", "signer": "x"}).status_code == 403
    plan.refresh_from_db()
    comment.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and comment.answer == ""


@pytest.mark.parametrize("name", POST_ONLY)
def test_the_post_only_steps_refuse_get(scoped, world, login, name):
    plan, comment = scoped
    client = login(world.people.leader)
    assert client.get(_urls(plan, comment.pk)[name]).status_code == 405


@pytest.mark.parametrize("name", ["issue", "appraise", "amendment_issue"])
def test_the_form_pages_refuse_other_methods(scoped, world, login, name):
    plan, comment = scoped
    client = login(world.people.leader if name != "appraise" else world.people.district)
    assert client.put(_urls(plan, comment.pk)[name]).status_code == 405


def test_the_plan_page_shows_each_person_their_buttons(
    draft, world, login, django_assert_max_num_queries
):
    focal = login(world.people.focal).get(draft.get_absolute_url()).content.decode()
    assert "Trình phê duyệt" in focal and "Dự thảo" in focal
    _submitted(draft, world)
    leader = login(world.people.leader).get(draft.get_absolute_url()).content.decode()
    assert reverse("plans:issue", args=[draft.pk]) in leader
    with django_assert_max_num_queries(40):
        reviewer = login(world.people.district).get(draft.get_absolute_url())
    assert reverse("plans:appraise", args=[draft.pk]) in reviewer.content.decode()
    assert reverse("plans:issue", args=[draft.pk]) not in reviewer.content.decode()


def test_the_open_amendment_shows_each_change_with_its_field_name(issued, world, login):
    focal = world.people.focal
    actions.open_amendment(issued, by=focal, reason="Đổi tên nhiệm vụ")
    task = issued.tasks.get()
    task.title = "Rà soát, đơn giản hóa thủ tục"
    actions.save_task(task, by=focal)
    page = login(world.people.leader).get(issued.get_absolute_url()).content.decode()
    box = page[page.index('id="open-amendment"') :]
    assert "nhiệm vụ: Rà soát thủ tục hành chính → Rà soát, đơn giản hóa thủ tục" in box
    assert reverse("plans:amendment_issue", args=[issued.pk]) in page


def test_the_plan_page_names_who_submitted_and_who_appraised_by_their_full_names(
    draft, world, login
):
    _submitted(draft, world)
    focal = login(world.people.focal).get(draft.get_absolute_url()).content.decode()
    assert world.people.focal.full_name in focal  # "submitted on … by …"
    actions.appraise_plan(draft, by=world.people.district, verdict=Verdict.PASS)
    page = login(world.people.focal).get(draft.get_absolute_url()).content.decode()
    section = page[page.index('id="appraisal"') :]
    assert world.people.district.full_name in section
    assert world.people.district.username not in section
