"""The kinds of notification, registered by the apps that send them.

An app declares each kind it sends in its `notices.py`, imported once at start-up by
`NotificationsConfig.ready`:

    register_kind(Kind("due_soon", _("Due soon")))

`notify()` refuses a kind nobody registered, and the notification list and the admin show a
kind by its registered label. `clears_when_done` says whether `clear(about)` — called by the
action that completes what the notification is about — takes notifications of this kind off
the recipients' unread list (a reminder to do something does; a digest does not).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Kind:
    code: str  # stored in Notification.kind: at most 20 characters
    label: str | Promise  # a lazy translation
    clears_when_done: bool = True

    def __post_init__(self):
        if not self.code or len(self.code) > 20:
            raise ValueError(f"a notification kind is 1 to 20 characters: {self.code!r}")


_kinds: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    """Declare a kind (registering the same code again replaces it)."""
    _kinds[kind.code] = kind
    return kind


def get_kind(code: str) -> Kind:
    try:
        return _kinds[code]
    except KeyError:
        raise LookupError(f"no notification kind {code!r} is registered") from None


def all_kinds() -> list[Kind]:
    return list(_kinds.values())


def label_of(code: str) -> str | Promise:
    kind = _kinds.get(code)
    return kind.label if kind else code
