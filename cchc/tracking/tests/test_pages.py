"""Landing by role, the change history panels, tasks without a date, reminder settings."""

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.plans.actions import save_task
from cchc.testing.factories import TaskFactory
from cchc.tracking.models import Occurrence, ReminderPolicy, TaskSchedule
from cchc.tracking.schedule import sync_plan


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("official", ("tracking:mine", [])),
        ("focal", ("tracking:dashboard", ["xa-a"])),
        ("leader", ("tracking:dashboard", ["xa-a"])),
        ("district", ("tracking:compare", ["thanh-pho"])),
        ("province", ("tracking:compare", ["tinh"])),
    ],
)
def test_home_lands_each_role_on_its_page(world, login, persona, target):
    response = login(getattr(world.people, persona)).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(target[0], args=target[1])


def test_the_plan_page_shows_the_change_history_of_its_tasks(follow, world, login):
    task = follow.office
    task.title = "Xây dựng kế hoạch tuyên truyền CCHC năm nay"
    save_task(task, by=world.people.focal)
    client = login(world.people.leader)
    url = follow.plan.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Lịch sử thay đổi" in page and "Sửa nhiệm vụ" not in page  # loaded on demand
    fragment = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="history-box")
    text = fragment.content.decode()
    assert "<html" not in text and 'id="history-box"' in text
    assert "Sửa nhiệm vụ" in text
    assert "Xây dựng kế hoạch tuyên truyền CCHC năm nay" in text
    assert str(world.people.focal) in text
    without_js = client.get(url + "?history=1").content.decode()
    assert "Sửa nhiệm vụ" in without_js and "<html" in without_js


def test_the_task_page_shows_its_history_and_timeline(follow, world, login):
    from cchc.tracking import actions

    actions.report_progress(
        follow.justice_occ, by=world.people.official, state="working", percent=35, note="Bắt đầu"
    )
    task = follow.justice
    task.deadline_text = "Quý IV năm nay"
    save_task(task, by=world.people.focal)
    page = login(world.people.official).get(reverse("tracking:task", args=[task.pk])).content
    page = page.decode()
    assert "Diễn biến" in page and "Đang thực hiện, 35%" in page and "Bắt đầu" in page
    assert "Lịch sử thay đổi" in page and "Báo cáo tiến độ" in page
    assert "Thời gian hoàn thành (như ghi trong kế hoạch)" in page  # the changed field, labelled
    events = AuditEvent.objects.filter(action__in=["progress.report", "task.update"])
    assert events.count() == 2


def test_the_timeline_shows_the_reminders_sent(follow, world, login, today):
    from cchc.tracking import reminders

    reminders.run(today)
    page = login(world.people.focal).get(reverse("tracking:task", args=[follow.office.pk]))
    assert "Đã gửi nhắc việc" in page.content.decode()


def test_tasks_without_a_date_are_listed_for_the_focal_point_who_sets_one(
    undated, follow, world, login, today
):
    client = login(world.people.focal)
    page = client.get(reverse("tracking:undated", args=["xa-a"])).content.decode()
    assert "Xây dựng văn bản QPPL theo yêu cầu" in page
    assert "Theo quy định của cấp trên" in page
    assert follow.monthly.title not in page  # "Hàng tháng" has dates
    due = today.replace(day=28)
    response = client.post(
        reverse("tracking:set_due", args=[undated.pk]),
        {"prefix": f"t{undated.pk}", f"t{undated.pk}-due": due.isoformat(), "back": "undated"},
    )
    assert response.status_code == 302
    undated.refresh_from_db()
    assert undated.due == due
    assert [o.due for o in Occurrence.objects.filter(task=undated)] == [due]
    assert not TaskSchedule.objects.get(task=undated).needs_date
    assert AuditEvent.objects.filter(action="task.update", object_id=str(undated.pk)).exists()


def test_a_due_date_outside_the_plans_window_is_refused_with_a_message(undated, world, login):
    client = login(world.people.focal)
    response = client.post(
        reverse("tracking:set_due", args=[undated.pk]), {"due": "2001-01-01"}, follow=True
    )
    assert "Hạn hoàn thành: chọn một ngày từ" in response.content.decode()
    undated.refresh_from_db()
    assert undated.due is None


def test_an_unreadable_deadline_is_flagged(follow, world, login):
    TaskFactory(plan=follow.plan, title="Việc lạ", deadline_text="abc xyz", due=None)
    sync_plan(follow.plan)
    page = login(world.people.focal).get(reverse("tracking:undated", args=["xa-a"]))
    assert "không đọc được" in page.content.decode()


def test_the_focal_point_sets_the_units_reminder_days(world, login):
    client = login(world.people.focal)
    url = reverse("tracking:reminder_settings", args=["xa-a"])
    page = client.get(url).content.decode()
    assert "7, 1" in page
    bad = client.post(
        url,
        {
            "days_before": "7, tuần",
            "escalate_to_leader_after": "3",
            "escalate_to_upper_after": "1",
            "digest_weekday": "0",
        },
    )
    text = bad.content.decode()
    assert "“tuần” không phải số ngày từ 0 đến 60." in text
    assert not ReminderPolicy.objects.exists()
    client.post(
        url,
        {
            "days_before": "10; 3, 1",
            "escalate_to_leader_after": "2",
            "escalate_to_upper_after": "5",
            "weekly_digest": "on",
            "digest_weekday": "4",
        },
    )
    policy = ReminderPolicy.objects.get(unit=world.commune)
    assert policy.offsets == [10, 3, 1] and policy.digest_weekday == 4
    assert AuditEvent.objects.filter(action="reminders.settings").exists()


def test_the_upper_level_cannot_be_told_before_the_leader(world, login):
    client = login(world.people.focal)
    response = client.post(
        reverse("tracking:reminder_settings", args=["xa-a"]),
        {
            "days_before": "7",
            "escalate_to_leader_after": "5",
            "escalate_to_upper_after": "2",
            "digest_weekday": "0",
        },
    )
    assert "Báo cấp trên không được sớm hơn báo lãnh đạo đơn vị." in response.content.decode()
    assert not ReminderPolicy.objects.exists()


def test_a_task_whose_deadline_nobody_can_read_is_not_saved(follow, world, login):
    from cchc.plans.models import Task

    client = login(world.people.focal)
    data = {"title": "Việc mới", "area": "direction", "leads": "Văn phòng – Thống kê"}
    response = client.post(
        reverse("plans:task_create", args=[follow.plan.pk]), {**data, "deadline_text": "sớm nhất"}
    )
    assert response.status_code == 400
    assert "“sớm nhất” cannot be read" not in response.content.decode()
    assert "Thời hạn: không đọc được “sớm nhất”" in response.content.decode()
    assert not Task.objects.filter(title="Việc mới").exists()


def test_a_deadline_text_fills_in_the_due_date_and_recurrence(follow, world, login):
    from cchc.plans.models import Task

    client = login(world.people.focal)
    year = follow.plan.year
    data = {"area": "direction", "leads": "Văn phòng – Thống kê"}
    url = reverse("plans:task_create", args=[follow.plan.pk])
    client.post(url, {**data, "title": "Việc quý", "deadline_text": f"Quý II năm {year}"})
    client.post(url, {**data, "title": "Việc tháng", "deadline_text": "Hàng tháng"})
    client.post(url, {**data, "title": "Việc chờ", "deadline_text": "khi có hướng dẫn"})
    assert Task.objects.get(title="Việc quý").due.month == 6
    assert Task.objects.get(title="Việc tháng").recurrence == "monthly"
    assert Task.objects.get(title="Việc chờ").due is None


def test_the_assign_list_shows_names_with_their_posts(follow, world, login):
    from django.urls import reverse

    page = login(world.people.focal).get(reverse("tracking:task", args=[follow.office.pk]))
    text = page.content.decode()
    assert f"{world.people.official} — Tư pháp – Hộ tịch" in text
