"""The `cchc` command: Django's management commands plus the product's own (demo, serve, ...).

`cchc demo`, `cchc serve`, `cchc import-plan FILE` and `cchc migrate` all run through here, so
one entry point reads DATABASE_URL and the other settings the same way.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1:
        # Product commands are spelt with dashes on the command line (import-plan), Django's
        # module names use underscores (import_plan).
        argv[1] = argv[1].replace("-", "_") if not argv[1].startswith("-") else argv[1]
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
