"""Arranging a plan's tasks and targets the way the document presents them.

Tasks are shown under their section headings as written ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
"2.1 Theo dõi thi hành pháp luật"). A plan typed by hand without sections is grouped by area,
numbered I, II, III … in the order the areas first appear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .choices import AREA_ORDER, Area

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


def roman(n: int) -> str:
    return ROMAN[n - 1] if 1 <= n <= len(ROMAN) else str(n)


@dataclass
class Heading:
    ref: str
    title: str
    level: int = 0
    is_heading: bool = True


@dataclass
class AreaGroup:
    ref: str
    code: str
    label: str
    items: list = field(default_factory=list)


def task_rows(tasks, sections) -> list:
    """Tasks interleaved with the headings above them, in document order."""
    tasks = list(tasks)
    if any(t.section_id for t in tasks):
        return _rows_by_section(tasks, {s.pk: s for s in sections})
    return _rows_by_area(tasks)


def _rows_by_section(tasks, sections_by_id) -> list:
    rows: list = []
    shown: set[int] = set()
    for task in tasks:
        chain = []
        section = sections_by_id.get(task.section_id)
        while section is not None and section.pk not in shown:
            chain.append(section)
            section = sections_by_id.get(section.parent_id)
        for sec in reversed(chain):
            shown.add(sec.pk)
            level = 0 if sec.parent_id is None else 1
            rows.append(Heading(ref=sec.ref, title=sec.title, level=level))
        rows.append(task)
    return rows


def _rows_by_area(tasks) -> list:
    rows: list = []
    labels = dict(Area.choices)
    previous, count = None, 0
    for task in tasks:
        if task.area != previous:
            count += 1
            previous = task.area
            rows.append(Heading(ref=roman(count), title=str(labels.get(task.area, task.area))))
        rows.append(task)
    return rows


def targets_by_area(targets) -> list[AreaGroup]:
    """Targets grouped by area, areas in the order they first appear in the plan."""
    labels = dict(Area.choices)
    groups: dict[str, AreaGroup] = {}
    for target in targets:
        group = groups.get(target.area)
        if group is None:
            group = AreaGroup(ref="", code=target.area, label=str(labels.get(target.area, "")))
            groups[target.area] = group
        group.items.append(target)
    ordered = sorted(
        groups.values(),
        key=lambda g: AREA_ORDER.index(g.code) if g.code in AREA_ORDER else len(AREA_ORDER),
    )
    for i, group in enumerate(ordered, start=1):
        group.ref = roman(i)
    return ordered
