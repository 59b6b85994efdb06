"""The `cchc` command: Django's management commands plus the product's own (demo, serve, ...).

`cchc demo`, `cchc serve`, `cchc import-plan FILE` and `cchc migrate` all run through here, so
one entry point reads DATABASE_URL and the other settings the same way. It speaks Vietnamese:
argparse's words, the list of commands and the refusals (cchc/console.py, decision 0168).
"""

from __future__ import annotations

import os
import sys


def _underscored(argv: list[str]) -> list[str]:
    """Product commands are spelt with dashes on the command line (import-plan), Django's
    module names use underscores (import_plan); `cchc help import-plan` too."""
    argv = list(argv)
    named = 2 if len(argv) > 2 and argv[1] == "help" else 1
    if len(argv) > named and not argv[named].startswith("-"):
        argv[named] = argv[named].replace("-", "_")
    return argv


def _utf8_streams() -> None:
    """stdout and stderr in UTF-8 whatever the console's encoding (a Windows pipe in cp1252,
    PYTHONIOENCODING): the contracts' JSON is UTF-8, and a Vietnamese letter must not stop a
    command half-way (decision 0171)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    _utf8_streams()
    argv = _underscored(sys.argv if argv is None else argv)
    from cchc import console

    console.speak_vietnamese()
    try:
        console.Utility(argv).execute()
        sys.stdout.flush()  # a reader gone shows here, not at the interpreter's exit
    except BrokenPipeError:
        # the reader stopped early (`cchc indicators … | head`): nothing more to say, and no
        # traceback; what is still buffered goes nowhere instead of failing again at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
