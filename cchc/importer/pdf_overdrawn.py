"""Text drawn over other text on a PDF page (decision 0170).

LibreOffice prints the last line of a tall repeated table header ('CCHC)', bold) over the
first line of the row under it ('3 cấp chính'); read together, the characters interleave
('C3 CcấHp Cch)ính'). A run of text that lies wholly over a longer run in another font, or
a bold run over plain text, is that overflow and is left out before the page's tables and
lines are read.
"""

from __future__ import annotations


def _runs(chars) -> list[list[dict]]:
    """The page's characters as runs: one font, one baseline, no gap wider than a space."""
    lines: dict[tuple[str, int], list[dict]] = {}
    for char in chars:
        if char.get("text", "").strip():
            lines.setdefault((char.get("fontname", ""), round(char["top"])), []).append(char)
    runs: list[list[dict]] = []
    for line in lines.values():
        line.sort(key=lambda c: c["x0"])
        runs.append([line[0]])
        for char in line[1:]:
            if char["x0"] - runs[-1][-1]["x1"] > 0.6 * char.get("size", 10):
                runs.append([])
            runs[-1].append(char)
    return runs


def _over(a: dict, b: dict) -> bool:
    x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return x > 0.3 * (a["x1"] - a["x0"]) and y > 0.5 * (a["bottom"] - a["top"])


def _bold(run: list[dict]) -> bool:
    return "bold" in run[0].get("fontname", "").lower()


def _overdrawn(run: list[dict], other: list[dict]) -> bool:
    """`run` is drawn over `other`, and is the one to leave out: wholly over a longer run, or
    bold (a header's line) over plain text, even a shorter one ('CCHC)' over '100%')."""
    if other is run or other[0]["fontname"] == run[0]["fontname"]:
        return False
    x0, x1, top = run[0]["x0"], run[-1]["x1"], run[0]["top"]
    if abs(other[0]["top"] - top) >= 0.5 * (run[0]["bottom"] - top):
        return False
    if other[0]["x0"] >= x1 or other[-1]["x1"] <= x0:
        return False
    covered = sum(1 for c in run if any(_over(c, d) for d in other))
    if _bold(run) != _bold(other):
        return _bold(run) and covered * 2 >= len(run)  # the bold one goes, the plain stays
    return len(other) > len(run) and covered == len(run)


def without_overdrawn(page):
    """The page without a run of text drawn over another in another font: LibreOffice prints
    the last line of a tall repeated header ('CCHC)') over the first line of the row under it
    ('3 cấp chính'), and the two read as one ('C3 CcấHp Cch)ính')."""
    runs = _runs(page.chars)
    dropped: set[tuple] = set()
    for run in runs:
        if any(_overdrawn(run, other) for other in runs):
            dropped |= {(c["x0"], c["top"], c["text"]) for c in run}
    if not dropped:
        return page
    return page.filter(
        lambda obj: (
            obj.get("object_type") != "char" or (obj["x0"], obj["top"], obj["text"]) not in dropped
        )
    )
