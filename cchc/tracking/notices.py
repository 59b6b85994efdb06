"""The kinds of notification the follow-up sends (imported at start-up by the notifications
app, which looks for a `notices.py` in every app).

Reminders about an occurrence clear when it is reported done; a digest or an assignment
clears when its reader opens the dashboard or the task it is about.
"""

from cchc.notifications.kinds import Kind, register_kind

from .choices import NotificationKind

# A direction clears when it is answered (`clear(direction)`); a nudge, an answer, a digest or
# an assignment when its reader opens the page it is about.
_LASTING = {
    NotificationKind.DIGEST,
    NotificationKind.ASSIGNED,
    NotificationKind.DIRECTION_ANSWERED,
    NotificationKind.NUDGE,
}

for _kind in NotificationKind:
    register_kind(Kind(_kind.value, _kind.label, clears_when_done=_kind not in _LASTING))
