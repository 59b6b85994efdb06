"""Figures made exact against the published definitions (version 2 of the contract): rates
rounded half up, a unit's own procedures, and the progress criterion counting the dossiers
handled in the period. Expected numbers are worked out by hand in each test."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.records import ProcedureRecord
from cchc.dossiers.saving import import_dossiers, import_procedures
from cchc.indicators import engine

from .test_engine import VN, at, dossier

MARCH = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))


def pair(value: engine.Value) -> tuple[int, int]:
    return value.numerator, value.denominator


def test_one_dossier_on_time_out_of_32_shows_3_13_percent_as_officials_round(world):
    import_procedures([ProcedureRecord(1, "1.001", "Đăng ký khai sinh")])
    late = [dossier(f"L{n}", processing_ended=at("2024-03-12"), status=10) for n in range(31)]
    import_dossiers([dossier("A", processing_ended=at("2024-03-05"), status=10), *late])
    result = engine.contract_json(world.commune, *MARCH)["indicators"]
    assert result["on_time_rate"] == {"numerator": 1, "denominator": 32, "value": 3.13}
    # 1/800 = 0.125 %: half up gives 0.13 (half to even would give 0.12)
    assert engine.Value(1, 800).value == 0.13
    assert engine.Value(2, 3).value == 66.67
    assert engine.Value(0, 0).value is None


@pytest.fixture
def levelled_catalogue(db):
    import_procedures(
        [
            ProcedureRecord(
                1, "X1", "Xã, tích hợp", level="Cấp xã", has_fee=True, payment_integrated=True
            ),
            ProcedureRecord(2, "X2", "Xã, chưa tích hợp", level="Cấp Xã", has_fee=True),
            ProcedureRecord(3, "H1", "Huyện và xã", level="Cấp huyện; Cấp xã", has_fee=True),
            ProcedureRecord(
                4, "T1", "Tỉnh, tích hợp", level="Cấp tỉnh", has_fee=True, payment_integrated=True
            ),
            ProcedureRecord(5, "T2", "Tỉnh", level="Cấp Tỉnh", has_fee=True),
            ProcedureRecord(
                6, "A1", "Mọi cấp, tích hợp", level="", has_fee=True, payment_integrated=True
            ),
            ProcedureRecord(7, "F1", "Xã, không phí", level="Cấp xã", payment_integrated=True),
        ]
    )


def test_payment_procedures_count_only_the_procedures_within_the_units_competence(
    world, levelled_catalogue
):
    def rate(unit):
        return pair(engine.values(unit, *MARCH)["payment_procedures_rate"])

    # a commune (or a ward): X1, X2, H1 and A1 (no level = every level); X1 and A1 integrated
    assert rate(world.commune) == (2, 4)
    assert rate(world.other) == (2, 4)
    # the district: its own level and the communes' below it — X1, X2, H1, A1
    assert rate(world.district) == (2, 4)
    # the province: every level present in its tree — all six fee-charging procedures
    assert rate(world.province) == (3, 6)
    rows = dict(engine.breakdown(world.district, *MARCH).rows)
    assert pair(rows[world.commune]["payment_procedures_rate"]) == (2, 4)


def test_a_unit_with_no_fee_procedure_of_its_level_shows_no_data(world):
    import_procedures(
        [ProcedureRecord(1, "T1", "Tỉnh", level="Cấp tỉnh", has_fee=True, payment_integrated=True)]
    )
    value = engine.values(world.commune, *MARCH)["payment_procedures_rate"]
    assert value.as_dict() == {"numerator": 0, "denominator": 0, "value": None}


def test_processing_progress_counts_the_dossiers_carried_over_from_before_the_period(world):
    import_procedures([ProcedureRecord(1, "1.001", "Đăng ký khai sinh")])
    feb = {"received": at("2024-02-20"), "due": at("2024-03-05", 17)}
    import_dossiers(
        [
            # received in March (P): on time, late, unfinished within time at 31/3
            dossier("M1", processing_ended=at("2024-03-06"), status=10),
            dossier("M2", processing_ended=at("2024-03-12"), status=10),
            dossier("M3", status=4, due=at("2024-04-10", 17)),
            # received in February, finished in February: not handled in March
            dossier("F1", processing_ended=at("2024-02-27"), status=10, **feb),
            # received in February, finished in March: handled in March, one on time, one late
            dossier("F2", processing_ended=at("2024-03-04"), status=10, **feb),
            dossier("F3", processing_ended=at("2024-03-08"), status=9, **feb),
            # received in February, still unfinished: handled in March, late at 31/3
            dossier("F4", status=4, **feb),
            # received in February, refused at intake: never counted
            dossier("F5", status=3, **feb),
            # finished without any end date: its end is unknown, so not carried over
            dossier("F6", status=10, **feb),
            # received in January, finished on 1/3 00:00 exactly: carried over (E ≥ from)
            dossier(
                "J1",
                received=at("2024-01-10"),
                due=at("2024-03-01", 17),
                processing_ended=dt.datetime(2024, 3, 1, 0, 0, tzinfo=VN),
                status=10,
            ),
            # another commune's carried-over dossier: not this commune's
            dossier("B1", unit="xa-b", status=4, **feb),
        ]
    )
    commune = engine.values(world.commune, *MARCH)
    # on time: M1, M3, F2, J1; handled: M1, M2, M3, F2, F3, F4, J1
    assert commune["processing_progress_rate"].as_dict() == {
        "numerator": 4,
        "denominator": 7,
        "value": 57.14,
    }
    # on_time_rate keeps counting only the dossiers received in March
    assert pair(commune["on_time_rate"]) == (2, 3)
    district = engine.values(world.district, *MARCH)["processing_progress_rate"]
    assert pair(district) == (4, 8)
    rows = dict(engine.breakdown(world.district, *MARCH).rows)
    assert pair(rows[world.other]["processing_progress_rate"]) == (0, 1)
    months = engine.monthly(world.commune, dt.date(2024, 2, 1), dt.date(2024, 3, 31))
    # February: received F1, F2 (finished on time), F3 (finished late), F4 (unfinished, within
    # time at 29/2), F6 (no end date: late); J1 carried over from January, finished on time
    assert pair(months["2024-02"]["processing_progress_rate"]) == (4, 6)
    assert pair(months["2024-03"]["processing_progress_rate"]) == (4, 7)


def test_dossiers_received_before_the_window_are_read_only_for_the_indicators_that_count_them(
    world,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def scans_old_dossiers(codes: list[str]) -> bool:
        with CaptureQueriesContext(connection) as queries:
            engine.monthly(world.commune, *MARCH, engine.definitions(codes))
        # the scan of the dossiers (a window that cuts a month) or their roll-up (whole months)
        return any(
            "first_window" in q["sql"] or "monthfinished" in q["sql"]
            for q in queries.captured_queries
        )

    assert not scans_old_dossiers(["on_time_rate", "reuse_rate"])
    assert scans_old_dossiers(["on_time_rate", "processing_progress_rate"])
