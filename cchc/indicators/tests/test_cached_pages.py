"""The indicator page is served from the cache while no dossier figure has changed (decision
0101): never to someone who may not see the unit, never another unit's, and refreshed by an
import. The data are test_pages.py's: Thạnh Tân (xa-a) 2 of 3 dossiers on time in 2024,
Phường 2 (xa-b) 3 of 3."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from cchc.core import freshness
from cchc.dossiers.saving import import_dossiers
from cchc.indicators import targets, views
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking.models import Occurrence
from cchc.tracking.schedule import sync_plan

from .test_pages import data, dossier, page, text_of
from .test_targets import _dossiers, measured_plan

__all__ = ["data", "measured_plan"]  # the fixtures, used by name


def test_a_cached_page_is_not_served_to_someone_who_may_not_see_the_unit(data, login):
    warm = page(login(data.people.focal), data.commune, period="2024")
    assert "66,67%" in text_of(warm)  # Thạnh Tân's on-time rate, now in the cache

    client = login(data.people.outsider)  # Phường 2's focal point
    refused = page(client, data.commune, period="2024")
    assert refused.status_code == 404
    assert "66,67%" not in refused.content.decode()
    # their own unit's page, same period, shows their own figures, not the cached ones
    own = text_of(page(client, data.other, period="2024"))
    assert "100%" in own and "3 / 3" in own
    assert "66,67%" not in own and "2 / 3" not in own


def test_the_second_visit_is_served_without_computing_the_tables(data, login, monkeypatch):
    client = login(data.people.focal)
    first = page(client, data.commune, period="2024")

    def not_again(*args, **kwargs):
        raise AssertionError("the tables were computed again")

    monkeypatch.setattr(views, "build_tables", not_again)
    second = page(client, data.commune, period="2024")
    assert second.status_code == 200
    assert text_of(second) == text_of(first)
    # another period is another entry
    with pytest.raises(AssertionError, match="computed again"):
        page(client, data.commune, period="2024-q1")


def test_an_import_shows_on_the_next_visit(data, login):
    client = login(data.people.focal)
    assert "2 / 3" in text_of(page(client, data.commune, period="2024"))
    outcome = import_dossiers([dossier("A4", "xa-a", "2024-05-06", "2024-05-10", "2024-05-07")])
    assert outcome.saved
    shown = text_of(page(client, data.commune, period="2024"))
    assert "3 / 4" in shown and "75%" in shown


def test_a_progress_report_moves_the_public_counter_only(data):
    task = TaskFactory(plan=PlanFactory(unit=data.commune, year=2024), due=dt.date(2024, 3, 31))
    sync_plan(task.plan)
    occurrence = Occurrence.objects.get(task=task)
    before = freshness.generation(freshness.ALL), freshness.generation(freshness.DOSSIER_FIGURES)
    occurrence.percent = 40
    occurrence.save()
    after = freshness.generation(freshness.ALL), freshness.generation(freshness.DOSSIER_FIGURES)
    assert after[0] == before[0] + 1  # the public page shows plan progress
    assert after[1] == before[1]  # no indicator changed


def test_a_dashboards_targets_follow_an_import_and_a_changed_goal_at_once(measured_plan):
    plan, target = measured_plan
    day = dt.date(2024, 6, 30)
    first = targets.progress_of_plan(plan, day)[target.pk]  # its figures are now in the cache
    assert (first.numerator, first.denominator) == (510, 600)
    assert first.status == targets.AT_RISK  # 85% now, 90.83% projected, against 90%

    target.value = Decimal(80)  # the goal is read live, not from the cache
    target.save()
    assert targets.progress_of_plan(plan, day)[target.pk].status == targets.MET

    june = [replace(r, code=f"{r.code}-b") for r in _dossiers("xa-a", 6, 100, 0)]
    assert import_dossiers(june).saved
    again = targets.progress_of_plan(plan, day)[target.pk]
    assert (again.numerator, again.denominator) == (610, 700)
