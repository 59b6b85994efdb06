"""Deadlines as plans write them become occurrences with due dates on the working calendar."""

import datetime as dt

import pytest

from cchc.plans.choices import Recurrence
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking.models import Occurrence, ProgressUpdate, TaskSchedule
from cchc.tracking.schedule import schedule_for, stale_tasks, sync_plan, sync_stale

D = dt.date
pytestmark = pytest.mark.django_db


def slots(text, year=2024, due=None, recurrence=""):
    task = TaskFactory.build(deadline_text=text, due=due, recurrence=recurrence)
    return schedule_for(task, year)


@pytest.mark.parametrize(
    ("text", "dues"),
    [
        ("Tháng 03/2024", [D(2024, 3, 29)]),  # 31/3 is a Sunday: due the Friday before
        ("Quý I năm 2024", [D(2024, 3, 29)]),
        (
            "Quý I, II, III và cả năm 2024",
            [D(2024, 3, 29), D(2024, 6, 28), D(2024, 9, 30), D(2024, 12, 31)],
        ),
        ("Trong năm 2024", [D(2024, 12, 31)]),
        ("Năm 2024-2025", [D(2025, 12, 31)]),
        ("Thường xuyên", [D(2024, 3, 29), D(2024, 6, 28), D(2024, 9, 30), D(2024, 12, 31)]),
        ("Hàng quý", [D(2024, 3, 29), D(2024, 6, 28), D(2024, 9, 30), D(2024, 12, 31)]),
        ("Định kỳ trong năm", [D(2024, 3, 29), D(2024, 6, 28), D(2024, 9, 30), D(2024, 12, 31)]),
        ("6 tháng đầu năm", [D(2024, 6, 28)]),
        ("trước ngày 15/3/2026", [D(2026, 3, 15)]),  # a day written as such stays as written
        ("Quý IV/2023, Quý I/2024", [D(2023, 12, 29), D(2024, 3, 29)]),
        ("Theo quy định của cấp trên", [None]),
        ("khi có hướng dẫn", [None]),
    ],
)
def test_each_deadline_form_gives_its_occurrences_and_due_dates(text, dues):
    assert [s.due for s in slots(text).slots] == dues


def test_a_monthly_task_is_due_on_the_last_working_day_of_each_month():
    dues = [s.due for s in slots("Hàng tháng").slots]
    assert len(dues) == 12
    assert dues[0] == D(2024, 1, 31)
    assert dues[1] == D(2024, 2, 29)
    assert dues[3] == D(2024, 4, 26)  # 27–28 weekend, 29/4 swapped day off, 30/4 holiday
    assert dues[8] == D(2024, 9, 30)


def test_a_monthly_task_within_a_span_keeps_only_those_months():
    found = slots("Hàng tháng, từ tháng 3 đến tháng 12").slots
    assert [s.start.month for s in found] == list(range(3, 13))


def test_the_recurrence_field_wins_over_a_text_without_one():
    found = slots("Trong năm 2024", recurrence=Recurrence.QUARTERLY).slots
    assert len(found) == 4


def test_a_typed_due_date_that_differs_from_the_text_wins():
    found = slots("Quý I năm 2024", due=D(2024, 2, 20)).slots
    assert [s.due for s in found] == [D(2024, 2, 20)]


def test_forms_naming_no_date_are_flagged_and_nonsense_is_marked_unreadable():
    waiting = slots("Theo quy định của cấp trên")
    assert waiting.needs_date and not waiting.unreadable
    nonsense = slots("xyz chưa rõ")
    assert nonsense.needs_date and nonsense.unreadable
    assert not slots("Tháng 03/2024").needs_date


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Tháng 03/2024", ["Tháng 3/2024"]),
        ("Quý IV/2023, Quý I/2024", ["Quý IV/2023", "Quý I/2024"]),
        ("6 tháng đầu năm", ["6 tháng đầu năm 2024"]),
        ("Năm 2024-2025", ["Năm 2024–2025"]),
        ("trước ngày 15/3/2026", ["Đến ngày 15/03/2026"]),
        ("khi có hướng dẫn", ["Chưa có hạn"]),
    ],
)
def test_occurrences_are_labelled_the_way_people_name_periods(text, labels):
    task = TaskFactory(deadline_text=text, due=None, plan__year=2024)
    sync_plan(task.plan)
    assert [o.label for o in task.occurrences.order_by("due")] == labels


def test_syncing_twice_changes_nothing():
    task = TaskFactory(deadline_text="Hàng tháng", due=None)
    sync_plan(task.plan)
    first = list(task.occurrences.values_list("pk", "key", "due"))
    sync_plan(task.plan)
    assert list(task.occurrences.values_list("pk", "key", "due")) == first
    assert len(first) == 12


def test_moving_a_one_off_task_keeps_its_progress():
    task = TaskFactory(deadline_text="Tháng 03/2024", due=D(2024, 3, 31))
    sync_plan(task.plan)
    occurrence = task.occurrences.get()
    ProgressUpdate.objects.create(occurrence=occurrence, state="working", percent=40)
    task.deadline_text, task.due = "Tháng 05/2024", D(2024, 5, 31)
    task.save()
    assert sync_stale(task.plan.tasks.all()) == 1
    moved = task.occurrences.get()
    assert moved.pk == occurrence.pk
    assert moved.due == D(2024, 5, 31)
    assert moved.updates.count() == 1


def test_an_occurrence_with_reports_that_leaves_the_schedule_is_kept_as_obsolete():
    task = TaskFactory(deadline_text="Hàng tháng", due=None)
    sync_plan(task.plan)
    for key in ("m:2024-01", "m:2024-02"):
        occurrence = task.occurrences.get(key=key)
        ProgressUpdate.objects.create(occurrence=occurrence, state="done", percent=100)
    task.deadline_text, task.due = "Quý IV năm 2024", D(2024, 12, 31)
    task.save()
    sync_stale(task.plan.tasks.all())
    live = Occurrence.objects.filter(task=task, obsolete=False)
    assert [o.due for o in live] == [D(2024, 12, 31)]
    # The quarter does not inherit January's report; January and February keep theirs,
    # retired; the ten months without reports are gone.
    assert live.get().updates.count() == 0
    retired = Occurrence.objects.filter(task=task, obsolete=True).order_by("period_start")
    assert [o.period_start.month for o in retired] == [1, 2]
    assert Occurrence.objects.filter(task=task).count() == 3


def test_only_tasks_whose_deadline_changed_are_stale():
    plan = PlanFactory()
    a = TaskFactory(plan=plan, deadline_text="Tháng 03/2024", due=D(2024, 3, 31))
    b = TaskFactory(plan=plan, deadline_text="Hàng quý", due=None)
    assert set(stale_tasks(plan.tasks.all())) == {a, b}
    sync_plan(plan)
    assert not stale_tasks(plan.tasks.all()).exists()
    b.recurrence = Recurrence.MONTHLY
    b.save()
    assert list(stale_tasks(plan.tasks.all())) == [b]
    assert TaskSchedule.objects.get(task=a).needs_date is False


def test_a_monthly_task_due_before_the_20th_falls_due_on_the_20th_of_each_month():
    import datetime as dt

    from cchc.plans.models import Task
    from cchc.tracking.schedule import schedule_for

    task = Task(deadline_text="Trước ngày 20 hằng tháng", title="Báo cáo tình hình giải quyết TTHC")
    slots = schedule_for(task, 2026).slots
    assert len(slots) == 12
    assert [s.due for s in slots[:2]] == [dt.date(2026, 1, 20), dt.date(2026, 2, 20)]
