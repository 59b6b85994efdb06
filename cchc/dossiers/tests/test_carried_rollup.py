"""The dossiers carried over into a window of whole months, summed from the roll-up
(`MonthFinished`), are those the scan of the dossiers (`facts.carried`) finds: on generated
data, on dossiers at the edges of the rule (received on the 1st at 00:00, finished exactly at
a month's first 00:00 or a second before, finished only by the return of the result, without
a date, refused at intake, never finished), after re-imports that change finish dates, and
for windows in years after the data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from cchc.dossiers import facts, rollup
from cchc.dossiers.models import Dossier, MonthFinished
from cchc.dossiers.records import DossierRecord
from cchc.dossiers.saving import import_dossiers, import_procedures
from cchc.org.choices import UnitKind
from cchc.periods import calendar_periods
from cchc.testing.factories import UnitFactory
from cchc.testing.generated import VN, generate

pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0):
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=VN)


def edge_dossiers(procedure: str) -> list[DossierRecord]:
    """A unit of its own ("ge") with one dossier per edge of the rule."""

    def record(code: str, received: dt.datetime, **fields) -> DossierRecord:
        fields.setdefault("due", received + dt.timedelta(days=10))
        return DossierRecord(0, code, procedure, "ge", received, **fields)

    return [
        # received on April 1st 00:00 and never finished: carried from May on, late from
        # April 12 (its appointment is April 11 00:00)
        record("E-ON-THE-1ST", at(2024, 4, 1), status=4),
        # finished at March 1st 00:00 exactly: still being handled when March opens
        record("E-AT-BOUNDARY", at(2024, 2, 10, 9), processing_ended=at(2024, 3, 1), status=10),
        # finished a second before: not carried into March
        record(
            "E-SECOND-BEFORE",
            at(2024, 2, 10, 9),
            processing_ended=at(2024, 2, 29, 23, 59, 59),
            status=10,
        ),
        # finished (status) without any date: never carried
        record("E-NO-DATE", at(2024, 2, 10, 9), status=10),
        # refused at intake: never counted
        record("E-REFUSED", at(2024, 2, 10, 9), status=3),
        # ended only by its return, on April 1st 00:30 local (March 31st in UTC), on time
        record(
            "E-RETURNED",
            at(2024, 2, 12, 9),
            due=at(2024, 6, 1),
            returned=at(2024, 4, 1, 0, 30),
            status=10,
        ),
    ]


@pytest.fixture
def generated():
    made = generate()
    UnitFactory(code="ge", name="Xã Biên", kind=UnitKind.COMMUNE, parent=made.units[0])
    import_procedures(made.procedures)
    made.dossiers += edge_dossiers(made.procedures[0].code)
    assert import_dossiers(made.dossiers).saved
    return made


def month_windows(first_year: int, last_year: int) -> list[tuple[dt.date, dt.date]]:
    return [
        (p.start, p.end)
        for year in range(first_year, last_year + 1)
        for p in calendar_periods(year)
        if p.start.day == 1
    ]


def many_windows() -> list[tuple[dt.date, dt.date]]:
    """Months, quarters, halves and years from before the data to years after it, and
    windows spanning years."""
    return [
        *month_windows(2023, 2027),
        (dt.date(2023, 12, 1), dt.date(2024, 1, 31)),
        (dt.date(2024, 11, 1), dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 1), dt.date(2030, 12, 31)),
    ]


def all_units() -> list[int]:
    return sorted(Dossier.objects.values_list("unit_id", flat=True).distinct())


def assert_same_as_the_scan(windows) -> None:
    units = all_units()
    expected = facts.carried(units, windows)
    assert rollup.carried(units, windows) == expected
    # summed over the units, as a unit's monthly table reads them
    for counts, by_unit in zip(
        rollup.carried(units, windows, per_unit=False), expected, strict=True
    ):
        assert counts == (
            {
                0: {
                    name: sum(c[name] for c in by_unit.values())
                    for name in ("carried", "carried_on_time")
                }
            }
            if by_unit
            else {}
        )
    for unit_id in units:  # one unit at a time, as a commune's page reads it
        assert rollup.carried([unit_id], windows) == facts.carried([unit_id], windows)
    for index, window in enumerate(windows[::7]):  # one window at a time, as a page reads it
        assert rollup.carried(units, [window]) == [expected[index * 7]], window
    assert sum(bool(found) for found in expected) > 20  # the windows did hold carried dossiers


def test_the_rollup_gives_the_carried_dossiers_of_the_scan(generated):
    assert_same_as_the_scan(many_windows())
    # fewer rows than dossiers even at 12 dossiers per unit and month (a million dossiers:
    # decision 0099)
    assert MonthFinished.objects.count() < len(generated.dossiers) / 2


def test_the_edge_dossiers_are_carried_as_the_rule_says(generated):
    unit = Dossier.objects.get(code="E-RETURNED").unit_id

    def carried(start: dt.date, end: dt.date) -> dict[str, int]:
        return rollup.carried([unit], [(start, end)])[0].get(unit, {})

    march, april = (
        (dt.date(2024, 3, 1), dt.date(2024, 3, 31)),
        (
            dt.date(2024, 4, 1),
            dt.date(2024, 4, 30),
        ),
    )
    # March: the one finished at its first 00:00 (late) and the one returned in April (on time)
    assert carried(*march) == {"carried": 2, "carried_on_time": 1}
    # April: the one received on April 1st is not carried into April; the returned one is
    assert carried(*april) == {"carried": 1, "carried_on_time": 1}
    # May and any later window: only the one never finished, late
    assert carried(dt.date(2024, 5, 1), dt.date(2024, 5, 31)) == {
        "carried": 1,
        "carried_on_time": 0,
    }
    assert carried(dt.date(2027, 1, 1), dt.date(2027, 12, 31)) == {
        "carried": 1,
        "carried_on_time": 0,
    }
    # received on April 1st 00:00 and due April 11th: carried into a window from April 2nd,
    # on time when it ends April 10th (a window cutting a month is scanned)
    assert carried(dt.date(2024, 4, 2), dt.date(2024, 4, 10)) == {
        "carried": 1,
        "carried_on_time": 1,
    }
    assert carried(dt.date(2024, 1, 1), dt.date(2024, 1, 31)) == {}


def test_a_reimport_that_changes_finish_dates_is_followed(generated):
    rng = random.Random(13)
    changed = []
    for record in rng.sample(generated.dossiers[:-6], 400):
        ended = rng.choice([None, record.received + dt.timedelta(days=rng.choice([1, 35, 70]))])
        changed.append(
            dataclasses.replace(
                record,
                received=record.received - dt.timedelta(days=rng.choice([0, 31])),
                status=rng.choice([4, 10, 3, None]),
                processing_ended=ended,
                returned=None,
            )
        )
    edges = {r.code: r for r in generated.dossiers[-6:]}
    # finished at March 1st 00:00 → finished on April 15th: now carried into March and April
    changed.append(
        dataclasses.replace(edges["E-AT-BOUNDARY"], processing_ended=at(2024, 4, 15, 10))
    )
    # returned on April 1st → ended on February 20th: carried into nothing any more
    changed.append(
        dataclasses.replace(edges["E-RETURNED"], processing_ended=at(2024, 2, 20), returned=None)
    )
    assert import_dossiers(changed).saved
    assert_same_as_the_scan(many_windows())
    unit = Dossier.objects.get(code="E-RETURNED").unit_id
    march = rollup.carried([unit], [(dt.date(2024, 3, 1), dt.date(2024, 3, 31))])[0][unit]
    april = rollup.carried([unit], [(dt.date(2024, 4, 1), dt.date(2024, 4, 30))])[0][unit]
    assert march == {"carried": 1, "carried_on_time": 0}
    assert april == {"carried": 1, "carried_on_time": 0}


def test_refresh_all_rebuilds_the_same_rows(generated):
    def rows():
        found = MonthFinished.objects.values_list("unit_id", "month", "ended", "bucket", "dossiers")
        return sorted(found, key=lambda row: (*row[:2], row[2] or dt.date.max, *row[3:]))

    kept = rows()
    MonthFinished.objects.all().delete()
    rollup.refresh_all()
    assert rows() == kept
    assert kept


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2023, 12, 1), dt.date(2025, 3, 31)), (dt.date(2024, 3, 10), dt.date(2024, 6, 20))],
)
def test_a_units_months_equal_the_facts_and_the_scan_month_by_month(generated, start, end):
    from cchc.dossiers import competence
    from cchc.indicators import engine
    from cchc.periods import window

    indicators = engine.definitions()
    assert engine.uses_carried(indicators)
    for unit in generated.units:
        found = engine.monthly(unit, start, end, indicators)
        catalogue = facts.catalogue_counts(competence.unit_levels(unit))
        for key, low, high in window(start, end).months():
            # the reference: the facts and dossiers, carried-over dossiers scanned
            sums = facts.window_sums(engine.scope_paths(unit), low, high)
            used = rollup.union(sums.fee_used.values())
            paid = rollup.union(sums.fee_paid.values())
            measures = engine._finish(sums.total, used, paid, catalogue)
            expected = {d.code: engine.evaluate(d, measures) for d in indicators}
            assert found[key] == expected, f"{unit.code} {key}"
