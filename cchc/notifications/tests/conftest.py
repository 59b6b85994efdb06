import re

import pytest
from django.utils.translation import gettext_lazy as _

from cchc.notifications.kinds import Kind, register_kind

# Kinds of a pretend app, as an app registers them at start-up.
register_kind(Kind("report_due", _("Report due")))
register_kind(Kind("report_news", _("Weekly digest"), clears_when_done=False))


def bell(client) -> int:
    """The number on the bell of the main menu (0 when there is no badge)."""
    page = client.get("/plans/").content.decode()
    found = re.search(r'bell-count">(\d+)<', page)
    return int(found.group(1)) if found else 0


@pytest.fixture
def send():
    from cchc.notifications.actions import notify

    def _send(kind, users, key, about=None, **kwargs):
        kwargs.setdefault("title", f"Thông báo {key}")
        return notify(kind, users, key=key, about=about, **kwargs)

    return _send
