"""The criteria of the index the product cannot compute from what it holds, entered by hand.

The dossier files carry no synchronisation status, no citizen's rating per dossier, no
"taken from the citizen's data store" flag and nothing about population data; whether a
commune offers electronic certified copies is no dossier at all. Each of these criteria is a
figure (`cchc.figures`) a unit enters per month with its evidence, on the figures page
(code `index766_<criterion>`), and summed over the unit's tree as every figure is: a
criterion scores only in the windows where something was entered, and without an entry it
has no data and leaves the maximum (`scoring.py`).

Why the satisfaction survey does not stand in for "satisfaction with dossier handling": the
criterion takes away each dossier rated dissatisfied, complained about **or** late, once; the
survey's answers are anonymous by design (decision 0063) and tied to no dossier, so a
dossier both late and rated dissatisfied could not be taken away once; and the survey
measures SIPAS, which domain README §6 keeps apart from the 766 criteria.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from cchc.org.access import succession_links, with_predecessors
from cchc.org.models import Unit, holders

# criterion code → (figure name, numerator label, denominator label, measured in)
FIGURES: dict[str, tuple[str, str, str, str]] = {
    "dossiers_synchronised": (
        "Chỉ số 766 – Hồ sơ đồng bộ trạng thái lên Cổng DVC quốc gia",
        "Số hồ sơ được đồng bộ đầy đủ trạng thái",
        "Số hồ sơ tiếp nhận",
        "hồ sơ",
    ),
    "dossier_satisfaction": (
        "Chỉ số 766 – Hài lòng về giải quyết hồ sơ",
        "Số hồ sơ không bị đánh giá không hài lòng, không bị khiếu nại và không trễ hạn",
        "Số hồ sơ giải quyết",
        "hồ sơ",
    ),
    "certified_copies": (
        "Chỉ số 766 – Cấp bản sao điện tử có chứng thực",
        "Số xã cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
        "Số xã",
        "xã",
    ),
    "citizen_store": (
        "Chỉ số 766 – Hồ sơ lấy dữ liệu từ kho dữ liệu của công dân",
        "Số hồ sơ có thành phần lấy từ kho dữ liệu của công dân trên Cổng DVC quốc gia",
        "Số hồ sơ tiếp nhận",
        "hồ sơ",
    ),
    "population_dossiers": (
        "Chỉ số 766 – Hồ sơ khai thác dữ liệu dân cư (cấp tỉnh)",
        "Số hồ sơ khai thác, sử dụng dữ liệu dân cư",
        "Số hồ sơ tiếp nhận",
        "hồ sơ",
    ),
    "population_procedures": (
        "Chỉ số 766 – TTHC khai thác dữ liệu dân cư (cấp tỉnh)",
        "Số TTHC đã khai thác, sử dụng dữ liệu dân cư",
        "Số TTHC có yêu cầu thông tin dân cư",
        "thủ tục",
    ),
}


def figure_code(criterion: str) -> str:
    return f"index766_{criterion}"


def install(definition_model) -> int:
    """Add the figures of the hand-entered criteria that are missing (version 1), after the
    built-in ones; takes the model so the data migration can pass its historical one."""
    added = 0
    for order, (criterion, (name, numerator, denominator, unit)) in enumerate(
        FIGURES.items(), start=1
    ):
        _row, created = definition_model.objects.get_or_create(
            code=figure_code(criterion),
            version=1,
            defaults={
                "name": name,
                "numerator_label": numerator,
                "denominator_label": denominator,
                "measured_in": unit,
                "requires_evidence": True,
                "order": 1000 + order * 10,
            },
        )
        added += created
    return added


Window = tuple[dt.date, dt.date]


def figures_of(units: list[Unit], windows: Mapping[int, Sequence[Window]]):
    """Per (unit id, window) — `windows` maps each unit's id to its windows — each
    criterion's (sum of numerators, sum of denominators) over the entries of the unit's tree
    (and the units it succeeded) whose period ends in the window, or None when nothing was
    entered: one query whatever the number of units."""
    from cchc.figures.models import FigureEntry

    codes = {figure_code(c): c for c in FIGURES}
    links = succession_links()
    scopes = {unit.pk: with_predecessors([unit.path], links) for unit in units}
    every = [w for unit_windows in windows.values() for w in unit_windows]
    low, high = min(w[0] for w in every), max(w[1] for w in every)
    rows = FigureEntry.objects.filter(
        definition__code__in=codes, definition__active=True, end__gte=low, end__lte=high
    ).values_list("definition__code", "unit__path", "end", "numerator", "denominator")
    mine: dict[int, list] = {pk: [] for pk in scopes}
    holding = holders(scopes)  # each entry's units found from its path, in the rows' order
    for row in rows:
        for pk in holding(row[1]):
            mine[pk].append(row)
    found = {}
    for pk in scopes:
        for start, end in windows[pk]:
            sums: dict[str, tuple[int, int]] = {}
            for code, _path, day, numerator, denominator in mine[pk]:
                if start <= day <= end:
                    n, d = sums.get(codes[code], (0, 0))
                    sums[codes[code]] = (n + numerator, d + (denominator or 0))
            found[pk, (start, end)] = {c: sums.get(c) for c in FIGURES}
    return found
