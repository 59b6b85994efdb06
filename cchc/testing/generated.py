"""Generated dossiers for tests that compare two computations of the same figures.

Seeded, so a failure can be replayed: a small tree (province → two districts → communes, one
commune merged into another), a catalogue with mixed flags, and dossiers of every shape the
contract knows — refused at intake, open (late or not yet), finished on time or late or
without dates, supplement requests, fees paid online, digitised, electronic results,
apologies — received across a year and a little beyond.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cchc.dossiers.records import DossierRecord, ProcedureRecord
from cchc.org.choices import SuccessionKind, UnitKind
from cchc.org.models import Unit, UnitSuccession

from .factories import UnitFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Generated:
    units: list[Unit]
    procedures: list[ProcedureRecord]
    dossiers: list[DossierRecord]


def tree() -> list[Unit]:
    """gp (province) → gh1, gh2 (districts) → gx1..gx4; gx5 merged into gx4."""
    province = UnitFactory(code="gp", name="Tỉnh Sinh", kind=UnitKind.PROVINCE)
    districts = [
        UnitFactory(code=f"gh{i}", name=f"Huyện {i}", kind=UnitKind.DISTRICT, parent=province)
        for i in (1, 2)
    ]
    communes = [
        UnitFactory(
            code=f"gx{i}", name=f"Xã {i}", kind=UnitKind.COMMUNE, parent=districts[(i - 1) // 3]
        )
        for i in range(1, 6)
    ]
    UnitSuccession.objects.create(
        predecessor=communes[4],
        successor=communes[3],
        kind=SuccessionKind.MERGE,
        effective_on="2024-07-01",
    )
    return [province, *districts, *communes]


def catalogue(rng: random.Random, count: int = 12) -> list[ProcedureRecord]:
    result = []
    for i in range(count):
        fee = rng.random() < 0.5
        result.append(
            ProcedureRecord(
                i + 1,
                f"9.{i:03d}",
                f"Thủ tục sinh {i}",
                full_online_eligible=rng.random() < 0.5,
                has_fee=fee,
                payment_integrated=fee and rng.random() < 0.7,
                returns_document=rng.random() < 0.6,
            )
        )
    return result


def dossier(
    rng: random.Random, code: str, units: list[str], procedures: list[str]
) -> DossierRecord:
    received = dt.datetime(2024, 1, 1, 7, tzinfo=VN) + dt.timedelta(
        minutes=rng.randrange(14 * 31 * 24 * 60)
    )
    due = received + dt.timedelta(days=rng.choice([1, 3, 5, 10, 40]), hours=rng.randrange(9))
    status = rng.choice([3, 4, 5, 7, 10, 10, 10, 10, None])
    ended = None
    if status in (10, None) and rng.random() < 0.85:
        ended = received + dt.timedelta(days=rng.choice([0, 2, 4, 6, 12, 45]), hours=2)
    supplements = rng.choice([0, 0, 0, 1, 2])
    asked = received + dt.timedelta(days=1) if supplements else None
    supplied = (
        asked + dt.timedelta(days=rng.choice([1, 3])) if asked and rng.random() < 0.7 else None
    )
    return DossierRecord(
        row=0,
        code=code,
        procedure_code=rng.choice(procedures),
        unit_code=rng.choice(units),
        received=received,
        due=due,
        processing_ended=ended,
        returned=ended + dt.timedelta(hours=3) if ended and rng.random() < 0.5 else None,
        status=status,
        channel=rng.choice([1, 1, 2, 2, 3]),
        full_online=rng.random() < 0.3,
        paid_online=rng.choice([0, 0, 1, 2]),
        has_fee=rng.random() < 0.5,
        digitised=rng.random() < 0.5,
        reused=rng.random() < 0.3,
        e_result=rng.random() < 0.4,
        supplements=supplements,
        supplement_requested=asked,
        supplement_supplied=supplied,
        apology=rng.random() < 0.2,
    )


def generate(seed: int = 16, count: int = 1500) -> Generated:
    """The tree and catalogue saved; the dossiers returned for the caller to import."""
    rng = random.Random(seed)
    units = tree()
    procedures = catalogue(rng)
    codes = [u.code for u in units]
    names = [p.code for p in procedures]
    dossiers = [dossier(rng, f"G-{i:05d}", codes, names) for i in range(count)]
    return Generated(units, procedures, dossiers)
