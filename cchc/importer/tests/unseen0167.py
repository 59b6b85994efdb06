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


if __name__ == "__main__":  # the differences per plan and format, as 0167 reports them
    import json
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    django.setup()
    from cchc.importer.parse import parse_bytes

    for name in PLANS:
        expected = json.loads((HERE / f"{name}.expected.json").read_text(encoding="utf-8"))
        for ext in ("txt", "docx", "pdf"):
            path = HERE / f"{name}.{ext}"
            found = differences(expected, parse_bytes(path.read_bytes(), path.name))
            print(f"{name:16} {ext:4} {len(found)}")
