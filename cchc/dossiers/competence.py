"""Which procedures of the catalogue fall within a unit's competence (version 2 of the
contract): those whose level (`CapThucHien`) names the level of the unit or of a unit below
it. A procedure without a level counts at every level.

Levels are "Cấp tỉnh", "Cấp huyện" and "Cấp xã" (several may be listed, separated by commas
or semicolons); a ward, township or special zone is "Cấp xã". An agency takes the level of
the nearest unit above it that has one (a provincial department is "Cấp tỉnh").
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from cchc.org.access import read_once
from cchc.org.choices import UnitKind
from cchc.org.matching import without_marks
from cchc.org.models import Unit

PROVINCE, DISTRICT, COMMUNE = "tinh", "huyen", "xa"
LEVEL_OF_KIND: dict[str, str] = {
    UnitKind.PROVINCE: PROVINCE,
    UnitKind.DISTRICT: DISTRICT,
    UnitKind.COMMUNE: COMMUNE,
    UnitKind.WARD: COMMUNE,
    UnitKind.TOWNSHIP: COMMUNE,
    UnitKind.SPECIAL_ZONE: COMMUNE,
}
_WORDS = {
    "tinh": PROVINCE,
    "thanh pho truc thuoc trung uong": PROVINCE,
    "huyen": DISTRICT,
    "xa": COMMUNE,
    "phuong": COMMUNE,
    "thi tran": COMMUNE,
    "dac khu": COMMUNE,
}


def _fold(text: str) -> str:
    return " ".join(without_marks(text).split())


@functools.lru_cache(maxsize=1024)
def procedure_levels(text: str) -> frozenset[str] | None:
    """The levels a catalogue's `CapThucHien` names; None when it names none (every level).
    Remembered: a catalogue writes a few dozen distinct texts, and a province's page asks
    about every procedure for each of its units."""
    levels = set()
    for part in re.split(r"[,;]", text):
        words = _fold(part)
        words = words[4:] if words.startswith("cap ") else words
        if words in _WORDS:
            levels.add(_WORDS[words])
    return frozenset(levels) or None


def unit_levels(unit: Unit, known: frozenset[str] | None = None) -> frozenset[str]:
    """The levels of the unit and of every unit below it (`known`: its `levels_of`, when
    already read)."""
    if LEVEL_OF_KIND.get(unit.kind) == COMMUNE:  # nothing below a commune has another level
        return frozenset({COMMUNE})
    return levels_of([unit])[unit.pk] if known is None else known


def levels_of(units: list[Unit]) -> dict[int, frozenset[str]]:
    """`unit_levels` of several units (a unit and those directly below it, say) in two
    queries whatever their number; read once inside `links_read_once` (a province's index
    page wants them for its breakdown and for its transparency criteria)."""
    key = ("levels", frozenset(u.pk for u in units))
    return dict(read_once(key, lambda: _levels_of(units)))


def _levels_of(units: list[Unit]) -> dict[int, frozenset[str]]:
    tree = sorted(Unit.objects.under([u.path for u in units]).values_list("path", "kind"))
    paths = [path for path, _kind in tree]
    agencies = [u for u in units if u.kind not in LEVEL_OF_KIND]
    above_ids = {pk for u in agencies for pk in u.lineage_ids()[:-1]}
    above = dict(Unit.objects.filter(pk__in=above_ids).values_list("pk", "kind"))
    found: dict[int, frozenset[str]] = {}
    for unit in units:
        # a subtree's paths are one run of the sorted paths (those starting with its own)
        low, high = bisect_left(paths, unit.path), bisect_left(paths, unit.path + "\uffff")
        levels = {LEVEL_OF_KIND[k] for _p, k in tree[low:high] if k in LEVEL_OF_KIND}
        if unit in agencies:
            lineage = reversed(unit.lineage_ids()[:-1])
            kinds = [above[pk] for pk in lineage if above.get(pk) in LEVEL_OF_KIND]
            levels.update(LEVEL_OF_KIND[kind] for kind in kinds[:1])
        found[unit.pk] = frozenset(levels)
    return found


def within(procedure_level: str, levels: frozenset[str]) -> bool:
    named = procedure_levels(procedure_level)
    return named is None or bool(named & levels)
