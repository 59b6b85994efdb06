"""The search box finds tasks, plans, targets and evidence by number, only within scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc.evidence.actions import attach
from cchc.plans.choices import PlanStatus
from cchc.testing.factories import PlanFactory, TargetFactory, TaskFactory
from cchc.tracking.models import ProgressUpdate
from cchc.tracking.schedule import sync_plan


def _plan(unit, number, title, **extra):
    return PlanFactory(
        unit=unit, year=2025, number=number, title=title, status=PlanStatus.ISSUED, **extra
    )


def _evidence(plan, task, number, title):
    sync_plan(plan)
    update = ProgressUpdate.objects.create(
        occurrence=task.occurrences.first(), state="working", percent=50
    )
    return attach(
        update, unit=plan.unit, by=None, title=title, number=number, issued_on=dt.date(2025, 3, 1)
    )


@pytest.fixture
def found(world):
    mine = _plan(world.commune, "45/KH-UBND", "Kế hoạch cải cách hành chính năm 2025")
    theirs = _plan(world.other, "46/KH-UBND", "Kế hoạch cải cách hành chính phường 2")
    task = TaskFactory(plan=mine, title="Số hóa hồ sơ thủ tục hành chính")
    other_task = TaskFactory(plan=theirs, title="Số hóa hồ sơ của phường")
    TargetFactory(plan=mine, text="Tỷ lệ hồ sơ được số hóa đạt 100%")
    TargetFactory(plan=theirs, text="Tỷ lệ hồ sơ được số hóa của phường")
    _evidence(mine, task, "12/BC-UBND", "Báo cáo số hóa của xã")
    _evidence(theirs, other_task, "13/BC-UBND", "Báo cáo số hóa của phường")
    return mine


def search(client, q):
    return client.get(reverse("basics:search"), {"q": q})


def test_results_in_sections_within_the_users_scope(found, world, login):
    page = search(login(world.people.official), "số hóa").content.decode()
    assert "Số hóa hồ sơ thủ tục hành chính" in page
    assert "Tỷ lệ hồ sơ được số hóa đạt 100%" in page
    assert "Báo cáo số hóa của xã" in page
    # Phường 2 is another commune: none of its rows
    assert "của phường" not in page
    for heading in ("Nhiệm vụ", "Kế hoạch", "Chỉ tiêu", "Văn bản minh chứng"):
        assert heading in page


def test_evidence_and_plans_by_document_number(found, world, login):
    client = login(world.people.focal)
    page = search(client, "12/BC").content.decode()
    assert "Báo cáo số hóa của xã" in page
    assert "Báo cáo số hóa của phường" not in search(client, "13/BC").content.decode()
    assert "Kế hoạch cải cách hành chính năm 2025" in search(client, "45/KH").content.decode()


def test_the_upper_level_finds_the_communes_below(found, world, login):
    page = search(login(world.people.district), "13/BC-UBND").content.decode()
    assert "Báo cáo số hóa của phường" in page


def test_a_one_letter_query_asks_for_more(found, world, login):
    page = search(login(world.people.official), "s").content.decode()
    assert "Hãy gõ ít nhất 2 ký tự" in page
    assert "Số hóa hồ sơ thủ tục hành chính" not in page


def test_search_needs_sign_in_and_get(found, world, client, login):
    assert search(client, "số hóa").status_code == 302
    assert login(world.people.official).post(reverse("basics:search")).status_code == 405


def test_search_stays_within_its_query_budget(found, world, login, django_assert_max_num_queries):
    for i in range(30):
        TaskFactory(plan=found, title=f"Số hóa lần {i}")
    client = login(world.people.district)
    search(client, "số hóa")
    # session, user, scope (2), one query per kind (4), menu and bell (2): not one per row
    with django_assert_max_num_queries(10):
        response = search(client, "số hóa")
    assert response.status_code == 200
