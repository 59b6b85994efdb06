"""Plans written for decision 0167 (plans0167/): a ward of a merged province, a mountain
commune's short plan, a province department's plan, a plan with a targets appendix and a
766 / PAR criteria plan, and a mountain commune whose title begins "Thực hiện" and whose
targets are lettered. Each has a hand-written NAME.expected.json; `differences` lists
every contract field where an import differs from it, as "tasks[3].due: '…' != '…'"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "plans0167"
PLANS = (
    "phuong_rach_gia", "xa_muong_khuong", "so_tu_phap", "xa_my_quy", "phuong_kinh_bac", "xa_ea_kar",
)  # fmt: skip
FIELDS = {
    "plan": ("issuer", "number", "issued_on", "year", "title", "theme"),
    "legal_bases": ("number", "issued_on", "text"),
    "tasks": (
        "ref", "area", "title", "lead", "coordinators", "products", "deadline", "due",
        "recurrence", "budget_million_vnd",
    ),
    "targets": ("area", "text", "comparator", "value", "unit"),
    "reporting_periods": ("name", "from", "to", "due"),
}  # fmt: skip


def differences(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Every field of the contract where `got` differs from `expected`; a missing or extra
    item counts once per field."""
    out = [
        f"plan.{name}: {got['plan'].get(name)!r} != {expected['plan'][name]!r}"
        for name in FIELDS["plan"]
        if got["plan"].get(name) != expected["plan"][name]
    ]
    for key in ("legal_bases", "tasks", "targets", "reporting_periods"):
        want, have = expected[key], got[key]
        for i in range(max(len(want), len(have))):
            a = want[i] if i < len(want) else {}
            b = have[i] if i < len(have) else {}
            out += [
                f"{key}[{i}].{name}: {b.get(name)!r} != {a.get(name)!r}"
                for name in FIELDS[key]
                if a.get(name) != b.get(name)
            ]
    return out
