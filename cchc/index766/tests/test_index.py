"""The index of a commune recomputed from the definitions (domain/README.md §5, contract v2)
by plain counting over the generated dossiers — never from the code under test."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import call_command

from cchc.index766 import sources
from cchc.index766.board import build
from cchc.index766.models import IndexCriterion, IndexGroup, IndexVersion
from cchc.periods import month, window

from .conftest import COUNT, rules

MARCH = ("2024-03-01", "2024-03-31")


def index_json(unit: str = "xa-a", start: str = MARCH[0], end: str = MARCH[1], *extra) -> dict:
    out = StringIO()
    call_command(
        "index766",
        "--unit",
        unit,
        "--from",
        start,
        "--to",
        end,
        "--format",
        "json",
        *extra,
        stdout=out,
    )
    return json.loads(out.getvalue())


def rate(numerator: int, denominator: int) -> Fraction:
    """The published rate: percent to two decimals, halves up."""
    cents = (Fraction(10000 * numerator, denominator) + Fraction(1, 2)).__floor__()
    return Fraction(cents, 100)


def points(top: int, numerator: int, denominator: int, target: int = 100) -> Fraction:
    raw = Fraction(top) * min(rate(numerator, denominator) / target, Fraction(1))
    return Fraction((raw * 100 + Fraction(1, 2)).__floor__(), 100)


def expected_criteria() -> dict[str, tuple[int, int, Fraction, int]]:
    """criterion -> (numerator, denominator, points, max), counted from the rules."""
    dossiers = [rules(n) for n in range(COUNT)]
    births = [d for d in dossiers if d["procedure"] == "1.001"]  # eligible, returns a document
    fee = [d for d in dossiers if d["fee"]]
    # progress: March's dossiers plus three carried over from February, of which only the one
    # finished on 2/3 is on time (the two unfinished were due on 5/3)
    handled = COUNT + 3
    on_time = sum(1 for d in dossiers if not d["late"]) + 1
    full = sum(1 for d in births if d["full_online"])
    paid = sum(1 for d in fee if d["paid"])
    e_result = sum(1 for d in births if d["e_result"])
    digitised = sum(
        1 for d in dossiers if d["digitised"] and (d["procedure"] != "1.001" or d["e_result"])
    )
    reused = sum(1 for d in dossiers if d["reused"])
    used = {d["procedure"] for d in fee}
    paid_procedures = {d["procedure"] for d in fee if d["paid"]}
    figures = {
        "progress": (on_time, handled, 20, 100),
        "full_online": (full, len(births), 12, 100),
        "online_payment": (paid, len(fee), 4, 100),
        # the commune's fee procedures: 1.001 (integrated) and 1.002; the province's are not
        "payment_integrated": (1, 2, 3, 80),
        "payment_used": (len(paid_procedures), len(used), 3, 100),
        "e_result": (e_result, len(births), 6, 100),
        "digitised": (digitised, COUNT, 4, 80),
        "reuse": (reused, COUNT, 2, 80),
    }
    return {
        code: (num, den, points(top, num, den, target), top)
        for code, (num, den, top, target) in figures.items()
    }


def test_the_communes_total_equals_the_definitions_counted_by_hand(march, no_feedback):
    result = index_json()
    criteria = {c["code"]: c for g in result["groups"] for c in g["criteria"]}
    expected = expected_criteria()
    for code, (num, den, pts, _top) in expected.items():
        got = criteria[code]
        assert (got["numerator"], got["denominator"]) == (num, den), code
        assert got["rate"] == float(rate(num, den)), code
        assert Fraction(str(got["points"])) == pts, code
    # feedback: nothing received, "full points when there is nothing to handle"
    assert criteria["feedback_on_time"]["points"] == 6.0
    # criteria with no source have no data and are left out of the maximum
    for code in ("procedures_published_on_time", "dossier_satisfaction", "citizen_store"):
        assert criteria[code]["rate"] is None and criteria[code]["points"] is None
    total = sum(pts for _n, _d, pts, _t in expected.values()) + 6
    top = sum(t for _n, _d, _p, t in expected.values()) + 6
    assert Fraction(str(result["total"])) == total
    assert result["max"] == top
    # the same figures written out, so a reader can check the arithmetic: progress 33/43 =
    # 76.74 % → 15.35; full-online 5/20 → 3; payment 7/14 → 2; integrated 50 % of 80 % →
    # 1.875 → 1.88 (half up); used 1/2 → 1.5; e-result 16/20 → 4.8; digitised 16/40 → 2;
    # reuse 8/40 → 0.5; feedback 6
    assert (result["total"], result["max"]) == (37.03, 60.0)
    assert result["version"] == 1 and result["unit"] == "xa-a"
    groups = {g["code"]: g for g in result["groups"]}
    assert (groups["online_payment"]["points"], groups["online_payment"]["max"]) == (5.38, 10.0)
    assert groups["transparency"]["points"] is None
    assert [g["code"] for g in result["groups"]] == [
        "transparency",
        "progress",
        "online_service",
        "online_payment",
        "satisfaction",
        "digitisation",
    ]
    assert sum(g["full_max"] for g in result["groups"]) == 100


def test_a_registered_source_feeds_its_criterion_and_full_points_need_the_target(march):
    sources.register("dossier_satisfaction", lambda unit, start, end: (9, 10))
    try:
        criteria = {c["code"]: c for g in index_json()["groups"] for c in g["criteria"]}
    finally:
        sources.register_builtin()
    # 90 % reaches the 90 % target: full points
    assert (
        criteria["dossier_satisfaction"]["rate"],
        criteria["dossier_satisfaction"]["points"],
    ) == (90.0, 6.0)
    # no feedback received in the window: nothing to handle, full points (domain §5)
    assert criteria["feedback_on_time"]["points"] == 6.0


def test_the_district_adds_its_communes_and_ranks_them_worst_first(march, no_feedback):
    from cchc.dossiers.saving import import_dossiers

    from .conftest import march_dossiers

    # the other commune handles every dossier on time and online
    better = march_dossiers(unit="xa-b", prefix="B")
    for record in better:
        record.processing_ended, record.status = record.received, 10
        record.full_online = record.e_result = record.digitised = record.reused = True
    import_dossiers(better)
    world = march
    board = build(world.district, month(2024, 3))
    assert [s.unit.code for s in board.below] == ["xa-a", "xa-b"]
    assert board.below[0].share < board.below[1].share
    progress = {c["code"]: c for g in board.score.as_dict()["groups"] for c in g["criteria"]}
    # xa-b finished even its February dossiers in February: none is carried into March
    assert (progress["progress"]["numerator"], progress["progress"]["denominator"]) == (
        33 + 40,
        43 + 40,
    )


def test_months_of_another_version_are_never_compared(march, no_feedback):
    first = IndexVersion.objects.get(number=1)
    second = IndexVersion.objects.create(
        number=2, name="Bộ chỉ số sửa đổi", valid_from=dt.date(2024, 3, 1)
    )
    group = IndexGroup.objects.create(
        version=second, code="progress", name="Tiến độ", max_points=100
    )
    IndexCriterion.objects.create(
        group=group,
        code="progress",
        name="Tiến độ",
        max_points=100,
        indicator="processing_progress_rate",
    )
    board = build(march.commune, window(dt.date(2024, 1, 1), dt.date(2024, 3, 31)))
    assert board.score.version == first  # the period began under version 1
    assert board.other_version_months == ["2024-03"]
    assert [key for key, _s in board.comparable_months] == ["2024-01", "2024-02"]
    march_only = index_json()
    assert march_only["version"] == 2
    assert (march_only["total"], march_only["max"]) == (76.74, 100.0)


def test_the_command_gives_each_month_and_refuses_an_unknown_unit(march, no_feedback):
    result = index_json("xa-a", "2024-02-01", "2024-03-31", "--by", "month")
    assert set(result["months"]) == {"2024-02", "2024-03"}
    assert result["months"]["2024-03"]["total"] == 37.03
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="xa-z"):
        index_json("xa-z")
    table = StringIO()
    call_command("index766", "--unit", "xa-a", "--from", MARCH[0], "--to", MARCH[1], stdout=table)
    lines = table.getvalue().splitlines()
    assert lines[0] == (
        "xa-a 2024-03-01 – 2024-03-31 (v1): 37.03 / 60.00"
        " — đo được 8/19 tiêu chí (54.00/100.00 điểm)"
    )
    assert any("Tiến độ giải quyết: 15.35 / 20.00" in line for line in lines)
    assert any("chưa có dữ liệu" in line for line in lines)
