"""Checks of a parsed plan against itself and against the unit it is uploaded to.

- A task due before the plan's own date (the plan issued on 08/03 with a task due "Tháng
  02/2024") is most likely a misread or an old task copied forward: flagged and warned.
- A plan whose issuer names another unit than the one it is uploaded to (a commune uploading
  the district's plan, or the neighbour's) is warned: the plan would become that unit's plan.
"""

from __future__ import annotations

import re

from .vietnamese import fold

_ISSUER_WORDS = re.compile(r"^(ubnd|uy ban nhan dan|u\.b\.n\.d\.?)\s+")


def task_label(task: dict) -> str:
    """How a warning names a task: its number, or where it stands when the plan gives none."""
    return task["ref"] or f"ở dòng {task['source_line']} (“{task['title'][:40]}”)"


def deadlines_before_plan(tasks: list[dict], issued_on: str | None, warnings: list[str]) -> None:
    """Flag and warn about tasks whose due date falls before the plan's date."""
    if not issued_on:
        return
    early = [t for t in tasks if t.get("due") and t["due"] < issued_on]
    for task in early:
        task["flags"].append("due_before_plan")
    if early:
        names = ", ".join(task_label(t) for t in early)
        day = "/".join(reversed(issued_on.split("-")))
        warnings.append(
            f"{len(early)} nhiệm vụ có hạn trước ngày ban hành kế hoạch ({day}): {names}; "
            "hãy kiểm tra thời hạn."
        )


def _place(name: str) -> str:
    """'UBND xã Thạnh Tân', 'Ủy ban nhân dân xã Thạnh Tân', 'Xã Thạnh Tân' → 'xa thanh tan'."""
    folded = " ".join(fold(name).replace(".", ". ").split())
    return _ISSUER_WORDS.sub("", folded).strip()


def issuer_warning(parsed: dict, unit) -> str | None:
    """A Vietnamese warning when the plan's issuer is not the unit it is uploaded to."""
    issuer = ((parsed.get("plan") or {}).get("issuer") or "").strip()
    if not issuer or unit is None:
        return None
    if _place(issuer) == _place(unit.name):
        return None
    return (
        f"Kế hoạch do “{issuer}” ban hành nhưng đang được nhập cho đơn vị “{unit.name}”; "
        "hãy kiểm tra đúng đơn vị trước khi lưu."
    )


def with_unit_warnings(parsed: dict, unit) -> dict:
    """The parsed plan with the unit check's warning added (once)."""
    warning = issuer_warning(parsed, unit)
    warnings = list(parsed.get("warnings") or [])
    if warning and warning not in warnings:
        warnings.append(warning)
    return {**parsed, "warnings": warnings}
