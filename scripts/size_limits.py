"""Modules over 500 lines and functions over 60 lines (issue 10's limits), outside tests and
migrations: `python scripts/size_limits.py [--check] [folder …]` (default `cchc`). Demo data
(`demo.py`, `demo_*.py`) is listed too; the limits exempt it. With `--check` (`make lint`), the
exit status is 1 when anything else is over."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MODULE_LINES, FUNCTION_LINES = 500, 60


def over_limits(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if {"tests", "migrations", ".venv"} & set(path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MODULE_LINES:
            found.append(f"module   {path} {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    found.append(f"function {path}:{node.lineno} {node.name} {length} lines")
    return found


def is_demo(line: str) -> bool:
    name = Path(line.split()[1].split(":")[0]).name
    return name == "demo.py" or name.startswith("demo_")


if __name__ == "__main__":
    args = sys.argv[1:]
    check = "--check" in args
    folders = [arg for arg in args if arg != "--check"] or ["cchc"]
    over = [line for folder in folders for line in over_limits(Path(folder))]
    for line in over:
        print(line + (" (demo data, exempt)" if is_demo(line) else ""))
    sys.exit(1 if check and not all(map(is_demo, over)) else 0)
