"""Reminders go out by themselves, once per event: before the due date, when overdue, to the
leader and then the upper level, and a weekly digest; emails are retried, never lost."""

import datetime as dt
import io
import logging

import pytest
from django.core import mail
from django.core.management import call_command

from cchc.notifications.choices import DeliveryStatus
from cchc.notifications.mail import MAX_ATTEMPTS, deliver_pending
from cchc.notifications.models import EmailDelivery, Notification
from cchc.plans.choices import PlanStatus
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking import actions, reminders
from cchc.tracking.choices import NotificationKind
from cchc.tracking.models import ReminderPolicy
from cchc.tracking.schedule import sync_plan

WEDNESDAY = dt.date(2025, 6, 11)
D = dt.date


@pytest.fixture
def plan(world):
    plan = PlanFactory(unit=world.commune, year=2025, status=PlanStatus.ISSUED)
    tasks = [
        ("Rà soát văn bản QPPL", D(2025, 6, 13), "Tư pháp – Hộ tịch"),  # 2 working days left
        ("Kế hoạch theo dõi thi hành pháp luật", D(2025, 6, 12), "Tư pháp – Hộ tịch"),  # 1 left
        ("Kế hoạch tuyên truyền CCHC", D(2025, 6, 4), "Văn phòng – Thống kê"),  # 5 days late
        ("Báo cáo tuyên truyền pháp luật", D(2025, 5, 20), "Tư pháp – Hộ tịch"),  # 16 days late
        ("Đánh giá Chỉ số CCHC", D(2025, 12, 31), "Văn phòng – Thống kê"),  # far away
    ]
    for title, due, lead in tasks:
        TaskFactory(plan=plan, title=title, deadline_text="", due=due, leads=[lead])
    sync_plan(plan)
    return plan


def kinds(user):
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_each_event_reminds_each_person_once_however_often_the_job_runs(plan, world):
    first = reminders.run(WEDNESDAY)
    assert first.total == 10
    assert first.created == {
        NotificationKind.DUE_SOON: 2,
        NotificationKind.OVERDUE: 3,
        NotificationKind.ESCALATED_LEADER: 2,
        NotificationKind.ESCALATED_UPPER: 1,
        NotificationKind.DIGEST: 2,
    }
    people = world.people
    assert kinds(people.official) == ["due_soon", "due_soon", "overdue"]
    assert kinds(people.focal) == ["digest", "overdue", "overdue"]
    assert kinds(people.leader) == ["digest", "escalated_leader", "escalated_leader"]
    assert kinds(people.district) == ["escalated_upper"]
    assert kinds(people.province) == [] and kinds(people.outsider) == []

    second = reminders.run(WEDNESDAY)
    assert second.total == 0
    assert Notification.objects.count() == 10


def test_the_one_day_reminder_follows_the_seven_day_one_the_next_day(plan, world):
    reminders.run(WEDNESDAY)
    thursday = reminders.run(WEDNESDAY + dt.timedelta(days=1))
    assert thursday.created[NotificationKind.DUE_SOON] == 1  # 13/6 is now one day away
    titles = Notification.objects.filter(user=world.people.official, kind="due_soon")
    assert any("Còn 1 ngày làm việc" in n.title and "13/06/2025" in n.title for n in titles)


def test_done_work_is_not_reminded(plan, world):
    for occ in plan.tasks.get(title="Rà soát văn bản QPPL").occurrences.all():
        actions.report_progress(occ, by=world.people.official, state="done", percent=100)
    reminders.run(WEDNESDAY)
    assert not Notification.objects.filter(title__contains="Rà soát văn bản QPPL").exists()


def test_a_draft_plan_reminds_nobody(plan):
    plan.status = PlanStatus.DRAFT
    plan.save()
    assert reminders.run(WEDNESDAY).total == 0


def test_the_reminder_days_are_settable_per_unit_and_inherited_from_above(plan, world):
    ReminderPolicy.objects.create(
        unit=world.district,
        days_before="1",
        escalate_to_leader_after=20,
        escalate_to_upper_after=30,
        weekly_digest=False,
    )
    outcome = reminders.run(WEDNESDAY)
    assert outcome.created[NotificationKind.DUE_SOON] == 1  # only the one due tomorrow
    assert outcome.created[NotificationKind.ESCALATED_LEADER] == 0
    assert outcome.created[NotificationKind.ESCALATED_UPPER] == 0
    assert outcome.created[NotificationKind.DIGEST] == 0
    ReminderPolicy.objects.create(unit=world.commune, days_before="7, 1")
    assert reminders.run(WEDNESDAY).created[NotificationKind.DUE_SOON] == 1  # the commune's own


def test_the_weekly_digest_goes_once_a_week_on_the_units_day(plan, world):
    ReminderPolicy.objects.create(unit=world.commune, digest_weekday=4)  # Friday
    assert reminders.run(WEDNESDAY).created[NotificationKind.DIGEST] == 0
    assert reminders.run(D(2025, 6, 13)).created[NotificationKind.DIGEST] == 2
    assert reminders.run(D(2025, 6, 14)).created[NotificationKind.DIGEST] == 0
    digest = Notification.objects.filter(kind="digest", user=world.people.focal).get()
    assert "Tuần 24/2025" in digest.title and "việc quá hạn" in digest.title
    assert "Kế hoạch tuyên truyền CCHC" in digest.body


def test_the_command_prints_how_many_reminders_it_sent_and_sends_nothing_twice(plan):
    out = io.StringIO()
    call_command("send_reminders", "--date", "2025-06-11", stdout=out)
    assert "Đã gửi 10 nhắc việc" in out.getvalue()
    out = io.StringIO()
    call_command("send_reminders", "--date", "2025-06-11", stdout=out)
    assert "Đã gửi 0 nhắc việc." in out.getvalue()


def test_reminders_are_emailed_to_people_with_an_address(plan, world, settings):
    settings.SITE_URL = "https://cchc.tayninh.gov.vn"
    world.people.official.email = "minh@thanhtan.gov.vn"
    world.people.official.save()
    reminders.run(WEDNESDAY)
    assert EmailDelivery.objects.count() == 3
    result = deliver_pending()
    assert result.sent == 3 and len(mail.outbox) == 3
    message = mail.outbox[0]
    assert message.to == ["minh@thanhtan.gov.vn"] and message.subject.startswith("[CCHC] ")
    assert "https://cchc.tayninh.gov.vn/follow-up/tasks/" in message.body
    assert deliver_pending().sent == 0  # sent once


def test_a_failed_email_is_logged_retried_and_finally_kept_as_failed(
    plan, world, monkeypatch, caplog
):
    world.people.focal.email = "lan@thanhtan.gov.vn"
    world.people.focal.save()
    reminders.run(WEDNESDAY)
    from django.core.mail import EmailMessage

    def down(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server unreachable")

    monkeypatch.setattr(EmailMessage, "send", down)
    caplog.set_level(logging.WARNING, logger="cchc.notifications.mail")
    result = deliver_pending()
    assert result.retrying == 3 and result.sent == 0
    delivery = EmailDelivery.objects.first()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert "SMTP server unreachable" in delivery.last_error
    assert "retrying" in caplog.text
    assert deliver_pending().retrying == 0  # not before its time
    later = delivery.next_attempt_at
    for _ in range(MAX_ATTEMPTS):
        later += dt.timedelta(days=1)
        deliver_pending(now=later)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == MAX_ATTEMPTS
    assert "failed for good" in caplog.text
    monkeypatch.undo()
    EmailDelivery.objects.update(status=DeliveryStatus.PENDING)  # the admin's "retry now"
    assert deliver_pending(now=later).sent == 3


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_periodic_jobs_once_per_interval():
    # transaction=True: the worker closes connections between tasks, as in production.
    from django_tasks_db.models import DBTaskResult

    from cchc.core.models import PeriodicRun
    from cchc.core.periodic import PERIODIC_JOBS

    call_command("worker", "--once", "--no-startup-delay", verbosity=0)
    assert set(PeriodicRun.objects.values_list("name", flat=True)) == {
        j.name for j in PERIODIC_JOBS
    }
    results = DBTaskResult.objects.all()
    assert results.count() == len(PERIODIC_JOBS)
    assert set(results.values_list("status", flat=True)) == {"SUCCESSFUL"}
    call_command("worker", "--once", "--no-startup-delay", verbosity=0)
    assert DBTaskResult.objects.count() == len(PERIODIC_JOBS)  # nothing due again yet
