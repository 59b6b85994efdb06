"""Where a dossier import's memory goes, phase by phase (why the peak grows with the file).

    .venv/bin/python bench/dossiers/memory.py read FILE [--code DIR]   # the block reader alone
    DATABASE_URL=… .venv/bin/python bench/dossiers/memory.py import FILE   # a loaded catalogue

`read`: `columnar.read_dossiers` over the file without storing anything, printing every
million rows the process's resident memory (`/proc/self/status`: VmRSS, and VmHWM, its peak
so far) and what the reader holds across blocks (the codes already read, Polars'
`estimated_size`). `import`: the import as `cchc import-dossiers` runs it (on a database
with the units and catalogue, as `importing.py` or `scale.py load` prepare it), with the
resident memory sampled every 0.2 s and the peak of each phase printed: reading and
writing the rows, making the set-aside indexes again, applying, the facts.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _status() -> dict[str, float]:
    """VmRSS and VmHWM of this process, MB."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _sep, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def read(path: str) -> None:
    from cchc.dossiers import columnar

    captured: list[columnar.BlockReader] = []
    original = columnar.BlockReader.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        captured.append(self)

    columnar.BlockReader.__init__ = remember  # type: ignore[method-assign]
    rows, next_report, started = 0, 1_000_000, time.perf_counter()
    for item in columnar.read_dossiers(path, filename=path):
        rows += len(item) if isinstance(item, columnar.RecordBlock) else 1
        if rows >= next_report:
            next_report += 1_000_000
            held = _held(captured[0].seen) if captured else 0.0
            status = _status()
            print(f"{rows:>11,} rows  {time.perf_counter() - started:7.1f} s  "
                  f"RSS {status['VmRSS']:6.0f} MB  peak {status['VmHWM']:6.0f} MB  "
                  f"codes held {held:6.0f} MB", flush=True)  # fmt: skip
    print(f"done: {rows:,} rows, peak {_status()['VmHWM']:.0f} MB")


def _held(seen) -> float:
    """MB of the codes the reader holds (`SeenCodes`' runs, or one frame in older code)."""
    frames = getattr(seen, "runs", [seen])
    return sum(frame.estimated_size("mb") for frame in frames)


class Sampler(threading.Thread):
    """The resident memory every 0.2 s, its peak per named phase."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.phase, self.peaks, self.started = "read + write", {}, time.perf_counter()
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            rss = _status()["VmRSS"]
            self.peaks[self.phase] = max(self.peaks.get(self.phase, 0.0), rss)

    def enter(self, phase: str) -> None:
        rss = _status()["VmRSS"]
        print(f"{time.perf_counter() - self.started:7.1f} s  RSS {rss:6.0f} MB  → {phase}",
              flush=True)  # fmt: skip
        self.phase = phase


def _phased(sampler: Sampler, owner, name: str, phase: str, after: str) -> None:
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        sampler.enter(phase)
        try:
            return original(*args, **kwargs)
        finally:
            sampler.enter(after)

    setattr(owner, name, wrapper)


def imports(path: str) -> None:
    from cchc.dossiers import columnar, facts, saving, staging, upkeep

    sampler = Sampler()
    _phased(sampler, upkeep.SetAside, "end", "indexes made again", "finish")
    _phased(sampler, staging, "apply", "apply", "finish")
    _phased(sampler, saving.facts, "rebuild", "facts", "finish")
    assert saving.facts is facts
    sampler.start()
    outcome = saving.import_dossiers(columnar.read_dossiers(path, filename=path), file_name=path)
    sampler.stopped.set()
    sampler.enter("done")
    print(f"{outcome.rows:,} rows, {outcome.error_count} errors, saved {outcome.saved}")
    for phase, peak in sampler.peaks.items():
        print(f"  peak while {phase:<20} {peak:6.0f} MB")
    print(f"  peak (VmHWM)                     {_status()['VmHWM']:6.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["read", "import"])
    parser.add_argument("file")
    parser.add_argument("--code", default=str(ROOT), help="a checkout whose cchc package to use")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.code).resolve()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django

    django.setup()
    import cchc

    print(f"code: {Path(cchc.__file__).parent}", flush=True)
    (read if args.what == "read" else imports)(args.file)


if __name__ == "__main__":
    main()
