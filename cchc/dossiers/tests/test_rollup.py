"""The monthly roll-up gives the same sums as the facts it summarises, on generated dossiers,
after a first import, after a re-import that moves, re-dates, refuses and finishes dossiers,
and after the catalogue changes a procedure's flags."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from django.urls import reverse

from cchc.dossiers import facts, rollup
from cchc.dossiers.models import MonthRollup, Procedure
from cchc.dossiers.saving import import_dossiers, import_procedures
from cchc.indicators import engine
from cchc.periods import calendar_periods
from cchc.testing.generated import generate

pytestmark = pytest.mark.django_db


def windows() -> list[tuple[dt.date, dt.date]]:
    found = [(p.start, p.end) for year in (2024, 2025) for p in calendar_periods(year)]
    return [*found, (dt.date(2024, 11, 1), dt.date(2025, 2, 28))]


def assert_same(units) -> None:
    checked = 0
    for unit in units:
        paths = engine.scope_paths(unit)
        for start, end in windows():
            expected = facts.window_sums(paths, start, end, per_unit=True)
            found = rollup.window_sums(paths, start, end, per_unit=True)
            where = f"{unit.code} {start}..{end}"
            assert found.total == expected.total, where
            assert found.by_unit == expected.by_unit, where
            assert found.fee_used == expected.fee_used, where
            assert found.fee_paid == expected.fee_paid, where
            whole = rollup.window_sums(paths, start, end)  # the union only, as engine reads it
            assert whole.total == expected.total, where
            for name in ("fee_used", "fee_paid"):
                assert rollup.union(getattr(whole, name).values()) == rollup.union(
                    getattr(expected, name).values()
                ), where
            checked += bool(expected.total.get("received"))
    assert checked > 100  # the windows did hold dossiers


@pytest.fixture
def generated():
    made = generate()
    import_procedures(made.procedures)
    assert import_dossiers(made.dossiers).saved
    return made


def test_the_rollup_equals_the_facts_after_an_import(generated):
    assert_same(generated.units)
    # each unit-month holds a handful of rows, not one per dossier or procedure
    assert MonthRollup.objects.count() < len(generated.dossiers) / 3


def test_the_rollup_follows_a_reimport_that_moves_redates_and_refuses(generated):
    rng = random.Random(5)
    codes = [u.code for u in generated.units]
    changed = []
    for record in rng.sample(generated.dossiers, 400):
        changed.append(
            dataclasses.replace(
                record,
                unit_code=rng.choice(codes),
                received=record.received - dt.timedelta(days=rng.choice([0, 20, 45])),
                status=rng.choice([3, 10, None]),
                processing_ended=rng.choice([None, record.due + dt.timedelta(days=2)]),
            )
        )
    assert import_dossiers(changed, allow_move=True).saved
    assert_same(generated.units)


def test_the_rollup_follows_a_catalogue_that_changes_flags(generated):
    flipped = [
        dataclasses.replace(
            p,
            has_fee=not p.has_fee,
            returns_document=not p.returns_document,
            full_online_eligible=not p.full_online_eligible,
        )
        for p in generated.procedures[:6]
    ]
    assert import_procedures(flipped).updated == 6
    assert_same(generated.units)


def test_the_rollup_follows_a_procedure_edited_in_the_admin(generated, client, admin_user):
    procedure = Procedure.objects.get(code=generated.procedures[0].code)
    before = rollup.window_sums(
        engine.scope_paths(generated.units[0]), dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    ).total["document_dossiers"]
    client.force_login(admin_user)
    form = {
        "code": procedure.code,
        "name": procedure.name,
        "returns_document": "" if procedure.returns_document else "on",
        "full_online_eligible": "on" if procedure.full_online_eligible else "",
        "has_fee": "on" if procedure.has_fee else "",
        "payment_integrated": "on" if procedure.payment_integrated else "",
    }
    response = client.post(reverse("admin:dossiers_procedure_change", args=[procedure.pk]), form)
    assert response.status_code == 302
    after = rollup.window_sums(
        engine.scope_paths(generated.units[0]), dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    ).total["document_dossiers"]
    assert after != before
    assert_same(generated.units)


def test_a_window_that_cuts_months_is_read_from_the_facts(generated):
    paths = engine.scope_paths(generated.units[0])
    start, end = dt.date(2024, 3, 10), dt.date(2024, 5, 20)
    assert rollup.window_sums(paths, start, end).total == facts.window_sums(paths, start, end).total


def test_measures_of_the_rollup_are_those_of_the_facts():
    assert set(rollup.MEASURE_SQL) == set(facts.MEASURE_SQL)


def test_each_month_of_the_rollup_is_judged_at_its_end_like_the_facts(generated):
    checked = 0
    for unit in generated.units:
        paths = engine.scope_paths(unit)
        units = facts.unit_ids(paths)
        months = rollup.month_sums(units, dt.date(2024, 1, 1), dt.date(2025, 12, 1))
        for month in (dt.date(year, number, 1) for year in (2024, 2025) for number in range(1, 13)):
            end = facts.month_end(month)
            expected = facts.window_sums(paths, month, end, with_carried=False)
            sums, used, paid = months.get(month, ({}, 0, 0))
            where = f"{unit.code} {month:%Y-%m}"
            assert {k: v for k, v in sums.items() if v} == {
                k: v for k, v in (expected.total or {}).items() if v
            }, where
            assert used == rollup.union(expected.fee_used.values()), where
            assert paid == rollup.union(expected.fee_paid.values()), where
            checked += bool(sums.get("late")) and bool(sums.get("on_time"))
    assert checked > 20  # months with dossiers both on time and late at their end
