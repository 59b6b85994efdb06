"""Duties written as prose: the 'Tổ chức thực hiện' section that gives each office its work as
bullets under the office's name instead of a task table (seeds 001 §VI and 002 §IV).

Read only when the document has no task table. Under a numbered office heading
("1. Công chức Tư pháp – hộ tịch:"), each "- " bullet is one task led by that office; "+ "
lines belong to the bullet above; a paragraph written before the first bullet, or alone under
an office with no bullets, is a task too. A paragraph after the bullets of the last office is
the plan's closing text ("Trên đây là …", "Nơi nhận:"); with a bullet or an office after it,
it was a line of the duty above (a PDF's line that begins a sentence). Every such task carries
the flag `from_prose` ("đọc từ văn bản") so that the reviewer checks it, and has no deadline.
A figure inside a duty ("số hóa 100% hồ sơ …") is a target linked to the office.
"""

from __future__ import annotations

import re

from .areas import guess_area
from .columns import UNIT_START
from .sections import Placed
from .targets import find_quantities
from .vietnamese import fold

_SECTION = re.compile(r"to chuc thuc hien|phan cong (thuc hien|nhiem vu|trach nhiem)")
_OFFICE_LINE = re.compile(r"^\s*(\d{1,2})[.)]\s+(.+)$")
_BULLET = re.compile(r"^\s*[-–•]\s+")
_SUB_BULLET = re.compile(r"^\s*[+*▪]\s+")
_CLOSING = re.compile(r"^(tren day|noi nhan|tm\.|kt\.|chu tich|pho chu tich)")


def office_name(title: str) -> str:
    """The office as the heading names it: 'Đề nghị Công an xã:' → 'Công an xã'."""
    name = " ".join(title.split()).strip(" :;.")
    name = re.sub(r"\s+\)", ")", name)
    return re.sub(r"^(?:Đề nghị|đề nghị)\s+", "", name)


def _is_office(title: str) -> bool:
    return bool(UNIT_START.match(office_name(title))) or bool(
        re.match(r"^(phu trach|dai |mat tran|doan the|cac doan the)", fold(office_name(title)))
    )


def _office_of(item: Placed) -> tuple[str, str] | None:
    """(ref, name) of the office heading a paragraph sits under, inside the section."""
    path = item.path
    if not path or not any(h.level == 1 and _SECTION.search(fold(h.title)) for h in path):
        return None
    last = path[-1]
    if last.level != 2 or not _is_office(last.title):
        return None
    return last.ref, office_name(last.title)


def duties_from_prose(placed: list[Placed]) -> tuple[list[dict], list[dict]]:
    """Tasks and targets read from the offices' duty bullets, in document order."""
    groups: list[dict] = []
    for item in placed:
        text = item.paragraph.text.strip()
        office = _office_of(item)
        if office is None or not text:
            continue
        wrapped_heading = _OFFICE_LINE.match(text)
        if (
            wrapped_heading
            and not _BULLET.match(text)
            and _is_office(wrapped_heading.group(2))
            and groups
            and wrapped_heading.group(1) != groups[-1]["ref"]
        ):
            # a long office name the outline did not take as a heading ("7. Công chức … )")
            _release(groups[-1])
            groups.append(_group(wrapped_heading.group(1), office_name(wrapped_heading.group(2))))
            groups[-1]["key"] = office  # the paragraphs below still sit under the heading above
            continue
        if not groups or groups[-1]["key"] != office:
            if groups:
                _release(groups[-1])
            groups.append(_group(*office))
        group = groups[-1]
        if group["closed"] or _CLOSING.match(fold(text)):
            group["closed"] = True
            continue
        _add_to(group, text, item)
    tasks: list[dict] = []
    targets: list[dict] = []
    for group in groups:
        for k, (text, item) in enumerate(group["duties"], start=1):
            ref = f"{group['ref']}.{k}"
            tasks.append(_task(ref, group["name"], text, item))
            for quantity in find_quantities(text.replace("\n", " ")):
                targets.append(
                    {
                        "area": tasks[-1]["area"],
                        "text": quantity.text,
                        "comparator": quantity.comparator,
                        "value": quantity.value,
                        "unit": quantity.unit,
                        "source_line": item.paragraph.line,
                        "task_ref": ref,
                        "lead": [group["name"]],
                        "source_text": text,
                        "area_guessed": True,
                        "from_prose": True,
                    }
                )
    return tasks, targets


def _add_to(group: dict, text: str, item: Placed) -> None:
    """One paragraph under an office: a duty, a part of the duty above, or held back (`held`)
    until a bullet or the next office after it shows it was a duty's own line and not the
    plan's closing text."""
    duties = group["duties"]
    if _BULLET.match(text) or (_SUB_BULLET.match(text) and duties):
        _release(group)
        if _BULLET.match(text):
            duties.append([_BULLET.sub("", text), item])
        else:
            duties[-1][0] += "\n" + text
    elif group["held"]:
        group["held"].append(text)
    elif duties and _continues(duties[-1][0], text):
        duties[-1][0] += " " + text  # a line of a PDF pasted into Word
    elif not duties:
        duties.append([text, item])  # the office's opening sentence
    else:
        # a sentence after a finished duty: a printed line that begins a new sentence of that
        # duty ("… pháp luật." / "Kiểm tra việc …", a PDF) when a bullet or an office follows,
        # else the plan's closing text after the last office
        group["held"].append(text)


def _release(group: dict) -> None:
    """The held sentences were the last duty's own lines: a bullet or another office follows."""
    if group["held"] and not group["closed"]:
        group["duties"][-1][0] += " " + " ".join(group["held"])
    group["held"] = []


def _continues(duty: str, text: str) -> bool:
    """A paragraph that goes on with the duty above: it starts in lower case, or the duty's
    sentence is unfinished. A plan pasted from a PDF into Word keeps every printed line as a
    paragraph; read as a closing paragraph, it dropped the office's remaining bullets."""
    return text[:1].islower() or not duty.rstrip().endswith((".", ";", ":", "!", "?", "…"))


def _group(ref: str, name: str) -> dict:
    return {
        "ref": ref,
        "name": name,
        "duties": [],
        "closed": False,
        "held": [],
        "key": (ref, name),
    }


def _task(ref: str, office: str, text: str, item: Placed) -> dict:
    title = " ".join(text.split())
    return {
        "ref": ref,
        "area": guess_area(title) or "other",
        "title": title.rstrip(" ;"),
        "lead": [office],
        "coordinators": [],
        "products": [],
        "deadline": "",
        "due": None,
        "recurrence": None,
        "budget_million_vnd": None,
        "source_line": item.paragraph.line,
        "section_ref": None,
        "periods": [],
        "needs_date": True,
        "flags": ["from_prose", "area_guessed"],
        "from_prose": True,
        "source_text": text,
    }
