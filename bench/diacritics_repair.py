"""Share of valid Vietnamese syllables in seed 000 before and after the importer's text repair.

Run: .venv/bin/python bench/diacritics_repair.py [FILE]
"Before" counts the raw extracted text; "after" counts the text the parser works on (tone
marks moved back, words cut across lines rejoined, glued cells split). Acronyms (CCHC, UBND)
are left out of both counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cchc.importer.document import Paragraph, Table
from cchc.importer.layout import build_blocks
from cchc.importer.readers import decode_text, read_text
from cchc.importer.vietnamese import syllable_validity

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_bed1994f170b89cd.txt"


def repaired_text(raw: str) -> str:
    parts: list[str] = []
    for block in build_blocks(read_text(raw)):
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts.extend(cell.text for row in block.rows for cell in row.cells)
    return "\n".join(parts)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        path = Path("/work/shared/seeds/000_bed1994f170b89cd.txt")
    raw = decode_text(path.read_bytes())
    v0, t0 = syllable_validity(raw)
    v1, t1 = syllable_validity(repaired_text(raw))
    before = f"{100 * v0 / t0:.1f}% ({v0}/{t0})"
    after = f"{100 * v1 / t1:.1f}% ({v1}/{t1})"
    print(f"{path.name}: before {before} → after {after}")


if __name__ == "__main__":
    main()
