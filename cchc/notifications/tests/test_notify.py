"""Any app notifies through `notify`: each event once per person, an email copy for those with
an address, and a notification leaves the unread list when its object is opened or done."""

import pytest
from django.core import mail

from cchc.notifications.actions import clear, seen
from cchc.notifications.mail import deliver_pending
from cchc.notifications.models import EmailDelivery, Notification

from .conftest import bell


def test_an_event_notifies_each_person_once_however_often_it_is_sent(world, send):
    people = [world.people.focal, world.people.leader, world.people.focal]
    first = send("report_due", people, "report:2025-Q2", about=world.commune)
    assert len(first.notifications) == 2  # the focal point named twice is notified once
    again = send("report_due", [world.people.focal, world.people.official], "report:2025-Q2")
    assert [n.user for n in again.notifications] == [world.people.official]
    assert Notification.objects.filter(key="report:2025-Q2").count() == 3


def test_a_kind_no_app_registered_is_refused(world, send):
    with pytest.raises(LookupError, match="no notification kind 'typo'"):
        send("typo", [world.people.focal], "k")
    assert not Notification.objects.exists()


def test_people_with_an_address_get_an_email_copy_unless_the_sender_says_not(world, send):
    world.people.focal.email = "lan@thanhtan.gov.vn"
    world.people.focal.save()
    sent = send("report_due", [world.people.focal, world.people.leader], "a", url="/plans/")
    assert sent.emails == 1
    assert list(EmailDelivery.objects.values_list("to", flat=True)) == ["lan@thanhtan.gov.vn"]
    assert deliver_pending().sent == 1
    assert mail.outbox[0].subject == "[CCHC] Thông báo a"
    assert send("report_due", [world.people.focal], "b", email=False).emails == 0
    assert EmailDelivery.objects.count() == 1


def test_opening_what_a_notification_is_about_reads_it_for_that_reader_only(world, send, login):
    focal, leader = world.people.focal, world.people.leader
    send("report_due", [focal, leader], "about-commune", about=world.commune)
    send("report_due", [focal], "about-other", about=world.other)
    send("report_due", [focal], "about-nothing")
    assert bell(login(focal)) == 3
    assert seen(focal, world.commune) == 1
    assert bell(login(focal)) == 2
    assert bell(login(leader)) == 1
    unread = Notification.objects.filter(user=focal, read_at__isnull=True)
    assert sorted(unread.values_list("key", flat=True)) == ["about-nothing", "about-other"]


def test_what_is_done_clears_its_notifications_for_everyone_but_not_a_digest(world, send):
    focal, leader = world.people.focal, world.people.leader
    send("report_due", [focal, leader], "due", about=world.commune)
    send("report_news", [focal], "news", about=world.commune)
    send("report_due", [focal], "due-other", about=world.other)
    assert clear(world.commune) == 2
    unread = Notification.objects.filter(read_at__isnull=True)
    assert sorted(unread.values_list("key", flat=True)) == ["due-other", "news"]


def test_clearing_keeps_the_time_a_person_had_read_a_notification(world, send):
    send("report_due", [world.people.focal], "due", about=world.commune)
    seen(world.people.focal, world.commune)
    read_at = Notification.objects.get().read_at
    clear(world.commune)
    assert Notification.objects.get().read_at == read_at
