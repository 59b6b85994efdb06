"""The reports waiting for a leader or an upper level on the page they land on (decision
0161): the unit's late report on the leader's dashboard; on the upper level's comparison the
units that have not sent the report last due, and the reports sent up awaiting review."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.reports import actions, schedule
from cchc.reports.awaiting import period_name
from cchc.reports.models import Report

pytestmark = pytest.mark.django_db


def test_the_leaders_dashboard_names_the_units_late_report(world, login):
    today = timezone.localdate()
    report = actions.open_report(world.commune, "year", today.year, by=world.people.focal)
    Report.objects.filter(pk=report.pk).update(
        end=today - dt.timedelta(days=10), due=today - dt.timedelta(days=5)
    )
    page = (
        login(world.people.leader)
        .get(reverse("tracking:dashboard", args=["xa-a"]))
        .content.decode()
    )
    due = (today - dt.timedelta(days=5)).strftime("%d/%m/%Y")
    assert f"Báo cáo năm {today.year}: chưa nộp, đã quá hạn (hạn {due})" in page
    assert f'href="{report.get_absolute_url()}"' in page


def _last_due_url(world):
    kind, year = schedule.last_due(timezone.localdate())
    url = f"{reverse('reports:unit', args=['thanh-pho'])}?year={year}&amp;kind={kind}"
    return kind, year, url


def test_the_upper_level_sees_how_many_units_have_not_reported(world, login):
    kind, year, url = _last_due_url(world)
    page = login(world.people.district).get("/", follow=True).content.decode()
    assert f"2/2 đơn vị chưa nộp báo cáo {period_name(kind, year)}" in page
    assert f'href="{url}"' in page


def test_the_upper_level_sees_the_reports_awaiting_its_review(world, login):
    kind, year, url = _last_due_url(world)
    for unit, status in ((world.commune, "accepted"), (world.other, "submitted")):
        report = actions.open_report(unit, kind, year, by=None)
        Report.objects.filter(pk=report.pk).update(status=status)
    old = actions.open_report(world.commune, "q1", year - 2, by=None)  # never reviewed
    Report.objects.filter(pk=old.pk).update(status="submitted")
    page = login(world.people.district).get("/", follow=True).content.decode()
    assert f"1 báo cáo {period_name(kind, year)} chờ anh/chị xem xét" in page
    assert f'href="{url}"' in page
    assert f"1 báo cáo quý I năm {year - 2} chờ anh/chị xem xét" in page
    assert "đơn vị chưa nộp báo cáo" not in page  # both sent it


def test_the_reports_of_the_units_below_open_on_the_report_last_due(world, login):
    kind, year = schedule.last_due(timezone.localdate())
    response = login(world.people.district).get(
        reverse("reports:unit", args=["thanh-pho"]), {"year": year}
    )
    assert response.context["kind"] == kind
    assert f'<option value="{kind}" selected>' in response.content.decode()


def test_a_period_is_named_in_a_sentence_as_the_reports_title_names_it():
    assert [period_name(kind, 2026) for kind in schedule.KINDS] == [
        "quý I năm 2026",
        "6 tháng đầu năm 2026",
        "9 tháng năm 2026",
        "năm 2026",
    ]
    assert all(period_name(kind, 2026) in schedule.KINDS[kind][1](2026) for kind in schedule.KINDS)
