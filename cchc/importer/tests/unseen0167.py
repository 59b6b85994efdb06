"""Plans nobody here had seen, written for decisions 0167 (plans0167/: a ward of a merged
province, a mountain commune's short plan, a province department's plan, a targets appendix,
a 766 / PAR criteria plan, a title beginning "Thực hiện" with lettered targets) and 0169
(plans0169/: a province plan with Roman area rows, a commune table with the time column
before the lead and multi-line deadlines, a plan typed with old-style tone marks, decomposed
letters and non-breaking spaces, a ward targets table with a row that is no figure, two task
appendices with continuing numbers and budgets, a short plan in prose) and 0174
(plans0174/: a plan issued with its approving decision, an amending plan listing only the
changed tasks, two task tables in different column orders on landscape pages with "Từ … đến
…" times, a district's 2024 plan with a budget in "nghìn đồng", targets in one bullet and in a
"Năm 2025 | Kế hoạch 2026" table, a ward plan with a blank number and day) and 0178
(plans0178/: a ward table whose time is two columns under one header, a province department
naming the communes collectively and joining units with "+", an area column merged down its
rows under a note on abbreviations, sub-tasks 1.1.1 and a), b), footnotes and a signature
beside "Nơi nhận:", a .txt copied from the PDF with its cells cut into lines) and 0184
(plans0184/: duties in prose with their lead in brackets and a deputy signing "KT. CHỦ TỊCH",
a lead column of officials' titles with dates written eight ways, a "DANH MỤC" of reports as
its own appendix table, a .txt table pasted from a chat tool in Markdown pipes, "Phần I" /
"Mục 1" headings over "A.", "B." area rows, a table pasted page by page with its header
repeated and a row cut). Each has a
hand-written NAME.expected.json; `differences` lists every contract field where an import
differs from it, as "tasks[3].due: '…' != '…'"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
FOLDERS = {
    "plans0167": (
        "phuong_rach_gia", "xa_muong_khuong", "so_tu_phap", "xa_my_quy", "phuong_kinh_bac",
        "xa_ea_kar",
    ),
    "plans0169": (
        "tinh_gia_lai", "xa_tan_hoi", "xa_phu_rieng", "phuong_hoa_binh", "xa_hai_lang",
        "xa_dak_mil",
    ),
    "plans0174": (
        "xa_vinh_hung", "phuong_tan_an", "xa_phuoc_long", "huyen_chau_thanh", "xa_an_thanh",
        "phuong_cao_lanh",
    ),
    "plans0178": (
        "phuong_long_hoa", "so_noi_vu_lam_dong", "xa_duc_linh", "xa_hoa_an", "phuong_binh_thuy",
        "xa_my_an",
    ),
    "plans0184": (
        "xa_tan_phu_dong", "phuong_phu_thuy", "xa_hoa_thanh", "xa_thoi_lai", "phuong_ninh_kieu",
        "xa_vinh_thanh",
    ),
}  # fmt: skip
# every plan as its path without the extension: plans0169/xa_tan_hoi
PLANS = tuple(TESTS / folder / name for folder, names in FOLDERS.items() for name in names)
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
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    django.setup()
    from cchc.importer.parse import parse_bytes

    verbose = "-v" in sys.argv
    for plan in PLANS:
        expected = json.loads(plan.with_suffix(".expected.json").read_text(encoding="utf-8"))
        for ext in ("txt", "docx", "pdf"):
            path = plan.with_suffix(f".{ext}")
            found = differences(expected, parse_bytes(path.read_bytes(), path.name))
            print(f"{plan.parent.name}/{plan.name:16} {ext:4} {len(found)}")
            for line in found if verbose else ():
                print("    " + line)
