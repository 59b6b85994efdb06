"""Each seed as Word (word) and as that Word file printed to PDF by LibreOffice (wordpdf),
imported and compared field by field with the import of the seed's text (decision 0162,
0166). Prints one line per seed and format: differences, and tasks (text → format).

    .venv/bin/python bench/formats/compare.py [--seeds DIR] [--work DIR] [--show N] [--reuse]
        [--no-rules] [--equal]

With PYTHONPATH pointing at another checkout, the same files are read by that importer
(`--reuse` keeps the .docx and .pdf already built in --work).

Differences counted: each plan field (issuer, number, issued_on, year, title, theme, signer)
that differs; each legal basis, target and reporting period present on one side only; and
for tasks, paired in order, each field that differs (ref, area, title, lead, coordinators,
products, deadline, due, recurrence, budget), a missing or extra task counting all ten.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import django

PLAN = ("issuer", "number", "issued_on", "year", "title", "theme", "signer")
TASK = ("ref", "area", "title", "lead", "coordinators", "products", "deadline", "due",
        "recurrence", "budget_million_vnd")  # fmt: skip


def _key(item: dict, fields: tuple[str, ...]) -> str:
    return json.dumps([item.get(f) for f in fields], ensure_ascii=False)


def differences(base: dict, other: dict) -> list[str]:
    out = [f"plan.{f}: {base['plan'].get(f)!r} → {other['plan'].get(f)!r}"
           for f in PLAN if base["plan"].get(f) != other["plan"].get(f)]  # fmt: skip
    lists = {
        "legal_bases": ("number", "issued_on", "text"),
        "targets": ("area", "text", "comparator", "value", "unit"),
        "reporting_periods": ("name", "from", "to", "due"),
    }
    for name, fields in lists.items():
        a = [_key(x, fields) for x in base[name]]
        b = [_key(x, fields) for x in other[name]]
        out += [f"{name} only in text: {k}" for k in a if k not in b]
        out += [f"{name} only in other: {k}" for k in b if k not in a]
    tasks_a, tasks_b = base["tasks"], other["tasks"]
    for i in range(max(len(tasks_a), len(tasks_b))):
        a = tasks_a[i] if i < len(tasks_a) else {}
        b = tasks_b[i] if i < len(tasks_b) else {}
        for f in TASK:
            if a.get(f) != b.get(f):
                out.append(f"task {i + 1} {f}: {a.get(f)!r} → {b.get(f)!r}")
    return out


def _import(path: Path) -> dict:
    from cchc.importer.parse import parse_file

    return json.loads(json.dumps(parse_file(path), ensure_ascii=False, default=str))


def _pdf(docx: Path) -> Path:
    soffice = shutil.which("soffice") or "soffice"
    profile = docx.parent / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(docx.parent), str(docx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return docx.with_suffix(".pdf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("/work/shared/seeds"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/cchc-formats"))
    parser.add_argument("--show", type=int, default=0, help="print the first N differences")
    parser.add_argument("--reuse", action="store_true", help="keep built .docx/.pdf files")
    parser.add_argument("--no-rules", action="store_true", help="Word tables without borders")
    parser.add_argument("--equal", action="store_true", help="equal columns, as Word adds them")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    django.setup()
    sys.path.insert(0, str(Path(__file__).parent))
    from word_of_text import build

    import cchc

    print(f"importer: {Path(cchc.__file__).parent}")
    args.work.mkdir(parents=True, exist_ok=True)
    print("| seed | tasks (text) | word | wordpdf |\n| --- | --- | --- | --- |")
    for seed in sorted(args.seeds.glob("*.txt")):
        base = _import(seed)
        docx = args.work / f"{seed.stem[:3]}.docx"
        if not (args.reuse and docx.exists()):
            text = seed.read_text(encoding="utf-8")
            build(text, ruled=not args.no_rules, sized=not args.equal).save(str(docx))
        pdf = docx.with_suffix(".pdf")
        if not (args.reuse and pdf.exists()):
            pdf = _pdf(docx)
        cells = [seed.stem[:3], str(len(base["tasks"]))]
        shown: list[str] = []
        for path in (docx, pdf):
            other = _import(path)
            found = differences(base, other)
            cells.append(f"{len(found)} ({len(other['tasks'])} tasks)")
            shown += [f"  {path.suffix[1:]}: {d}" for d in found[: args.show]]
        print("| " + " | ".join(cells) + " |")
        for line in shown:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
