"""Whether a deadline cell can be followed up: it names a date, a recurrence, or an event to
wait for ("khi có hướng dẫn"). Anything else is text nobody can read as a deadline.

The parser itself is `deadlines.py` (shared with the importer); this module only adds the
judgement the task form and the follow-up make on its result.
"""

from __future__ import annotations

from . import deadlines

# The forms that wait on an event ("khi có hướng dẫn", "theo quy định", "sau khi …") are the
# parser's list, `deadlines.names_no_date`, so the task form, the follow-up and the parser read
# one list.
waits_for_event = deadlines.names_no_date


def is_unreadable(text: str, year: int) -> bool:
    """A non-empty deadline naming no date, no recurrence and no event to wait for."""
    text = (text or "").strip()
    if not text:
        return False
    spec = deadlines.parse_deadline(text, year)
    return spec.due is None and not spec.recurrence and not waits_for_event(text)
