"""A plan whose tasks were reported on is the record of a year's work: it is closed, never
deleted — on its page, in the admin, by the importer's "replace", through the action. A plan
nobody reported on (a wrong import, a draft) is still deleted with the password."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.importer.saving import save_parsed_plan
from cchc.plans import actions
from cchc.plans.choices import PlanStatus
from cchc.plans.models import Plan, Task
from cchc.testing.auth import admin_login
from cchc.testing.factories import PlanFactory, TaskFactory, UserFactory
from cchc.tracking import actions as tracking_actions
from cchc.tracking.models import ProgressUpdate
from cchc.tracking.schedule import sync_plan

CLOSE_INSTEAD = "hãy đóng kế hoạch"


@pytest.fixture
def reported_plan(world):
    plan = PlanFactory(unit=world.commune, year=2026, number="7/KH-UBND", title="Kế hoạch 2026")
    task = TaskFactory(
        plan=plan, title="Rà soát văn bản", due=dt.date(2026, 3, 31), leads=["Tư pháp – Hộ tịch"]
    )
    sync_plan(plan)
    tracking_actions.report_progress(
        task.occurrences.get(), by=world.people.focal, state="working", percent=40
    )
    return plan


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _kept(plan) -> bool:
    return (
        Plan.objects.filter(pk=plan.pk).exists()
        and ProgressUpdate.objects.filter(occurrence__task__plan=plan).count() == 1
        and not AuditEvent.objects.filter(action="plan.delete").exists()
    )


def test_the_action_refuses_and_keeps_the_plan_with_its_reports(reported_plan, world):
    with pytest.raises(ValidationError) as refused:
        actions.delete_plan(reported_plan, by=world.people.focal)
    assert refused.value.code == "has_reports"
    assert _kept(reported_plan)


def test_the_delete_page_refuses_with_a_vietnamese_message_even_with_the_password(
    reported_plan, world, login
):
    client = login(world.people.focal)
    url = reverse("plans:delete", args=[reported_plan.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == reported_plan.get_absolute_url()
    assert CLOSE_INSTEAD in _messages(response)
    response = client.post(url, {"password": "secret-pass-1", "reason": "Nhập nhầm"})
    assert response.status_code == 302
    assert CLOSE_INSTEAD in _messages(response)
    assert _kept(reported_plan)


def test_the_admin_refuses_on_its_delete_page_and_in_the_bulk_action(reported_plan, client):
    admin_login(client, UserFactory(username="quantri", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:plans_plan_delete", args=[reported_plan.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert CLOSE_INSTEAD in _messages(response)
    response = client.post(
        reverse("admin:plans_plan_changelist"),
        {"action": "delete_selected", "_selected_action": [reported_plan.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert CLOSE_INSTEAD in _messages(response)
    assert _kept(reported_plan)


def test_importing_again_with_replace_is_refused_and_nothing_is_saved(reported_plan, world):
    data = {"plan": {"year": 2026, "number": "7/KH-UBND", "title": "Kế hoạch 2026 (bản mới)"}}
    with pytest.raises(ValidationError):
        save_parsed_plan(data, unit=world.commune, by=world.people.focal, replace=reported_plan)
    assert _kept(reported_plan)
    assert Plan.objects.filter(unit=world.commune).count() == 1


def test_a_plan_nobody_reported_on_is_still_deleted_with_the_password(world, login):
    plan = PlanFactory(unit=world.commune, status=PlanStatus.DRAFT, number="")
    task = TaskFactory(plan=plan, title="Nhiệm vụ nhập nhầm")
    client = login(world.people.focal)
    response = client.post(
        reverse("plans:delete", args=[plan.pk]), {"password": "secret-pass-1", "reason": "Sai"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("plans:list")
    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert not Task.objects.filter(pk=task.pk).exists()
    assert AuditEvent.objects.filter(action="plan.delete").count() == 1


def test_the_import_review_refuses_to_replace_a_reported_plan_on_the_choice(world, login):
    from cchc.importer.tests.test_review import draft_for, form_data

    client = login(world.people.focal)
    first = draft_for(world)
    client.post(reverse("importer:review", args=[first.pk]), form_data(first))
    existing = Plan.objects.get()
    existing.status = PlanStatus.ISSUED
    existing.save(update_fields=["status"])
    sync_plan(existing)
    occurrence = existing.tasks.filter(occurrences__isnull=False).first().occurrences.first()
    tracking_actions.report_progress(occurrence, by=world.people.focal, state="working", percent=10)
    again = draft_for(world)
    url = reverse("importer:review", args=[again.pk])
    response = client.post(url, form_data(again, **{"dup-choice": "replace"}))
    assert response.status_code == 200
    assert CLOSE_INSTEAD in response.content.decode()
    assert list(Plan.objects.all()) == [existing]
    assert _kept(existing)


def test_the_plan_page_offers_delete_only_for_a_plan_nobody_reported_on(
    reported_plan, world, login
):
    client = login(world.people.focal)
    delete_url = reverse("plans:delete", args=[reported_plan.pk])
    assert delete_url not in client.get(reported_plan.get_absolute_url()).content.decode()
    fresh = PlanFactory(unit=world.commune, year=2027, title="Kế hoạch 2027")
    page = client.get(fresh.get_absolute_url()).content.decode()
    assert reverse("plans:delete", args=[fresh.pk]) in page
