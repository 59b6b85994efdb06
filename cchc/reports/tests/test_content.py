"""The report writes itself: Thạnh Tân's Q1/2024 figures are those of `cchc indicators` and
of its tasks over the plan's window; the text people write survives regenerating."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.core.management import call_command

from cchc.reports import actions, content
from cchc.reports import document as word
from cchc.reports.models import Report
from cchc.tracking.models import Occurrence

from .conftest import done, signed_draft


def run(*args) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_q1_2024_takes_the_window_and_due_date_of_seed_000(thanh_tan):
    report = actions.open_report(
        thanh_tan.world.commune, "q1", 2024, by=thanh_tan.world.people.focal
    )
    assert (report.start, report.end, report.due) == (
        dt.date(2023, 12, 15),
        dt.date(2024, 2, 29),
        dt.date(2024, 3, 11),
    )


def test_every_figure_equals_cchc_indicators_and_the_task_counts_of_the_window(thanh_tan):
    report = run("report", "--unit", "xa-a", "--period", "2024-Q1")
    assert report["window"] == {"from": "2023-12-15", "to": "2024-02-29"}
    assert report["due"] == "2024-03-11"
    indicators = run(
        "indicators",
        "--unit",
        "xa-a",
        "--from",
        "2023-12-15",
        "--to",
        "2024-02-29",
        "--format",
        "json",
    )
    assert report["indicators"] == indicators["indicators"]
    received = next(v for k, v in report["indicators"].items() if v["denominator"] == 3)
    assert received  # A1, A2, A3: three dossiers of Thạnh Tân in the window
    # tasks: every live occurrence due in the window; one reported done on 5/1/2024; the one
    # reported done on 5/3/2024 was not done when the window closed
    due = Occurrence.objects.live().filter(
        plan=thanh_tan.plan, due__gte=dt.date(2023, 12, 15), due__lte=dt.date(2024, 2, 29)
    )
    passed = due.filter(due__lt=dt.date(2024, 2, 29)).count()
    assert report["tasks"]["planned"] == due.count() == len(thanh_tan.in_window)
    assert report["tasks"]["done"] == 1
    assert report["tasks"]["late"] == passed - 1
    assert report["tasks"]["in_progress"] == due.count() - passed
    assert report["status"] == "not_started"


def test_content_frozen_before_the_letterhead_keeps_its_header_line(thanh_tan):
    # a report submitted before 7/12/2026 stored the level above as "parent"
    world = thanh_tan.world
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    frozen = content.content_of(report)
    header = {k: v for k, v in frozen["header"].items() if k != "issuer_upper"}
    frozen["header"] = {**header, "parent": "THÀNH PHỐ TÂY NINH", "issuer": "UBND XÃ THẠNH TÂN"}
    written = word.document_content(frozen)["header"]
    assert (written["issuer_upper"], written["issuer"]) == (
        "THÀNH PHỐ TÂY NINH",
        "UBND XÃ THẠNH TÂN",
    )


def test_the_draft_has_the_parts_of_a_report(thanh_tan):
    world = thanh_tan.world
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    data = content.assemble(report)
    assert data["header"]["title"] == "Báo cáo công tác cải cách hành chính quý I năm 2024"
    assert data["header"]["issuer_upper"] == "ỦY BAN NHÂN DÂN"
    assert data["header"]["issuer"] == "XÃ THẠNH TÂN" and data["header"]["place"] == "Thạnh Tân"
    assert any("Kế hoạch" in basis for basis in data["legal_bases"])
    areas = [a["area"] for a in data["areas"]]
    assert areas and len(areas) == len(set(areas))
    done_rows = [t for a in data["areas"] for t in a["tasks"] if t["status"] == "done"]
    assert [t["title"] for t in done_rows] == [thanh_tan.in_window[0].task.title]
    assert all(t["due"] > "2024-02-29" for t in data["next_tasks"])
    assert data["recipients"][-1].startswith("Lưu")
    document = word.document_content(content.content_of(report))
    assert set(document) == {
        "header",
        "title",
        "subtitle",
        "legal_bases",
        "sections",
        "recipients",
        "signer",
        "appendix",
    }
    assert document["subtitle"] == "Công tác cải cách hành chính quý I năm 2024"
    assert all(b.startswith("Căn cứ ") and b.endswith(";") for b in document["legal_bases"])
    headings = [s["heading"] for s in document["sections"]]
    assert headings[0].startswith("I.") and any(h.startswith("V.") for h in headings)
    appendix = document["appendix"]
    assert appendix[0]["rows"] == [
        [
            str(data["tasks"]["planned"]),
            "1",
            str(data["tasks"]["in_progress"]),
            str(data["tasks"]["late"]),
        ]
    ]


def test_regenerating_the_figures_keeps_what_people_wrote(thanh_tan):
    world = thanh_tan.world
    report = signed_draft(world, "12/BC-UBND", {"achievements": "Hoàn thành đúng hạn."})
    before = content.content_of(Report.objects.get(pk=report.pk))
    done(thanh_tan.in_window[2], world.people.focal, "2024-02-01")
    after = content.content_of(Report.objects.get(pk=report.pk))
    assert after["tasks"]["done"] == before["tasks"]["done"] + 1
    assert after["narrative"]["achievements"] == "Hoàn thành đúng hạn."
    assert after["header"]["number"] == "12/BC-UBND"
    assert after["header"]["date_text"] == "ngày 08 tháng 03 năm 2024"
