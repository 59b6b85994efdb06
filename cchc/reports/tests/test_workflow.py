"""Submit, review, resubmit; a submitted report is frozen; only the unit submits, only the
level above reviews; bad windows are refused with a Vietnamese message."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.reports import actions, content
from cchc.reports.models import Report

from .conftest import done


@pytest.fixture
def draft(thanh_tan):
    return actions.open_report(thanh_tan.world.commune, "q1", 2024, by=thanh_tan.world.people.focal)


def test_a_submitted_report_does_not_change_when_data_change_afterwards(thanh_tan, draft):
    world = thanh_tan.world
    submitted = actions.submit(draft, by=world.people.focal)
    frozen = content.content_of(Report.objects.get(pk=draft.pk))
    text = json.dumps(frozen, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert submitted.checksum == hashlib.sha256(text.encode()).hexdigest()
    done(thanh_tan.in_window[2], world.people.focal, "2024-02-01")  # the data change
    again = Report.objects.get(pk=draft.pk)
    assert content.content_of(again) == frozen
    assert content.assemble(again)["tasks"]["done"] == frozen["tasks"]["done"] + 1


def test_editing_a_submitted_report_is_refused_and_nothing_is_saved(thanh_tan, draft):
    world = thanh_tan.world
    actions.submit(draft, by=world.people.focal)
    with pytest.raises(ValidationError) as refused:
        actions.edit(
            draft,
            by=world.people.focal,
            number="99/BC",
            place="X",
            signed_on=None,
            text={"proposals": "sửa"},
        )
    assert "đã được gửi" in " ".join(refused.value.messages)
    report = Report.objects.get(pk=draft.pk)
    assert report.number == "" and "proposals" not in report.narrative


def test_submitting_another_units_report_is_refused(thanh_tan, draft):
    with pytest.raises(PermissionDenied) as refused:
        actions.submit(draft, by=thanh_tan.world.people.outsider)
    assert "Xã Thạnh Tân" in str(refused.value)
    assert Report.objects.get(pk=draft.pk).status == "draft"


def test_returned_with_comments_then_resubmitted_then_accepted(thanh_tan, draft):
    people = thanh_tan.world.people
    actions.submit(draft, by=people.focal)
    with pytest.raises(PermissionDenied):
        actions.accept(draft, by=people.leader)  # the commune does not review its own report
    with pytest.raises(ValidationError):
        actions.return_report(draft, by=people.district, comment="  ")
    actions.return_report(draft, by=people.district, comment="Bổ sung số liệu kiểm tra.")
    report = Report.objects.get(pk=draft.pk)
    assert report.status == "returned" and report.is_editable
    actions.edit(
        report,
        by=people.focal,
        number="",
        place="",
        signed_on=None,
        text={"results": "Đã bổ sung."},
    )
    actions.submit(report, by=people.focal)
    actions.accept(report, by=people.district)
    report = Report.objects.get(pk=draft.pk)
    assert report.status == "accepted" and report.frozen["narrative"]["results"] == "Đã bổ sung."


@pytest.mark.parametrize(
    ("start", "end", "due", "field", "words"),
    [
        ("2024-02-29", "2023-12-15", "2024-03-11", "end", "trước ngày bắt đầu"),
        ("2023-12-15", "2024-02-29", "2024-02-20", "due", "Hạn nộp"),
    ],
)
def test_a_bad_window_is_refused_with_a_message_and_nothing_saved(
    thanh_tan, draft, login, start, end, due, field, words
):
    client = login(thanh_tan.world.people.focal)
    response = client.post(f"/reports/{draft.pk}/window", {"start": start, "end": end, "due": due})
    assert response.status_code == 400
    assert words in response.content.decode()
    report = Report.objects.get(pk=draft.pk)
    assert (report.start, report.end, report.due) == (
        dt.date(2023, 12, 15),
        dt.date(2024, 2, 29),
        dt.date(2024, 3, 11),
    )
