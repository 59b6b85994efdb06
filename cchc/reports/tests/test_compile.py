"""The upper level's compiled report: the sums of its units' reports, the late units, and
how many communes have done the tasks it assigned to them all."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.core.management import call_command

from cchc.plans.cascade import adopt_task
from cchc.reports import actions
from cchc.reports.compile import compiled
from cchc.testing.factories import PlanFactory, TaskFactory, UnitFactory, merge
from cchc.tracking.models import Occurrence
from cchc.tracking.schedule import sync_tasks

from .conftest import done


def report_json(code: str) -> dict:
    out = io.StringIO()
    call_command("report", "--unit", code, "--period", "2024-Q1", stdout=out)
    return json.loads(out.getvalue())


def test_the_compiled_city_report_equals_the_sum_of_its_communes(thanh_tan):
    world = thanh_tan.world
    draft = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    actions.submit(draft, by=world.people.focal)
    communes = [report_json("xa-a"), report_json("xa-b")]
    assert communes[0]["status"] == "submitted" and communes[1]["status"] == "not_started"
    # Phường 2 has no plan: the national window 15/12/2023 → 14/3/2024, due 20/3/2024
    assert communes[1]["window"] == {"from": "2023-12-15", "to": "2024-03-14"}
    data = compiled(world.district, "q1", 2024, today=dt.date(2024, 3, 15))
    for key in ("planned", "done", "in_progress", "late"):
        assert data["total"]["tasks"][key] == sum(c["tasks"][key] for c in communes)
    for code, item in data["total"]["indicators"].items():
        numerator = sum(c["indicators"][code]["numerator"] for c in communes)
        denominator = sum(c["indicators"][code]["denominator"] for c in communes)
        assert (item["numerator"], item["denominator"]) == (numerator, denominator)
        if denominator:
            assert item["value"] == round(100 * numerator / denominator, 2)
    received = max(item["denominator"] for item in data["total"]["indicators"].values())
    assert received == 5  # A1, A2, A3 of Thạnh Tân; B1, B2 of Phường 2
    # Thạnh Tân submitted (after its due date of 11/3, as the test runs later); Phường 2's
    # due date 20/3 has not passed on 15/3
    assert data["late_units"] == ["Xã Thạnh Tân"]


def test_a_merged_commune_is_compiled_once_holding_its_predecessors_figures(thanh_tan, login):
    # Xã Thạnh Tân merged into Xã Mới on 1 March 2024, inside the first quarter's window
    world = thanh_tan.world
    new = UnitFactory(code="xa-moi", name="Xã Mới", parent=world.district)
    merge(world.commune, into=new, on=dt.date(2024, 3, 1))
    data = compiled(world.district, "q1", 2024, today=dt.date(2024, 3, 15))
    assert [row["unit"].code for row in data["rows"]] == ["xa-b", "xa-moi"]
    received = max(item["denominator"] for item in data["total"]["indicators"].values())
    # each dossier once: Phường 2's two and Xã Mới's four — Thạnh Tân's, over Xã Mới's own
    # window (no plan: the national 15/12–14/3, which takes A4 of 5 March too) — and not
    # Thạnh Tân's three again in a row of its own
    assert received == 6
    # the district's reports page lists the units in force, not the dissolved one as late
    page = login(world.people.district).get("/units/thanh-pho/reports/?kind=q1&year=2024")
    assert [row["unit"].code for row in page.context["below"]] == ["xa-b", "xa-moi"]


def test_the_compiled_report_says_how_many_communes_did_the_task_given_to_all(world):
    upper = PlanFactory(unit=world.district, year=2024, status="issued")
    given = TaskFactory(
        plan=upper,
        title="Số hóa kết quả giải quyết TTHC",
        leads=["UBND các xã, phường"],
        due=dt.date(2024, 2, 20),
    )
    TaskFactory(plan=upper, title="Tham mưu kế hoạch", leads=["Phòng Nội vụ"])
    own = PlanFactory(unit=world.commune, year=2024, status="issued")
    other = PlanFactory(unit=world.other, year=2024, status="issued")
    mine = adopt_task(given, own, by=world.people.focal)
    adopt_task(given, other, by=world.people.outsider)
    sync_tasks([mine, *other.tasks.all()])
    done(Occurrence.objects.get(task=mine), world.people.focal, "2024-02-10")
    data = compiled(world.district, "q1", 2024, today=dt.date(2024, 3, 1))
    assert [(r["title"], r["units"], r["adopted"], r["done"]) for r in data["cascade"]] == [
        ("Số hóa kết quả giải quyết TTHC", 2, 2, 1)
    ]


def test_the_upper_task_page_shows_how_many_communes_did_theirs(world, login):
    upper = PlanFactory(unit=world.district, year=2024, status="issued")
    given = TaskFactory(plan=upper, leads=["UBND các xã, phường"], due=dt.date(2024, 2, 20))
    own = PlanFactory(unit=world.commune, year=2024, status="issued")
    other = PlanFactory(unit=world.other, year=2024, status="issued")
    mine = adopt_task(given, own, by=world.people.focal)
    adopt_task(given, other, by=world.people.outsider)
    sync_tasks([mine])
    done(Occurrence.objects.get(task=mine), world.people.focal, "2024-02-10")
    page = login(world.people.district).get(f"/follow-up/tasks/{given.pk}/")
    assert "1/2 đơn vị đã nhận nhiệm vụ đã hoàn thành" in page.content.decode()
