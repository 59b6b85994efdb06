"""Install the browser assets from the npm registry into cchc/static/vendor.

Government intranets cannot reach a CDN, so the app serves Bootstrap, htmx and Chart.js itself.
The files come from the registry at install time (package.json and package-lock.json pin the
versions); nothing is pasted into the repository by hand. Run: `python -m cchc.assets`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VENDOR = Path(__file__).resolve().parent / "static" / "vendor"

# (file inside node_modules, name under static/vendor). The source maps come along: the files
# name them, and `collectstatic` in production refuses a file that names a missing one.
FILES = [
    ("bootstrap/dist/css/bootstrap.min.css", "bootstrap.min.css"),
    ("bootstrap/dist/css/bootstrap.min.css.map", "bootstrap.min.css.map"),
    ("bootstrap/dist/js/bootstrap.bundle.min.js", "bootstrap.bundle.min.js"),
    ("bootstrap/dist/js/bootstrap.bundle.min.js.map", "bootstrap.bundle.min.js.map"),
    ("htmx.org/dist/htmx.min.js", "htmx.min.js"),
    ("chart.js/dist/chart.umd.min.js", "chart.umd.min.js"),
    ("chart.js/dist/chart.umd.min.js.map", "chart.umd.min.js.map"),
]

# Test tools from the registry that stay in node_modules (never served): the browser tests
# inject axe-core to check the public pages' accessibility; `make lint` parses the scripts with
# acorn as old browsers would (decision 0160).
TOOLS = ["axe-core/axe.min.js", "acorn/bin/acorn"]


def missing() -> list[str]:
    return [name for _, name in FILES if not (VENDOR / name).exists()]


def main() -> int:
    modules = PROJECT / "node_modules"
    wanted = [src for src, _ in FILES] + TOOLS
    if not all((modules / src).exists() for src in wanted):
        npm = shutil.which("npm")
        if npm is None:
            print("npm không có trên máy: cần Node.js/npm để cài tài nguyên giao diện.")
            return 1
        command = "ci" if (PROJECT / "package-lock.json").exists() else "install"
        subprocess.run(
            [npm, command, "--no-audit", "--no-fund", "--loglevel=error"], cwd=PROJECT, check=True
        )
    VENDOR.mkdir(parents=True, exist_ok=True)
    for src, name in FILES:
        shutil.copyfile(modules / src, VENDOR / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
