"""An amendment being prepared can be discarded, with a reason, while it lists no change: the
plan stays as issued and is locked again. Refused when it is not open, when it still lists
changes written to the plan, or by someone who may not; nothing changes then."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.org.choices import Role
from cchc.plans import actions
from cchc.plans.choices import AmendmentStatus
from cchc.plans.models import Amendment, Task
from cchc.plans.rules import PlanLocked
from cchc.testing.factories import PlanFactory, TaskFactory, UserFactory, member


@pytest.fixture
def amendment(world):
    plan = PlanFactory(unit=world.commune, year=2026, amending=False)
    TaskFactory(
        plan=plan,
        title="Rà soát thủ tục hành chính",
        due=dt.date(2026, 3, 31),
        leads=["Tư pháp – Hộ tịch"],
    )
    return actions.open_amendment(plan, by=world.people.focal, reason="Bổ sung nhiệm vụ")


def _status(amendment) -> str:
    return Amendment.objects.get(pk=amendment.pk).status


def test_discarding_an_empty_amendment_keeps_the_plan_as_issued_and_is_audited(amendment, world):
    actions.discard_amendment(amendment, by=world.people.leader, reason="Mở nhầm")
    assert _status(amendment) == AmendmentStatus.DISCARDED
    event = AuditEvent.objects.get(action="amendment.discard")
    assert (event.reason, event.after) == ("Mở nhầm", {"status": "discarded"})
    plan = amendment.plan
    assert plan.open_amendment() is None
    with pytest.raises(PlanLocked):  # no amendment open: the issued plan is locked again
        actions.save_task(Task(plan=plan, title="Khác"), by=world.people.focal)
    # and a new amendment can be opened
    actions.open_amendment(plan, by=world.people.focal, reason="Bổ sung lần nữa")


def test_an_amendment_listing_changes_is_not_discarded(amendment, world):
    task = amendment.plan.tasks.get()
    task.title = "Rà soát, đơn giản hóa thủ tục"
    actions.save_task(task, by=world.people.focal)
    with pytest.raises(ValidationError, match="1 thay đổi"):
        actions.discard_amendment(amendment, by=world.people.focal, reason="Thôi")
    assert _status(amendment) == AmendmentStatus.DRAFT
    # editing the row back empties the list: then it can be discarded
    task.title = "Rà soát thủ tục hành chính"
    actions.save_task(task, by=world.people.focal)
    actions.discard_amendment(amendment, by=world.people.focal, reason="Thôi")
    assert _status(amendment) == AmendmentStatus.DISCARDED


def test_only_an_open_amendment_is_discarded(amendment, world):
    actions.save_task(Task(plan=amendment.plan, title="Số hóa hồ sơ"), by=world.people.focal)
    actions.issue_amendment(
        amendment,
        by=world.people.leader,
        number="20/KH-UBND",
        issued_on=dt.date(2026, 5, 4),
        signer="Nguyễn Văn A",
    )
    with pytest.raises(PermissionDenied, match="đang soạn"):
        actions.discard_amendment(amendment, by=world.people.leader, reason="Thôi")
    assert _status(amendment) == AmendmentStatus.ISSUED
    assert not AuditEvent.objects.filter(action="amendment.discard").exists()


def test_a_reason_is_asked(amendment, world):
    with pytest.raises(ValidationError):
        actions.discard_amendment(amendment, by=world.people.focal, reason="  ")
    assert _status(amendment) == AmendmentStatus.DRAFT


def _url(amendment) -> str:
    return reverse("plans:amendment_discard", args=[amendment.plan_id])


def test_the_button_on_the_plan_page_discards_it(amendment, world, login):
    client = login(world.people.focal)
    page = client.get(amendment.plan.get_absolute_url()).content.decode()
    assert _url(amendment) in page and "Hủy điều chỉnh" in page
    response = client.post(_url(amendment), {"text": "Mở nhầm"})
    assert response.status_code == 302
    assert "Đã hủy điều chỉnh" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert _status(amendment) == AmendmentStatus.DISCARDED
    page = client.get(amendment.plan.get_absolute_url()).content.decode()
    assert _url(amendment) not in page


def test_a_refusal_is_shown_on_the_plan_page(amendment, world, login):
    client = login(world.people.focal)
    response = client.post(_url(amendment), {"text": ""})
    assert response.status_code == 400  # the page again, the form open (decision 0175)
    page = response.content.decode()
    assert 'id="discard-reason-error"' in page and "lý do" in page
    assert _status(amendment) == AmendmentStatus.DRAFT


def test_outsiders_get_404_read_only_people_403_and_get_405(amendment, world, login):
    assert login(world.people.outsider).post(_url(amendment), {"text": "x"}).status_code == 404
    viewer = member(UserFactory(username="xem"), world.commune, Role.VIEWER)
    client = login(viewer)
    assert client.post(_url(amendment), {"text": "x"}).status_code == 403
    assert login(world.people.official).post(_url(amendment), {"text": "x"}).status_code == 403
    assert login(world.people.focal).get(_url(amendment)).status_code == 405
    assert _status(amendment) == AmendmentStatus.DRAFT
    assert not AuditEvent.objects.filter(action="amendment.discard").exists()


def test_without_an_open_amendment_the_page_is_404(amendment, world, login):
    actions.discard_amendment(amendment, by=world.people.focal, reason="Mở nhầm")
    assert login(world.people.focal).post(_url(amendment), {"text": "x"}).status_code == 404
