"""Modules over 500 lines and functions over 60 lines (issue 10's limits), outside tests and
migrations: `python scripts/size_limits.py [folder …]` (default `cchc`). Demo data is listed
too; the limits exempt it."""

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


if __name__ == "__main__":
    for folder in sys.argv[1:] or ["cchc"]:
        for line in over_limits(Path(folder)):
            print(line)
