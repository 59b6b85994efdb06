"""Xã Thạnh Tân with its seed-000 plan (report windows 15/12/2023 → 29/02/2024 …), dossiers
in and around the Q1/2024 window, and some tasks reported done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from cchc.dossiers.records import DossierRecord, ProcedureRecord
from cchc.dossiers.saving import import_dossiers, import_procedures
from cchc.importer.saving import import_plan_file
from cchc.plans.models import ReportingPeriod
from cchc.tracking.actions import report_progress
from cchc.tracking.models import Occurrence

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), VN)


def dossier(code: str, unit: str, received: str, ended: str | None, **fields) -> DossierRecord:
    due = dt.date.fromisoformat(received) + dt.timedelta(days=3)
    return DossierRecord(
        row=0,
        code=code,
        procedure_code="1.001",
        unit_code=unit,
        received=at(received),
        due=at(due.isoformat(), 17),
        processing_ended=at(ended) if ended else None,
        status=10 if ended else 4,
        **fields,
    )


def seed_path(prefix: str) -> Path:
    return sorted(SEEDS.glob(f"{prefix}_*.txt"))[0]


def q1_window_of_seed_000(plan) -> ReportingPeriod:
    """The plan's Q1/2024 report window as seed 000 sets it: 15/12/2023 → 29/02/2024, due 11/3."""
    return ReportingPeriod.objects.create(
        plan=plan,
        kind="q1",
        name="Quý I/2024",
        start=dt.date(2023, 12, 15),
        end=dt.date(2024, 2, 29),
        due=dt.date(2024, 3, 11),
    )


def signed_draft(world, number: str, text: dict):
    """Thạnh Tân's Q1/2024 report opened and given its number, place and date (8/3/2024)."""
    from cchc.reports import actions

    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    return actions.edit(
        report,
        by=world.people.focal,
        number=number,
        place="Thạnh Tân",
        signed_on=dt.date(2024, 3, 8),
        text=text,
    )


def done(occurrence: Occurrence, by, day: str) -> None:
    report_progress(occurrence, by=by, state="done", percent=100, at=at(day))


@pytest.fixture
def thanh_tan(world):
    """World's Xã Thạnh Tân (xa-a) with the seed-000 plan issued, dossiers, progress."""
    plan = import_plan_file(
        seed_path("000"), unit=world.commune, by=world.people.focal, status="issued"
    )
    import_procedures([ProcedureRecord(1, "1.001", "Đăng ký khai sinh", returns_document=True)])
    import_dossiers(
        [
            dossier("A1", "xa-a", "2023-12-20", "2023-12-21"),  # in the window, on time
            dossier("A2", "xa-a", "2024-01-10", "2024-01-20"),  # in the window, late
            dossier("A3", "xa-a", "2024-02-26", None),  # unfinished at the window's end
            dossier("A4", "xa-a", "2024-03-05", "2024-03-06"),  # after the window
            dossier("A5", "xa-a", "2023-12-01", "2023-12-02"),  # before the window
            dossier("B1", "xa-b", "2024-01-15", "2024-01-16"),  # the other commune
            dossier("B2", "xa-b", "2024-02-01", "2024-02-10"),
        ]
    )
    in_window = list(
        Occurrence.objects.filter(
            plan=plan, due__gte=dt.date(2023, 12, 15), due__lte=dt.date(2024, 2, 29)
        ).order_by("due", "pk")
    )
    assert len(in_window) >= 3, "seed 000 has tasks due in Q1/2024"
    done(in_window[0], world.people.focal, "2024-01-05")  # done in the window
    done(in_window[1], world.people.focal, "2024-03-05")  # done after the window ended
    return SimpleNamespace(plan=plan, world=world, in_window=in_window)
