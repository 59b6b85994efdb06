"""Match a lead or coordinator as written in a plan to one of the unit's posts.

Plans write the same post many ways: "Công chức Văn phòng – Thống kê", "CC VP-TK",
"Văn phòng - thống kê", "Van phong Thong ke". Names are compared after folding case, dashes,
punctuation, diacritics and the usual prefixes ("Công chức", "CC", "Cán bộ", "Bộ phận").
`without_marks` folds case and diacritics only: the one such folding, shared by the plan
importer, the deadline parser and the dossier readers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

PREFIXES = (
    "cong chuc",
    "can bo",
    "cc",
    "cb",
    "cbcc",
    "nguoi phu trach",
    "phu trach",
    "bo phan",
)


def without_marks(text: str) -> str:
    """Lower-case, every diacritic stripped and đ turned into d ("Quý IV" → "quy iv"): how
    the parsers and readers match Vietnamese words written with or without their marks."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d), dashes and punctuation, squeeze spaces."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = re.sub(r"[^0-9a-zA-Z]+", " ", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def key(text: str) -> str:
    """The comparison key: folded, without leading generic prefixes."""
    folded = fold(text)
    changed = True
    while changed:
        changed = False
        for prefix in PREFIXES:
            if folded.startswith(prefix + " ") and len(folded) > len(prefix) + 1:
                folded = folded[len(prefix) + 1 :]
                changed = True
    return folded


def _initials(folded: str) -> str:
    return "".join(word[0] for word in folded.split())


def match_name(text: str, candidates: Iterable[tuple[object, list[str]]]):
    """Return the candidate whose name (or alias) matches `text`, else None.

    `candidates` are (object, [name, alias, ...]). Exact key matches win; then initials
    ("VP TK" ↔ "Văn phòng Thống kê"); ambiguous matches return None so the user decides.
    A name with a note in brackets ("Công chức Văn phòng – Thống kê (phụ trách Nội vụ)") that
    matches nothing is tried again without it.
    """
    candidates = list(candidates)
    found = _match_key(key(text), candidates)
    bare = _BRACKETED.sub(" ", text)
    if found is None and bare != text:
        found = _match_key(key(bare), candidates)
    return found


_BRACKETED = re.compile(r"\([^()]*\)")


def _match_key(wanted: str, candidates: list[tuple[object, list[str]]]):
    if not wanted:
        return None
    exact, by_initials = [], []
    for obj, names in candidates:
        keys = {key(n) for n in names if n}
        if wanted in keys:
            exact.append(obj)
        elif wanted.replace(" ", "") in {_initials(k) for k in keys}:
            by_initials.append(obj)
    if len(exact) == 1:
        return exact[0]
    if not exact and len(by_initials) == 1:
        return by_initials[0]
    return None


def match_post(unit, text: str):
    """The post of `unit` that `text` names, or None."""
    posts = list(unit.posts.all())
    return match_name(text, [(p, [p.name, *p.alias_list()]) for p in posts])
