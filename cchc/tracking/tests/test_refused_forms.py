"""The task page's small forms (a due date, a leader's direction, the answer to it) refused:
the page again, status 400, with what was typed in the form and the Vietnamese reason beside
the field, nothing saved — not a redirect that lost what was typed (decision 0150). A valid
post still redirects."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.tracking import directions
from cchc.tracking.models import Assignment, Direction

pytestmark = pytest.mark.django_db

LONG = "Đề nghị rà soát lại toàn bộ hồ sơ trễ hạn. " * 100  # 4 300 characters: over 4 000


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _value(text: str, name: str) -> str | None:
    """The value of the input named `name` in the page."""
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', text)
    value = re.search(r'value="([^"]*)"', found.group(0)) if found else None
    return value.group(1) if value else None


def test_a_refused_due_date_on_the_task_page_keeps_the_date_typed(undated, world, login, today):
    client = login(world.people.focal)
    url = reverse("tracking:set_due", args=[undated.pk])
    for typed, reason in [
        ("31/13/" + str(today.year), "Hạn hoàn thành: nhập ngày theo dạng dd/mm/yyyy"),
        ("01/01/2001", "Hạn hoàn thành: chọn một ngày từ"),
        ("", "Hạn hoàn thành: nhập ngày theo dạng dd/mm/yyyy"),
    ]:
        response = client.post(url, {"due": typed})
        assert response.status_code == 400, typed
        text = _text(response)
        assert "Xây dựng văn bản QPPL theo yêu cầu" in text  # the task's page
        assert (_value(text, "due") or "") == typed
        assert re.search(rf'id="id_due-error">{re.escape(reason)}', text), typed
    undated.refresh_from_db()
    assert undated.due is None
    assert not AuditEvent.objects.filter(action="task.update").exists()
    good = today.replace(day=28).strftime("%d/%m/%Y")
    assert client.post(url, {"due": good}).status_code == 302


def test_a_refused_due_date_on_the_list_of_tasks_without_a_date_keeps_the_date_typed(
    undated, world, login
):
    client = login(world.people.focal)
    prefix = f"t{undated.pk}"
    response = client.post(
        reverse("tracking:set_due", args=[undated.pk]),
        {"prefix": prefix, f"{prefix}-due": "30/02/2026", "back": "undated"},
    )
    assert response.status_code == 400
    text = _text(response)
    assert '<h1 class="h3">Việc chưa có hạn</h1>' in text  # the list, not the task's page
    assert _value(text, f"{prefix}-due") == "30/02/2026"
    assert f'id="id_{prefix}-due-error">Hạn hoàn thành: nhập ngày' in text
    undated.refresh_from_db()
    assert undated.due is None


def test_a_refused_direction_keeps_the_text_typed_beside_its_reason(follow, world, login):
    client = login(world.people.leader)
    url = reverse("tracking:give_direction", args=[follow.monthly.pk])
    period = follow.monthly.occurrences.order_by("due")[2]
    response = client.post(url, {"text": LONG, "occurrence": period.pk})
    assert response.status_code == 400
    text = _text(response)
    assert LONG.strip() in text  # in the direction's box
    assert "Ý kiến chỉ đạo: tối đa 4000 ký tự (hiện có" in text
    assert _value(text, "occurrence") == str(period.pk)  # the same time due, still chosen
    response = client.post(url, {"text": "   ", "occurrence": period.pk})
    assert response.status_code == 400
    assert "Hãy viết ý kiến chỉ đạo." in _text(response)
    assert not Direction.objects.exists()
    response = client.post(url, {"text": "Hoàn thành trước thứ Sáu", "occurrence": period.pk})
    assert response.status_code == 302 and Direction.objects.count() == 1


def test_a_refused_answer_keeps_the_answer_typed_under_its_direction(follow, world, login):
    first = directions.give_direction(follow.office, by=world.people.leader, text="Báo cáo ngay")
    other = directions.give_direction(follow.office, by=world.people.leader, text="Gửi kế hoạch")
    client = login(world.people.focal)
    url = reverse("tracking:answer_direction", args=[other.pk])
    response = client.post(url, {"answer": LONG})
    assert response.status_code == 400
    text = _text(response)
    box = re.search(rf'<textarea[^>]*id="answer-{other.pk}"[^>]*>([^<]*)</textarea>', text)
    assert box and box.group(1).strip() == LONG.strip()
    assert f'id="answer-{other.pk}-error">Nội dung trả lời: tối đa 4000 ký tự' in text
    empty = re.search(rf'<textarea[^>]*id="answer-{first.pk}"[^>]*>([^<]*)</textarea>', text)
    assert empty and empty.group(1) == ""  # the other direction's box stays empty
    other.refresh_from_db()
    assert other.answered_at is None
    assert client.post(url, {"answer": "Đã gửi"}).status_code == 302


def test_an_answer_to_a_direction_already_answered_is_refused_at_the_top(follow, world, login):
    direction = directions.give_direction(follow.office, by=world.people.leader, text="Khẩn")
    directions.answer_direction(direction, by=world.people.focal, answer="Đã xong")
    response = login(world.people.focal).post(
        reverse("tracking:answer_direction", args=[direction.pk]), {"answer": "Xong rồi"}
    )
    assert response.status_code == 400
    text = _text(response)
    assert "Ý kiến chỉ đạo này đã được trả lời." in text
    direction.refresh_from_db()
    assert direction.answer == "Đã xong"


def test_a_refused_person_to_assign_is_named_beside_the_list_on_the_task_page(follow, world, login):
    """The list of people on the page was stale: someone of another unit (a crafted post), or
    someone another tab asked meanwhile. The task's page again with the reason, not a redirect
    that left the list as it was and a message at the top."""
    client = login(world.people.focal)
    task = follow.justice
    url = reverse("tracking:assign", args=[task.pk])
    Assignment.objects.create(
        task=task, user=world.people.official, assigned_by=world.people.leader
    )
    for person in (world.people.outsider, world.people.official):
        response = client.post(url, {"user": person.pk})
        assert response.status_code == 400, person
        text = _text(response)
        assert task.title in text  # the task's page
        assert re.search(
            r'id="id_user-error">Chọn một người đang làm việc ở đơn vị và chưa được giao', text
        ), person
    assert list(task.assignments.values_list("user", flat=True)) == [world.people.official.pk]
    assert not AuditEvent.objects.filter(action="task.assign").exists()
    assert client.post(url, {"user": world.people.leader.pk}).status_code == 302
    assert task.assignments.count() == 2
