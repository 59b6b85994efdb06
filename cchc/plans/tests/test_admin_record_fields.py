"""What the system records about a plan, a task or a target (who made it, the file and the line
it was imported from, the task it was carried over from) is shown in the admin, never offered
as a box to type in: a value posted for it changes nothing."""

import pytest
from django.urls import reverse

from cchc.plans.models import Task
from cchc.plans.tests.test_admin_audit import admin_client, change_form_data, plan  # noqa: F401
from cchc.testing.factories import TaskFactory

RECORDED = {
    "plan": ["created_by", "source_name"],
    "task": ["origin", "source_line", "source_text"],
    "target": ["source_line"],
}


def _object(plan, model):  # noqa: F811
    return {"plan": plan, "task": plan.tasks.get(), "target": plan.targets.get()}[model]


@pytest.mark.parametrize("model", RECORDED)
def test_the_change_page_shows_the_record_without_a_box(plan, admin_client, model):  # noqa: F811
    obj = _object(plan, model)
    page = admin_client.get(reverse(f"admin:plans_{model}_change", args=[obj.pk]))
    html = page.content.decode()
    for field in RECORDED[model]:
        assert f'name="{field}"' not in html, field
        assert f"field-{field}" in html, field  # still shown, as text


def test_a_posted_source_changes_nothing(plan, admin_client):  # noqa: F811
    earlier = TaskFactory(plan=plan, ref="9", title="Việc năm trước")
    task = plan.tasks.get(ref="1")
    Task.objects.filter(pk=task.pk).update(source_line=12, source_text="1. Xây dựng kế hoạch")
    url = reverse("admin:plans_task_change", args=[task.pk])
    data = change_form_data(admin_client.get(url))
    data.update(source_line="99", source_text="sửa tay", origin=str(earlier.pk), title="Việc mới")
    assert admin_client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.title == "Việc mới"
    assert (task.source_line, task.source_text, task.origin) == (12, "1. Xây dựng kế hoạch", None)
