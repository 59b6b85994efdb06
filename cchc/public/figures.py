"""The figures a unit publishes, as one JSON-ready dict: what the public page shows and what
the open data (JSON, CSV) carries. Aggregates only — counts, rates, procedure codes, dates —
never a person's name, address, phone, nor a task's or a dossier's free text about a person.
The schema is documented in docs/du-lieu-mo.md; `SCHEMA_VERSION` changes when it does.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from cchc.dossiers import publication
from cchc.formats.rounding import half_up
from cchc.index766 import publication as index_publication
from cchc.indicators import engine
from cchc.org.in_force import as_of
from cchc.org.models import Unit
from cchc.tracking.choices import Status
from cchc.tracking.dashboards import unit_dashboard

SCHEMA_VERSION = 1
LICENCE = "CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/deed.vi"
DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)


def _percent(numerator: int, denominator: int) -> float | None:
    return engine.Value(numerator, denominator).value


def progress(unit: Unit, today: dt.date) -> dict[str, object]:
    """The unit's plans of the year: tasks done, late, by area (the plans' sections)."""
    board = unit_dashboard(unit, today.year, today)
    areas = []
    for row in board.areas:
        done = sum(row.counts.get(s, 0) for s in DONE)
        overdue = row.counts.get(Status.OVERDUE, 0)
        areas.append(
            {
                "area": row.code,
                "label": row.label,
                "tasks": row.total,
                "done": done,
                "overdue": overdue,
                "done_percent": _percent(done, row.total),
            }
        )
    done = sum(board.status_counts.get(s, 0) for s in DONE)
    return {
        "year": today.year,
        "plans": [plan.title for plan in board.plans],
        "tasks": board.total,
        "done": done,
        "overdue": board.status_counts.get(Status.OVERDUE, 0),
        "done_percent": _percent(done, board.total),
        "areas": areas,
    }


def last_month(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last complete calendar month before `today`: what a commune publishes each month,
    and a window the monthly facts answer whole (no dossier is scanned)."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def indicators(unit: Unit, today: dt.date) -> dict[str, object]:
    """The dossier indicators of the last complete month, summed over the units below."""
    start, end = last_month(today)
    definitions = engine.definitions()
    values = engine.values(unit, start, end, definitions)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "items": [
            {
                "code": d.code,
                "name": d.name,
                "kind": d.kind,
                "numerator": values[d.code].numerator,
                "denominator": values[d.code].denominator,
                "value": values[d.code].value if d.kind == d.Kind.RATE else None,
            }
            for d in definitions
        ],
    }


def procedures(unit: Unit) -> list[dict[str, object]]:
    """The procedures within the unit's competence whose publication was decided."""
    parts = set(publication.PART_CODES)
    return [
        {
            "code": p.code,
            "name": p.name,
            "field": p.field,
            "publication_decided": p.publication_decided.isoformat(),
            "on_national_db": p.on_national_db,
            "all_parts": parts <= set(p.parts or ()),
        }
        for p in publication.within_competence(unit)
        if p.publication_decided
    ]


PUBLISHED_MONTHS = 12  # the published index shown: the last twelve months published


def _share(points, max_points) -> float | None:
    """The points as a percentage of the maximum, by the one rounding rule (half up, exact)."""
    if points is None or not max_points:
        return None
    return float(half_up(Fraction(points) * 100 / Fraction(max_points)))


def published_index(unit: Unit) -> list[dict[str, object]]:
    """The service index the unit published, month by month (newest first, the last twelve):
    its points over the maximum that had data, by group, and every correction with its reason
    — never who published it."""
    months = []
    for month in index_publication.published(unit)[:PUBLISHED_MONTHS]:
        current = month.current
        # its coverage; no share when the criteria measured weigh under half (decision 0163)
        reading = month.reading
        share = None if reading["share"] is None else _share(current.total, current.max_points)
        months.append(
            {
                "month": month.key,
                "points": None if current.total is None else float(current.total),
                "max": float(current.max_points),
                "share": share,
                "measured_criteria": reading["measured_criteria"],
                "criteria_count": reading["criteria_count"],
                "measured_max": reading["measured_max"],
                "full_max": reading["full_max"],
                "revision": current.revision,
                "published_on": current.published_at.date().isoformat(),
                "groups": [
                    {"code": g["code"], "name": g["name"], "points": g["points"], "max": g["max"]}
                    for g in current.snapshot.get("groups", [])
                ],
                "corrections": [
                    {
                        "revision": row.revision,
                        "reason": row.reason,
                        "published_on": row.published_at.date().isoformat(),
                    }
                    for row in month.versions
                    if row.revision > 1
                ],
            }
        )
    return months


def unit_figures(unit: Unit, today: dt.date) -> dict[str, object]:
    day = as_of(unit, today)
    return {
        "schema_version": SCHEMA_VERSION,
        "licence": LICENCE,
        "unit": {"code": unit.code, "name": unit.name},
        "as_of": day.isoformat(),
        "progress": progress(unit, day),
        "indicators": indicators(unit, day),
        "procedures": procedures(unit),
        "index766": published_index(unit),
    }
