"""A plan, task or target changed or deleted in Django's admin is recorded like a change made on
the plan pages (who, when, before, after) and shows in the plan's change history."""

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.plans.models import LegalBasis, Plan, ReportingPeriod, Target, Task
from cchc.testing.auth import admin_login
from cchc.testing.factories import PlanFactory, TargetFactory, TaskFactory, UserFactory


@pytest.fixture
def plan(world):
    plan = PlanFactory(unit=world.commune, title="Kế hoạch CCHC năm 2024 xã Thạnh Tân")
    LegalBasis.objects.create(plan=plan, order=0, text="Nghị quyết số 76/NQ-CP ngày 15/7/2021")
    ReportingPeriod.objects.create(plan=plan, kind="q1", name="Quý I/2024")
    TaskFactory(plan=plan, ref="1", title="Xây dựng kế hoạch tuyên truyền", leads=["Tư pháp"])
    TargetFactory(plan=plan)
    return plan


@pytest.fixture
def admin_client(client, db):
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    admin_login(client, admin)
    client.admin = admin
    return client


def change_form_data(response) -> dict:
    """What the admin's change page would post back unchanged: the form and its inlines."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, 0)
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if callable(value):
                value = value()
            if hasattr(value, "pk"):
                value = value.pk
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def events(action: str):
    return AuditEvent.objects.filter(action=action).order_by("pk")


def test_a_task_changed_in_the_admin_is_recorded_with_before_and_after(plan, admin_client):
    task = plan.tasks.get()
    url = reverse("admin:plans_task_change", args=[task.pk])
    data = change_form_data(admin_client.get(url))
    data["title"] = "Xây dựng kế hoạch tuyên truyền CCHC (sửa trong trang quản trị)"
    data["parties-0-text"] = "Văn phòng – Thống kê"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    recorded = list(events("task.update"))
    assert [e.user for e in recorded] == [admin_client.admin, admin_client.admin]
    fields, parties = recorded
    assert fields.before["title"] == "Xây dựng kế hoạch tuyên truyền"
    assert fields.after["title"].endswith("(sửa trong trang quản trị)")
    assert parties.before["lead"] == ["Tư pháp"]
    assert parties.after["lead"] == ["Văn phòng – Thống kê"]
    history = admin_client.get(plan.get_absolute_url() + "?history=1").content.decode()
    assert "(sửa trong trang quản trị)" in history
    assert "Văn phòng – Thống kê" in history


def test_a_plans_legal_bases_and_report_schedule_changed_in_the_admin_are_recorded(
    plan, admin_client
):
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    data = change_form_data(admin_client.get(url))
    data["legal_bases-0-text"] = "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"
    data["reporting_periods-0-due"] = "11/03/2024"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    parts = events("plan.update").last()
    assert parts.user == admin_client.admin
    assert parts.before["legal_bases"] == ["Nghị quyết số 76/NQ-CP ngày 15/7/2021"]
    assert parts.after["legal_bases"] == ["Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"]
    assert parts.after["reporting_periods"] == ["Quý I/2024: …–… → 11/03/2024"]


def test_saving_unchanged_in_the_admin_records_no_change_of_parts(plan, admin_client):
    url = reverse("admin:plans_task_change", args=[plan.tasks.get().pk])
    admin_client.post(url, change_form_data(admin_client.get(url)))
    assert events("task.update").count() == 1  # the save itself, with nothing to compare


def test_a_target_changed_in_the_admin_is_recorded(plan, admin_client):
    target = plan.targets.get()
    url = reverse("admin:plans_target_change", args=[target.pk])
    data = change_form_data(admin_client.get(url))
    data["value"] = "95"
    assert admin_client.post(url, data).status_code == 302
    event = events("target.update").get()
    assert event.user == admin_client.admin
    assert (event.before["value"], event.after["value"]) == ("90", "95")


@pytest.mark.parametrize(
    ("model", "action"), [("task", "task.delete"), ("target", "target.delete")]
)
def test_deleting_in_the_admin_is_recorded(plan, admin_client, model, action):
    obj = {"task": plan.tasks.get(), "target": plan.targets.get()}[model]
    url = reverse(f"admin:plans_{model}_delete", args=[obj.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    event = events(action).get()
    assert event.user == admin_client.admin and event.before["plan"] == plan.pk
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def test_deleting_plans_with_the_admins_bulk_action_records_each(plan, admin_client, world):
    other = PlanFactory(unit=world.other)
    response = admin_client.post(
        reverse("admin:plans_plan_changelist"),
        {"action": "delete_selected", "_selected_action": [plan.pk, other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Plan.objects.exists() and not Task.objects.exists() and not Target.objects.exists()
    deleted = events("plan.delete")
    assert {e.object_id for e in deleted} == {str(plan.pk), str(other.pk)}
    assert all(e.user == admin_client.admin for e in deleted)
