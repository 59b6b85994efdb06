"""The notification list and the bell: a person sees and marks only their own notifications."""

from django.urls import reverse

from cchc.notifications.models import Notification

from .conftest import bell


def test_nobody_reads_or_marks_another_persons_notifications(world, login, send):
    sent = send("report_due", [world.people.official], "k1", title="Quá hạn: việc A")
    (notification,) = sent.notifications
    client = login(world.people.focal)
    assert "Quá hạn: việc A" not in client.get("/notifications/").content.decode()
    assert client.post(f"/notifications/{notification.pk}/read/").status_code == 404
    client.post("/notifications/read-all/")
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_person_marks_their_own_notifications_read(world, login, send):
    send("report_due", [world.people.official], "k1", title="Quá hạn: việc A")
    send("report_due", [world.people.official], "k2", title="Sắp đến hạn: việc B")
    client = login(world.people.official)
    page = client.get("/notifications/").content.decode()
    assert "Quá hạn: việc A" in page and "Sắp đến hạn: việc B" in page
    first = Notification.objects.get(key="k1")
    assert client.get(f"/notifications/{first.pk}/read/").status_code == 405
    assert client.get("/notifications/read-all/").status_code == 405
    assert bell(client) == 2
    client.post(f"/notifications/{first.pk}/read/")
    assert bell(client) == 1
    client.post("/notifications/read-all/")
    assert bell(client) == 0


def test_open_reads_the_notification_and_goes_to_its_page_on_this_site_only(world, login, send):
    send("report_due", [world.people.focal], "here", url="/units/xa-a/dashboard/")
    send("report_due", [world.people.focal], "away", url="https://example.com/phish")
    client = login(world.people.focal)
    here, away = (Notification.objects.get(key=k) for k in ("here", "away"))
    response = client.post(f"/notifications/{here.pk}/read/", {"open": "1"})
    assert response["Location"] == "/units/xa-a/dashboard/"
    response = client.post(f"/notifications/{away.pk}/read/", {"open": "1"})
    assert response["Location"] == reverse("notifications:list")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_list_names_each_kind_by_the_label_its_app_registered(world, login, send):
    send("report_news", [world.people.focal], "news", title="Tin tuần")
    page = login(world.people.focal).get("/notifications/").content.decode()
    assert "Bản tin tuần" in page  # "Weekly digest", translated
