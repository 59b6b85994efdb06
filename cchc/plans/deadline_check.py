"""Whether a deadline cell can be followed up: it names a date, a recurrence, or an event to
wait for ("khi có hướng dẫn"). Anything else is text nobody can read as a deadline.

The parser itself is `deadlines.py` (shared with the importer); this module only adds the
judgement the task form and the follow-up make on its result.
"""

from __future__ import annotations

from collections.abc import Callable

from . import deadlines

_names_no_date: Callable[[str], bool] | None
try:  # the parser's own list of forms that wait on an event, when it offers one
    from .deadlines import names_no_date as _names_no_date
except ImportError:  # pragma: no cover - depends on the parser's version
    _names_no_date = None

_WAITING_WORDS = (
    "theo quy dinh", "khi co", "sau khi", "theo huong dan", "theo yeu cau", "theo chi dao",
    "dot xuat", "khi duoc", "theo ke hoach", "theo tien do", "theo thong bao",
)  # fmt: skip


def _fold(text: str) -> str:
    return deadlines.fold(text) if hasattr(deadlines, "fold") else text.lower()


def waits_for_event(text: str) -> bool:
    """True for deadlines that name an event instead of a date ("khi có hướng dẫn")."""
    if _names_no_date is not None and _names_no_date(text):
        return True
    folded = _fold(text)
    return any(word in folded for word in _WAITING_WORDS)


def is_unreadable(text: str, year: int) -> bool:
    """A non-empty deadline naming no date, no recurrence and no event to wait for."""
    text = (text or "").strip()
    if not text:
        return False
    spec = deadlines.parse_deadline(text, year)
    return spec.due is None and not spec.recurrence and not waits_for_event(text)
