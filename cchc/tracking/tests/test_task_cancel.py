"""A task on which progress was reported is kept with its reports and evidence: it cannot be
deleted (page, action, admin), only cancelled with a reason, which takes it out of due lists,
reminders and figures and can be undone. A task nobody reported on may still be deleted."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.evidence.models import Evidence
from cchc.notifications.models import Notification
from cchc.plans import actions as plan_actions
from cchc.plans.choices import TaskState
from cchc.plans.models import Task
from cchc.testing.auth import admin_login
from cchc.testing.factories import UserFactory
from cchc.tracking import actions, reminders
from cchc.tracking.dashboards import unit_dashboard
from cchc.tracking.models import Occurrence, ProgressUpdate

from .conftest import pdf_bytes, stored_files, upload


@pytest.fixture
def reported(follow, world):
    """The overdue office task, half done, with a PDF as evidence."""
    actions.report_progress(
        follow.office_occ,
        by=world.people.focal,
        state="working",
        percent=50,
        note="Đã có dự thảo",
        evidence=[actions.EvidenceInput(file=upload("kh.pdf", pdf_bytes()), title="Dự thảo")],
    )
    return follow.office


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_deleting_a_reported_task_on_the_page_is_refused_and_keeps_everything(
    reported, login, world, settings
):
    client = login(world.people.focal)
    files = stored_files(settings)
    assert len(files) == 1
    response = client.post(reverse("plans:task_delete", args=[reported.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:task_cancel", args=[reported.pk])
    assert "chỉ có thể hủy" in messages_of(response)
    assert Task.objects.filter(pk=reported.pk).exists()
    assert ProgressUpdate.objects.filter(occurrence__task=reported).count() == 1
    assert Evidence.objects.filter(progress_update__occurrence__task=reported).count() == 1
    assert stored_files(settings) == files
    assert not AuditEvent.objects.filter(action="task.delete").exists()


def test_the_delete_page_of_a_reported_task_offers_cancelling_instead(reported, login, world):
    response = login(world.people.focal).get(reverse("plans:task_delete", args=[reported.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:task_cancel", args=[reported.pk])


def test_the_action_refuses_to_delete_a_reported_task(reported, world):
    with pytest.raises(ValidationError):
        plan_actions.delete_task(reported, by=world.people.focal)
    assert Task.objects.filter(pk=reported.pk).exists()


def test_the_admin_refuses_to_delete_a_reported_task(reported, client, follow):
    admin_login(client, UserFactory(username="quantri", is_staff=True, is_superuser=True))
    response = client.post(reverse("admin:plans_task_delete", args=[reported.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert "chỉ có thể hủy" in messages_of(response)
    response = client.post(
        reverse("admin:plans_task_changelist"),
        {"action": "delete_selected", "_selected_action": [reported.pk, follow.justice.pk]},
    )
    assert response.status_code == 302
    assert Task.objects.filter(pk__in=[reported.pk, follow.justice.pk]).count() == 2


def test_a_task_nobody_reported_on_is_still_deleted(follow, login, world):
    client = login(world.people.focal)
    response = client.post(reverse("plans:task_delete", args=[follow.justice.pk]))
    assert response.status_code == 302
    assert not Task.objects.filter(pk=follow.justice.pk).exists()
    assert AuditEvent.objects.filter(action="task.delete").count() == 1


def test_cancelling_keeps_the_history_and_takes_the_task_out_of_due_work(
    reported, follow, login, world, today
):
    assert reminders.run(today).total > 0  # the overdue task is chased before it is cancelled
    Notification.objects.all().delete()
    client = login(world.people.focal)
    assert client.get(reverse("plans:task_cancel", args=[reported.pk])).status_code == 200
    response = client.post(
        reverse("plans:task_cancel", args=[reported.pk]),
        {"reason": "Trùng với nhiệm vụ của UBND huyện"},
    )
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.state == TaskState.CANCELLED
    assert reported.cancel_reason == "Trùng với nhiệm vụ của UBND huyện"
    assert ProgressUpdate.objects.filter(occurrence__task=reported).count() == 1
    event = AuditEvent.objects.for_object(reported).get(action="task.cancel")
    assert (event.user, event.reason) == (world.people.focal, "Trùng với nhiệm vụ của UBND huyện")
    assert (event.before["state"], event.after["state"]) == ("active", "cancelled")

    # out of the due lists, reminders and figures
    assert not Occurrence.objects.live().filter(task=reported).exists()
    mine = client.get(reverse("tracking:mine"))
    assert reported.title not in mine.content.decode()
    outcome = reminders.run(today)
    assert not Notification.objects.filter(occurrence__task=reported).exists(), outcome
    board = unit_dashboard(world.commune, today.year, today)
    assert board.total == Occurrence.objects.filter(plan=follow.plan).count() - 1

    # still on the plan page, marked as cancelled with its reason
    page = client.get(follow.plan.get_absolute_url()).content.decode()
    assert reported.title in page
    assert "Đã hủy" in page
    assert "Trùng với nhiệm vụ của UBND huyện" in page


def test_a_cancellation_needs_a_reason(reported, login, world):
    response = login(world.people.focal).post(
        reverse("plans:task_cancel", args=[reported.pk]), {"reason": "  "}
    )
    assert response.status_code == 400
    assert "lý do" in response.content.decode()
    reported.refresh_from_db()
    assert reported.state == TaskState.ACTIVE


def test_no_progress_is_reported_on_a_cancelled_task(reported, follow, world):
    plan_actions.cancel_task(reported, by=world.people.focal, reason="Không còn phù hợp")
    with pytest.raises(ValidationError):
        actions.report_progress(
            follow.office_occ, by=world.people.focal, state="working", percent=80
        )
    assert ProgressUpdate.objects.filter(occurrence__task=reported).count() == 1


def test_a_cancelled_task_is_restored_and_due_again(reported, login, world):
    plan_actions.cancel_task(reported, by=world.people.focal, reason="Nhầm")
    response = login(world.people.focal).post(reverse("plans:task_restore", args=[reported.pk]))
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.state == TaskState.ACTIVE
    assert reported.cancel_reason == ""
    assert Occurrence.objects.live().filter(task=reported).exists()
    event = AuditEvent.objects.for_object(reported).get(action="task.restore")
    assert event.user == world.people.focal


@pytest.mark.parametrize("who", ["official", "outsider"])
def test_only_those_who_edit_the_plan_cancel_or_restore_its_tasks(reported, login, world, who):
    client = login(getattr(world.people, who))
    for name in ("plans:task_cancel", "plans:task_restore"):
        response = client.post(reverse(name, args=[reported.pk]), {"reason": "x"})
        assert response.status_code in (403, 404)
    reported.refresh_from_db()
    assert reported.state == TaskState.ACTIVE


def test_the_task_page_says_it_was_cancelled_and_offers_no_report_form(reported, login, world):
    plan_actions.cancel_task(reported, by=world.people.focal, reason="Không còn phù hợp")
    page = login(world.people.focal).get(reverse("tracking:task", args=[reported.pk]))
    text = page.content.decode()
    assert "Nhiệm vụ này đã bị hủy" in text and "Không còn phù hợp" in text
    assert page.context["form"] is None
    assert "Đã có dự thảo" in text  # the report made before is still shown


def test_deleting_a_whole_plan_with_reported_tasks_is_refused_and_keeps_every_file(
    reported, follow, world, settings
):
    # A plan whose tasks were reported on is closed, never deleted (issue 11): its tasks'
    # reports and their files stay.
    files = stored_files(settings)
    assert len(files) == 1
    with pytest.raises(ValidationError, match="hãy đóng kế hoạch"):
        plan_actions.delete_plan(follow.plan, by=world.people.focal, reason="Nhập nhầm")
    assert stored_files(settings) == files
    assert Evidence.objects.count() == 1
    assert Task.objects.filter(pk=reported.pk).exists()


def test_files_stay_when_the_deletion_is_refused(reported, world, settings):
    with pytest.raises(ValidationError):
        plan_actions.delete_task(reported, by=world.people.focal)
    assert len(stored_files(settings)) == 1


def test_a_cancelled_task_is_not_carried_into_next_years_plan(reported, follow, world):
    plan_actions.cancel_task(reported, by=world.people.focal, reason="Không còn phù hợp")
    copy = plan_actions.copy_plan(follow.plan, year=follow.plan.year + 1, by=world.people.focal)
    titles = set(copy.tasks.values_list("title", flat=True))
    assert reported.title not in titles
    assert follow.justice.title in titles
