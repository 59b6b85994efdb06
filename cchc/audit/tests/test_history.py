"""Numbers in the change history read as people write them."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from cchc.audit.log import _jsonable
from cchc.plans.history import plan_history
from cchc.testing.factories import PlanFactory, TargetFactory


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (Decimal("90.00"), "90"),
        (Decimal("100.00"), "100"),
        (Decimal("20"), "20"),
        (Decimal("0.00"), "0"),
        (Decimal("2.50"), "2.50"),
        (Decimal("5"), "5"),
    ],
)
def test_whole_numbers_are_kept_as_plain_digits(value, stored):
    assert _jsonable(value) == stored


def test_a_target_raised_from_90_to_100_percent_reads_so_in_the_history(world, login):
    plan = PlanFactory(unit=world.commune)
    target = TargetFactory(plan=plan, value=90)
    client = login(world.people.focal)
    response = client.post(
        reverse("plans:target_edit", args=[target.pk]),
        {
            "area": target.area,
            "text": target.text,
            "comparator": target.comparator,
            "value": "100",
            "unit": target.unit,
        },
    )
    assert response.status_code == 302
    [row] = plan_history(plan)
    assert [(c.before, c.after) for c in row.changes] == [("90", "100")]
    page = client.get(plan.get_absolute_url() + "?history=1").content.decode()
    assert "E+" not in page


def _plan_with_history(world):
    from cchc.plans import actions
    from cchc.plans.models import Target, Task

    focal = world.people.focal
    plan = PlanFactory(unit=world.commune)
    task = actions.save_task(Task(plan=plan, title="Rà soát TTHC", area="procedures"), by=focal)
    gone = actions.save_task(Task(plan=plan, title="Việc bỏ", area="direction"), by=focal)
    actions.delete_task(gone, by=focal)
    target = actions.save_target(
        Target(plan=plan, text="100% TTHC công khai", comparator=">=", value=100, unit="%"),
        by=focal,
    )
    other = PlanFactory(unit=world.commune, year=2025)
    actions.save_task(Task(plan=other, title="Việc kế hoạch khác", area="direction"), by=focal)
    return plan, task, target


def test_a_plans_history_is_one_query_over_its_own_and_its_tasks_and_targets_events(
    world, django_assert_num_queries
):
    plan, _task, target = _plan_with_history(world)
    with django_assert_num_queries(1):
        rows = plan_history(plan)
    assert [(r.event.action, r.event.object_repr) for r in rows] == [
        ("target.create", str(target)),
        ("task.delete", "Việc bỏ"),
        ("task.create", "Việc bỏ"),
        ("task.create", "Rà soát TTHC"),
    ]


def test_a_tasks_history_holds_the_progress_reported_on_it_and_nothing_of_other_tasks(
    world, django_assert_num_queries
):
    from cchc.plans.history import task_history
    from cchc.tracking.actions import report_progress
    from cchc.tracking.schedule import sync_plan

    plan, task, _target = _plan_with_history(world)
    plan.tasks.update(deadline_text="Tháng 03/2024")
    sync_plan(plan)
    report_progress(task.occurrences.get(), by=world.people.focal, state="working", percent=30)
    with django_assert_num_queries(1):
        rows = task_history(task)
    assert [r.event.action for r in rows] == ["progress.report", "task.create"]
    assert "progress.report" not in [r.event.action for r in plan_history(plan)]


def test_events_recorded_before_subjects_existed_are_found_after_the_migration(world):
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    from cchc.audit import guard
    from cchc.audit.models import AuditEvent

    plan, _task, _target = _plan_with_history(world)
    # Events as they were before 0002, which also ran before the append-only guard (0003).
    with guard.lifted(connection):
        AuditEvent.objects.update(subject_type=None, subject_id="")
        assert [r.event.action for r in plan_history(plan)] == []
        import_module("cchc.audit.migrations.0002_event_subject").fill_subjects(apps, None)
    assert [r.event.action for r in plan_history(plan)] == [
        "target.create", "task.delete", "task.create", "task.create",
    ]  # fmt: skip


def _changes(rows, action):
    [row] = [r for r in rows if r.event.action == action]
    return {c.label: c.after for c in row.changes}


def test_an_appraisal_reads_with_its_verdict_and_general_comment_in_the_plans_history(world, login):
    from cchc.plans import actions
    from cchc.plans.choices import Verdict

    plan = PlanFactory(unit=world.commune, status="draft")
    TargetFactory(plan=plan)
    actions.submit_plan(plan, by=world.people.focal)
    note = "Đề nghị bổ sung sản phẩm đầu ra"
    actions.appraise_plan(plan, by=world.people.district, verdict=Verdict.REVISE, note=note)
    with translation.override("vi"):
        changes = _changes(plan_history(plan), "plan.appraise")
    # the verdict's label, and the appraisal's own name for its note (not another app's "note")
    assert changes == {"Kết luận": "Cần chỉnh sửa", "Ý kiến chung": note, "Ý kiến": "0"}
    page = login(world.people.focal).get(plan.get_absolute_url() + "?history=1")
    assert (
        '<span class="fw-semibold">Kết luận</span>: <ins>Cần chỉnh sửa</ins>'
        in page.content.decode()
    )


def test_a_progress_note_is_called_by_its_own_field_and_every_label_starts_with_a_capital(world):
    from cchc.plans.history import task_history
    from cchc.tracking.actions import report_progress
    from cchc.tracking.schedule import sync_plan

    plan, task, _target = _plan_with_history(world)
    plan.tasks.update(deadline_text="Tháng 03/2024")
    sync_plan(plan)
    occurrence = task.occurrences.get()
    report_progress(occurrence, by=world.people.focal, state="working", percent=30, note="Đã họp")
    with translation.override("vi"):
        changes = _changes(task_history(task), "progress.report")
    assert changes["Kết quả thực hiện"] == "Đã họp"
    assert changes["Tỷ lệ hoàn thành"] == "30"
    assert "Cách tính" not in changes


def test_an_imported_plans_file_and_warnings_are_named_in_vietnamese(world):
    from cchc.audit.log import record

    plan = PlanFactory(unit=world.commune)
    after = {"source": "ke-hoach.docx", "warnings": ["Số kế hoạch để trống"], "tasks": 3}
    record("plan.import", obj=plan, unit=plan.unit, after=after)
    with translation.override("vi"):
        changes = _changes(plan_history(plan), "plan.import")
    assert changes == {"Tệp": "ke-hoach.docx", "Cảnh báo": "Số kế hoạch để trống", "Nhiệm vụ": "3"}


def test_a_value_named_like_a_reverse_relation_of_the_object_is_shown_not_a_crash(world):
    from cchc.audit.log import record

    plan = PlanFactory(unit=world.commune)
    # a criteria set's import records "criteria", the name of the set's rows
    record("plan.update", obj=plan, unit=plan.unit, after={"appraisals": 2})
    assert _changes(plan_history(plan), "plan.update") == {"Appraisals": "2"}


def test_the_closed_history_shows_its_disclosure_marker_so_people_know_it_opens(world, login):
    _plan, task, _target = _plan_with_history(world)
    html = login(world.people.focal).get(reverse("tracking:task", args=[task.pk])).content.decode()
    # an inline summary loses the ▶ marker: a heading with nothing under it
    assert '<summary class="h5" id="history-title">' in html


def test_a_copied_plans_history_names_the_plan_it_was_copied_from_not_its_id(world):
    from cchc.plans import actions

    source = PlanFactory(unit=world.commune, year=2025, title="Kế hoạch CCHC năm 2025")
    copy = actions.copy_plan(source, year=2026, by=world.people.focal)
    with translation.override("vi"):
        changes = _changes(plan_history(copy), "plan.copy")
    assert changes["Sao từ kế hoạch"] == "Kế hoạch CCHC năm 2025"
