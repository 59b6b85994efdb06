"""The task page and the progress report cost the same number of queries however many reports,
evidence files and periods the task has (issue 17.7: the load test's slowest pages)."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.tracking import actions

from .conftest import pdf_bytes, upload


def _report(occurrence, by, n: int) -> None:
    actions.report_progress(
        occurrence,
        by=by,
        state="working",
        percent=40,
        note=f"Báo cáo {n}",
        evidence=[
            actions.EvidenceInput(
                file=upload(f"bc-{n}.pdf", pdf_bytes()),
                title="Báo cáo tiến độ",
                number=f"{n}/BC-UBND",
                issued_on=dt.date(2026, 3, 1),
            )
        ],
    )


def _queries(client, method: str, url: str, data=None) -> int:
    client.get(url if method == "get" else reverse("tracking:mine"))  # a warm session
    with CaptureQueriesContext(connection) as seen:
        response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    return len(seen)


def _report_form(n: int) -> dict:
    return {
        "state": "working",
        "percent": "60",
        "note": f"Đang làm {n}",
        "evidence_title": "Biên bản",
        "evidence_number": f"{n}/BB",
        "evidence_issued_on": "2026-03-02",
        "evidence_issuer": "UBND xã",
        "evidence_file": upload(f"bb-{n}.pdf", pdf_bytes()),
    }


def test_the_task_page_costs_the_same_queries_with_twelve_periods_of_reports(follow, world, login):
    official = world.people.official
    client = login(official)
    occurrences = list(follow.monthly.occurrences.order_by("due"))
    _report(occurrences[0], official, 0)
    url = reverse("tracking:task", args=[follow.monthly.pk]) + f"?occ={occurrences[0].pk}"
    few = _queries(client, "get", url)
    for n, occurrence in enumerate(occurrences, start=1):
        _report(occurrence, official, n)
        _report(occurrence, official, 100 + n)
    many = _queries(client, "get", url)
    assert len(occurrences) == 12
    assert many == few
    assert many <= 22


def test_a_progress_report_with_evidence_costs_the_same_queries_on_a_long_history(
    follow, world, login
):
    official = world.people.official
    client = login(official)
    occurrence = follow.monthly.occurrences.order_by("due").first()
    url = reverse("tracking:report", args=[occurrence.pk])
    few = _queries(client, "post", url, _report_form(1))
    for n in range(20):
        _report(occurrence, official, 200 + n)
    many = _queries(client, "post", url, _report_form(2))
    assert many == few
    # 18, and one to move the unit's own counter on (its dashboard's cache, decision 0102)
    assert many <= 19


def test_a_long_timeline_shows_its_newest_forty_events_and_links_to_the_whole(follow, world, login):
    official = world.people.official
    occurrence = follow.monthly.occurrences.order_by("due").first()
    for n in range(45):
        actions.report_progress(
            occurrence, by=official, state="working", percent=10 + n, note=f"Lần {n}"
        )
    url = reverse("tracking:task", args=[follow.monthly.pk]) + f"?occ={occurrence.pk}"
    client = login(official)
    response = client.get(url)
    notes = [e.text for e in response.context["timeline"] if e.kind == "update"]
    assert notes[0] == "Lần 44" and "Lần 5" in notes and "Lần 4" not in notes
    page = response.content.decode()
    assert "Đang hiện 40 diễn biến gần nhất." in page
    assert f"?occ={occurrence.pk}&amp;all=1#timeline-title" in page
    whole = client.get(url + "&all=1")
    notes = [e.text for e in whole.context["timeline"] if e.kind == "update"]
    assert notes[0] == "Lần 44" and notes[-1] == "Lần 0"
    assert "Xem toàn bộ diễn biến" not in whole.content.decode()


def _evidence_list(page: str) -> list[int]:
    """The report numbers in the selected period's evidence list, top to bottom."""
    listed = re.search(r'<ul class="[^"]*evidence-list">(.*?)</ul>', page, re.S).group(1)
    return [int(n) for n in re.findall(r"(\d+)/BC-UBND", listed)]


def test_a_long_evidence_list_shows_its_newest_twenty_files_and_links_to_all(follow, world, login):
    official = world.people.official
    occurrence = follow.monthly.occurrences.order_by("due").first()
    for n in range(22):
        _report(occurrence, official, n)
    url = reverse("tracking:task", args=[follow.monthly.pk]) + f"?occ={occurrence.pk}"
    client = login(official)
    page = client.get(url).content.decode()
    assert _evidence_list(page) == list(range(21, 1, -1))  # the newest 20, newest first
    assert "Đang hiện 20 minh chứng gần nhất." in page
    assert f'<a href="?occ={occurrence.pk}&amp;all=1#report">Xem tất cả minh chứng</a>' in page
    whole = client.get(url + "&all=1").content.decode()
    assert _evidence_list(whole) == list(range(21, -1, -1))
    assert "Xem tất cả minh chứng" not in whole


def test_a_short_evidence_list_is_shown_whole_without_a_link(follow, world, login):
    official = world.people.official
    occurrence = follow.monthly.occurrences.order_by("due").first()
    for n in range(3):
        _report(occurrence, official, n)
    url = reverse("tracking:task", args=[follow.monthly.pk]) + f"?occ={occurrence.pk}"
    page = login(official).get(url).content.decode()
    assert _evidence_list(page) == [2, 1, 0]
    assert "Xem tất cả minh chứng" not in page


def test_the_whole_evidence_list_is_refused_to_another_communes_user(follow, world, login):
    official = world.people.official
    occurrence = follow.monthly.occurrences.order_by("due").first()
    for n in range(22):
        _report(occurrence, official, n)
    url = reverse("tracking:task", args=[follow.monthly.pk]) + f"?occ={occurrence.pk}&all=1"
    response = login(world.people.outsider).get(url)
    assert response.status_code == 404
    assert "BC-UBND" not in response.content.decode()
