"""The engine on small sets of dossiers whose expected figures are worked out by hand."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cchc.dossiers.models import DossierFact, Procedure
from cchc.dossiers.records import DossierRecord, ProcedureRecord
from cchc.dossiers.saving import import_dossiers, import_procedures
from cchc.indicators import engine
from cchc.indicators.tables import build_tables
from cchc.org.choices import SuccessionKind
from cchc.org.models import UnitSuccession
from cchc.periods import Period
from cchc.testing.factories import UnitFactory, merge

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), VN)


def dossier(code: str, unit: str = "xa-a", procedure: str = "1.001", **fields) -> DossierRecord:
    fields.setdefault("received", at("2024-03-04"))
    fields.setdefault("due", at("2024-03-08", 17))
    return DossierRecord(row=0, code=code, procedure_code=procedure, unit_code=unit, **fields)


@pytest.fixture
def catalogue(db):
    import_procedures(
        [
            ProcedureRecord(1, "1.001", "Đăng ký khai sinh", returns_document=True),
            ProcedureRecord(
                2,
                "2.002",
                "Cấp bản sao",
                has_fee=True,
                payment_integrated=True,
                full_online_eligible=True,
            ),
            ProcedureRecord(3, "3.003", "Chứng thực chữ ký", has_fee=True),
        ]
    )


def test_on_time_follows_the_contract_rules(world, catalogue):
    outcome = import_dossiers(
        [
            # finished before the appointment: on time
            dossier("A", processing_ended=at("2024-03-07"), status=10),
            # finished after the appointment, with an apology: late
            dossier("B", processing_ended=at("2024-03-11"), status=10, apology=True),
            # finished late on the calendar, but 3 days waiting for a supplement: on time
            dossier(
                "C",
                processing_ended=at("2024-03-10"),
                status=9,
                supplements=1,
                supplement_requested=at("2024-03-05"),
                supplement_supplied=at("2024-03-08"),
            ),
            # a second supplement request: late whatever the dates
            dossier("D", processing_ended=at("2024-03-05"), status=10, supplements=2),
            # unfinished, appointment 8/3 17:00: on time for a window ending 7/3 (judged at
            # 7/3 23:59:59), late for one ending 8/3 (23:59:59 is past 17:00)
            dossier("E", status=4),
            # refused at intake: not counted at all
            dossier("F", status=3),
            # finished with no end date: late
            dossier("G", status=10),
        ]
    )
    assert outcome.saved and outcome.created == 7

    march_7 = engine.values(world.commune, dt.date(2024, 3, 1), dt.date(2024, 3, 7))
    assert march_7["dossiers_received"].numerator == 6
    assert march_7["on_time_rate"].as_dict() == {"numerator": 3, "denominator": 6, "value": 50.0}
    assert march_7["late_apology_rate"].as_dict() == {
        "numerator": 1,
        "denominator": 3,
        "value": 33.33,
    }

    march_8 = engine.values(world.commune, dt.date(2024, 3, 1), dt.date(2024, 3, 8))
    assert (march_8["on_time_rate"].numerator, march_8["on_time_rate"].denominator) == (2, 6)


def test_rates_without_a_denominator_have_no_value(world, catalogue):
    import_dossiers([dossier("A", processing_ended=at("2024-03-07"), status=10)])
    result = engine.values(world.commune, dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    # procedure 1.001 is not fee-charging: no dossier carries a fee
    assert result["online_payment_rate"].as_dict() == {
        "numerator": 0,
        "denominator": 0,
        "value": None,
    }
    nothing = engine.values(world.commune, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert nothing["on_time_rate"].value is None


def test_catalogue_and_channel_rates(world, catalogue):
    import_dossiers(
        [
            dossier(
                "A", procedure="2.002", channel=2, full_online=True, has_fee=True, paid_online=1
            ),
            dossier("B", procedure="2.002", channel=1, has_fee=True),
            dossier("C", procedure="3.003", channel=3, has_fee=True, paid_online=2),
            dossier("D", procedure="1.001", e_result=True, digitised=True, reused=True),
            dossier("E", procedure="1.001", digitised=True),
        ]
    )
    result = engine.values(world.commune, dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    pairs = {code: (v.numerator, v.denominator) for code, v in result.items()}
    assert pairs["online_submission_rate"] == (1, 5)
    assert pairs["full_online_rate"] == (1, 2)  # only 2.002 is eligible
    assert pairs["online_payment_rate"] == (2, 3)
    assert pairs["payment_procedures_rate"] == (1, 2)  # 2.002 integrated, 3.003 not
    assert pairs["payment_used_procedures_rate"] == (2, 2)
    assert pairs["e_result_rate"] == (1, 2)  # 1.001 returns a document
    # D is digitised with an e-result; E is digitised but its document is on paper;
    # nothing else is digitised.
    assert pairs["digitisation_rate"] == (1, 5)
    assert pairs["reuse_rate"] == (1, 5)


def test_upper_levels_sum_numerators_and_denominators(world, catalogue):
    import_dossiers(
        [
            dossier("A1", unit="xa-a", processing_ended=at("2024-03-07"), status=10),
            dossier("A2", unit="xa-a", processing_ended=at("2024-03-20"), status=10),
            dossier("A3", unit="xa-a", processing_ended=at("2024-03-06"), status=10),
            dossier("B1", unit="xa-b", processing_ended=at("2024-03-20"), status=10),
        ]
    )
    window = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    district = engine.values(world.district, *window)["on_time_rate"]
    assert (district.numerator, district.denominator, district.value) == (2, 4, 50.0)
    rows = dict(
        (unit.code, values["on_time_rate"])
        for unit, values in engine.children(world.district, *window)
    )
    assert (rows["xa-a"].numerator, rows["xa-a"].denominator) == (2, 3)
    assert (rows["xa-b"].numerator, rows["xa-b"].denominator) == (0, 1)
    # the average of 66.67% and 0% would be 33.33%: the roll-up is not an average
    assert district.value != round((rows["xa-a"].value + rows["xa-b"].value) / 2, 2)


def test_windows_cutting_months_read_the_edge_days(world, catalogue):
    import_dossiers(
        [
            dossier(
                "M14",
                received=at("2024-03-14"),
                due=at("2024-03-20"),
                status=10,
                processing_ended=at("2024-03-15"),
            ),
            dossier(
                "M15",
                received=at("2024-03-15"),
                due=at("2024-03-20"),
                status=10,
                processing_ended=at("2024-03-15"),
            ),
            dossier(
                "A02",
                received=at("2024-04-02"),
                due=at("2024-04-05"),
                status=10,
                processing_ended=at("2024-04-04"),
            ),
            dossier(
                "J01",
                received=at("2024-06-01"),
                due=at("2024-06-05"),
                status=10,
                processing_ended=at("2024-06-04"),
            ),
        ]
    )
    window = engine.values(world.commune, dt.date(2024, 3, 15), dt.date(2024, 5, 31))
    assert window["dossiers_received"].numerator == 2  # M15 and A02


def test_reimporting_a_changed_dossier_corrects_the_facts(world, catalogue):
    first = dossier("A", processing_ended=at("2024-03-20"), status=10)
    import_dossiers([first])
    again = import_dossiers([dossier("A", processing_ended=at("2024-03-20"), status=10)])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)

    moved = dossier(
        "A",
        received=at("2024-04-02"),
        due=at("2024-04-09"),
        processing_ended=at("2024-04-05"),
        status=10,
    )
    changed = import_dossiers([moved])
    assert (changed.created, changed.updated) == (0, 1)
    march = engine.values(world.commune, dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    april = engine.values(world.commune, dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    assert march["dossiers_received"].denominator == 0
    assert april["on_time_rate"].as_dict() == {"numerator": 1, "denominator": 1, "value": 100.0}
    assert DossierFact.objects.count() == 1


def test_unknown_units_save_nothing_and_unknown_procedures_are_added(world, catalogue):
    outcome = import_dossiers([dossier("A"), dossier("B", unit="khong-co")])
    assert not outcome.saved
    assert [(e.row, e.column) for e in outcome.errors] == [(0, "MaDonVi")]
    assert not DossierFact.objects.exists()

    outcome = import_dossiers([dossier("A", procedure="9.999")])
    assert outcome.saved
    assert Procedure.objects.get(code="9.999").unclassified
    assert outcome.warnings


def test_a_merged_commune_carries_its_predecessors_dossiers_on_every_path(world, catalogue):
    merged = UnitFactory(code="xa-moi", name="Xã Mới", parent=world.district)
    UnitSuccession.objects.create(
        predecessor=world.commune,
        successor=merged,
        kind=SuccessionKind.MERGE,
        effective_on="2025-07-01",
    )
    import_dossiers(
        [
            dossier("A1", unit="xa-a", processing_ended=at("2024-03-07"), status=10),
            dossier("A2", unit="xa-a", processing_ended=at("2024-03-20"), status=10),
            dossier("N1", unit="xa-moi", processing_ended=at("2024-03-05"), status=10),
            dossier("B1", unit="xa-b", processing_ended=at("2024-03-20"), status=10),
        ]
    )
    window = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))

    def pair(value):
        return (value.numerator, value.denominator)

    # the new commune's figure holds the old commune's two dossiers and its own, not Phường 2's
    assert pair(engine.values(merged, *window)["on_time_rate"]) == (2, 3)
    assert pair(engine.monthly(merged, *window)["2024-03"]["on_time_rate"]) == (2, 3)
    assert pair(engine.values(world.other, *window)["on_time_rate"]) == (0, 1)
    # the indicator page reads its total from the breakdown: the same figure as values()
    for unit in (merged, world.district, world.province):
        expected = engine.values(unit, *window)
        assert engine.breakdown(unit, *window).total == expected
        tables = build_tables(unit, Period("2024-03", *window, "Tháng 3/2024"))
        assert {row.definition.code: row.total for row in tables.rows} == expected


def test_the_overview_gives_what_the_breakdown_and_the_months_give_apart(world, catalogue):
    # a province's pages read the scope once for both (decision 0125): the same figures,
    # fee procedures used and paid online included, across a merger and for a cut window
    merged = UnitFactory(code="xa-moi", name="Xã Mới", parent=world.district)
    UnitSuccession.objects.create(
        predecessor=world.other,
        successor=merged,
        kind=SuccessionKind.MERGE,
        effective_on="2025-07-01",
    )
    paid = {"procedure": "2.002", "has_fee": True, "paid_online": 1}
    import_dossiers(
        [
            dossier("A1", processing_ended=at("2024-03-07"), status=10, **paid),
            dossier("A2", procedure="3.003", has_fee=True, received=at("2024-04-02")),
            dossier("B1", unit="xa-b", processing_ended=at("2024-05-20"), status=10, **paid),
            dossier("N1", unit="xa-moi", received=at("2024-05-03"), procedure="3.003"),
            dossier("T1", unit="tinh", received=at("2024-03-15"), channel=2),
            # still open: on time at the end of March, late at the end of a longer window
            dossier("W1", received=at("2024-03-20"), due=at("2024-04-15", 17)),
        ]
    )
    windows = [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (dt.date(2024, 3, 1), dt.date(2024, 5, 31)),
        (dt.date(2024, 3, 10), dt.date(2024, 5, 20)),  # cuts two months
    ]
    for unit in (world.province, world.district, merged, world.commune):
        for window in windows:
            found, months = engine.overview(unit, *window)
            assert found == engine.breakdown(unit, *window), (unit.code, window)
            assert months == engine.monthly(unit, *window), (unit.code, window)
    found, months = engine.overview(world.district, *windows[0])
    rates = {
        child.code: (value.numerator, value.denominator)
        for child, values in found.rows
        for value in [values["payment_used_procedures_rate"]]
    }
    # fee procedures paid online ÷ used: Xã Thạnh Tân used two, one paid online
    assert rates == {"xa-b": (1, 1), "xa-moi": (0, 1), "xa-a": (1, 2)}
    march = months["2024-03"]["payment_used_procedures_rate"]
    assert (march.numerator, march.denominator) == (1, 1)


def test_a_merged_commune_holds_its_predecessors_row_whatever_their_names(world, catalogue):
    # Xã Thạnh Tân (xa-a) merged on 1 July 2025 into a commune whose name sorts after it: the
    # district's breakdown gave the old commune's dossiers to whichever came first by name
    merge(world.commune, into=UnitFactory(code="xa-moi", name="Xã Vĩnh Mới", parent=world.district))
    import_dossiers(
        [
            dossier("A1", received=at("2025-03-04"), due=at("2025-03-08", 17), status=10,
                    processing_ended=at("2025-03-06")),
            dossier("N1", unit="xa-moi", received=at("2025-09-02"), due=at("2025-09-05", 17)),
            dossier("B1", unit="xa-b", received=at("2025-05-02"), due=at("2025-05-06", 17)),
        ]
    )  # fmt: skip
    year = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))

    def received(window):
        rows = engine.breakdown(world.district, *window).rows
        return {child.code: values["on_time_rate"].denominator for child, values in rows}

    # the year: the commune in force holds its predecessor's dossiers; no row for the old one
    assert received(year) == {"xa-b": 1, "xa-moi": 2}
    # a window while the old commune was in force: its own row, and the new one's (empty)
    assert received((dt.date(2025, 3, 1), dt.date(2025, 3, 31))) == {
        "xa-a": 1,
        "xa-b": 0,
        "xa-moi": 0,
    }
